"""Phenomena, initiatives and decisions for support staff, read-only: every change has rules and an
audit trail in the services behind the pages, and decisions are a public register that is never edited."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import AgendaEntry, Decision, Initiative, Phenomenon


@admin.register(Phenomenon)
class PhenomenonAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "status", "kind", "scale", "family_centre", "created_at"]
    list_filter = ["status", "kind", "scale", "family_centre"]
    search_fields = ["=id", "title"]
    date_hierarchy = "created_at"
    list_select_related = ["family_centre"]
    exclude = ["observations"]  # linked observations may hold personal data; see them on the pages


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["id", "phenomenon", "proposal", "status", "group", "created_at"]
    list_filter = ["status", "proposal"]
    search_fields = ["=id", "phenomenon__title"]
    list_select_related = ["phenomenon", "group"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "group", "initiative", "created_at"]
    list_filter = ["kind", "group"]
    search_fields = ["=number", "reasons"]
    list_select_related = ["group", "initiative"]


@admin.register(AgendaEntry)
class AgendaEntryAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "agenda_item"]
    list_select_related = ["initiative", "agenda_item"]
