"""Phenomena, initiatives and decisions for support staff, read-only: every change has rules and an
audit trail in the services behind the pages, and decisions are a public register that is never edited."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import (
    AgendaEntry,
    AnalysisContributor,
    Decision,
    Initiative,
    Phenomenon,
    PhenomenonComment,
    Referral,
    ReferralAnswer,
)


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


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "sender", "subject", "created_at"]
    list_filter = ["subject"]
    search_fields = ["=id", "title"]
    list_select_related = ["sender"]
    exclude = ["observation"]  # an observation may hold personal data; see it on the pages


@admin.register(ReferralAnswer)
class ReferralAnswerAdmin(ReadOnlyAdmin):
    list_display = ["id", "referral", "team", "answered_at"]
    list_select_related = ["referral", "team"]


@admin.register(AnalysisContributor)
class AnalysisContributorAdmin(ReadOnlyAdmin):
    list_display = ["id", "phenomenon", "user", "invited_at"]
    list_select_related = ["phenomenon", "user"]


@admin.register(PhenomenonComment)
class PhenomenonCommentAdmin(ReadOnlyAdmin):
    list_display = ["id", "phenomenon", "created_by", "created_at"]
    list_select_related = ["phenomenon", "created_by"]
