"""Observations for support staff, read-only: the texts may hold personal data until a collector has
redacted them, and every change goes through the triage pages (services, audit)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin

from .models import EnrichmentNote, FamilyMessage, Observation, TeamReview, Theme

HELD = _("[held for review]")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "status", "held", "kind", "family_centre", "area", "source"]
    list_filter = ["status", "held", "source", "environment", "age_group", "family_centre"]
    search_fields = ["=id", "=followup_code"]
    date_hierarchy = "created_at"
    list_select_related = ["family_centre", "area"]
    # SECURITY: the family's email address is never shown, and held text only as a mark: what may
    # identify someone leaves the triage pages only once a collector has redacted it.
    fields = [
        "id",
        "shown_text",
        "kind",
        "environment",
        "age_group",
        "area",
        "family_centre",
        "themes",
        "observed_on",
        "source",
        "author",
        "status",
        "archive_reason",
        "merged_into",
        "held",
        "held_reasons",
        "language",
        "triaged_at",
        "created_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("what was noticed"))
    def shown_text(self, obj: Observation) -> str:
        return str(HELD) if obj.held else obj.text


@admin.register(EnrichmentNote)
class EnrichmentNoteAdmin(ReadOnlyAdmin):
    list_display = ["observation", "created_at", "created_by"]
    list_select_related = ["observation", "created_by"]
    exclude = ["text"]  # SECURITY: a note may quote the held text.


@admin.register(FamilyMessage)
class FamilyMessageAdmin(ReadOnlyAdmin):
    list_display = ["observation", "key", "sent_at"]
    list_select_related = ["observation"]


@admin.register(TeamReview)
class TeamReviewAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "created_at", "created_by"]
    list_select_related = ["meeting", "created_by"]
