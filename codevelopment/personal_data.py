"""What co-development holds about a person, for their data export: what they wrote in the developer
groups' workspaces (log entries, hypotheses, root causes, dialogue records, updates, comments on drafts,
follow-up evaluations, sub-team evaluations) and the invitations they accepted. Each is named by its
developer group."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.personal_data import newest_first, record

from .models import (
    ConsultationComment,
    DialogueRecord,
    FollowUpPoint,
    Hypothesis,
    Invitation,
    ProcessUpdate,
    RootCause,
    SubteamEvaluation,
    WorkLogEntry,
)


def written_in_codevelopment(user) -> list[dict]:
    records = []

    def add(queryset, what, text, at="created_at", group=lambda o: o.process.group.name):
        for obj in queryset:
            records.append(record(what, getattr(obj, at), text(obj), group(obj)))

    add(
        WorkLogEntry.objects.filter(created_by=user).select_related("process__group"),
        _("Log entry"),
        lambda o: o.text,
    )
    add(
        Hypothesis.objects.filter(created_by=user).select_related("process__group"),
        _("Hypothesis"),
        lambda o: o.statement,
    )
    add(
        RootCause.objects.filter(created_by=user).select_related("process__group"),
        _("Root cause"),
        lambda o: o.text,
    )
    add(
        DialogueRecord.objects.filter(created_by=user).select_related("process__group"),
        _("Dialogue"),
        lambda o: o.heard,
    )
    add(
        ProcessUpdate.objects.filter(created_by=user).select_related("process__group"),
        _("Update"),
        lambda o: f"{o.title}\n{o.body}",
    )
    add(
        ConsultationComment.objects.filter(author=user).select_related("consultation__process__group"),
        _("Comment on a draft"),
        lambda o: o.text,
        group=lambda o: o.consultation.process.group.name,
    )
    add(
        FollowUpPoint.objects.filter(recorded_by=user).select_related("metric__process__group"),
        _("Follow-up result"),
        lambda o: "\n\n".join(t for t in (o.evaluation_families, o.evaluation_professionals) if t),
        at="recorded_at",
        group=lambda o: o.metric.process.group.name,
    )
    add(
        SubteamEvaluation.objects.filter(created_by=user).select_related("process__group"),
        _("Sub-team evaluation"),
        lambda o: o.text,
    )
    add(
        Invitation.objects.filter(accepted_by=user).select_related("process__group"),
        _("Invitation accepted"),
        lambda o: o.get_role_display(),
        at="accepted_at",
    )
    return newest_first(records)
