"""Whom the group's surveys and dialogues reached: the target group, channel and everyday environment, and
whether and how vulnerable children, young people and families were reached. A proposal is sent to the
steering group only when this has been recorded (services.lifecycle.proposal_send reads reach_problem)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import DomainError

from ..models import DialogueRecord, Reach, Survey
from .common import clean, locked_for_edit, log_event, refuse_personal_data

REACH_FIELDS = ("target_group", "channel", "environment", "vulnerable_reached", "vulnerable_how")


def reach_values(
    *, target_group: str, channel: str, environment: str, vulnerable_reached: str, vulnerable_how: str
) -> dict:
    """The reach, cleaned and checked: every part is needed, and how vulnerable families were reached (or
    why not) is written in words without personal data."""
    target_group, environment = clean(target_group, 300), clean(environment, 300)
    vulnerable_how = clean(vulnerable_how)
    if not target_group:
        raise DomainError(_("Say whom it was meant for (the target group)."), code="target_group_required")
    if channel not in Reach.Channel.values:
        raise DomainError(_("Choose the channel."), code="channel_required")
    if not environment:
        raise DomainError(_("Say in which everyday environment it took place."), code="environment_required")
    if vulnerable_reached not in Reach.Vulnerable.values:
        raise DomainError(
            _("Say whether vulnerable children, young people and families were reached."),
            code="vulnerable_required",
        )
    if not vulnerable_how:
        raise DomainError(
            _("Write how vulnerable children, young people and families were reached, or why not."),
            code="vulnerable_how_required",
        )
    refuse_personal_data(target_group, "target_group_personal_data")
    refuse_personal_data(vulnerable_how, "vulnerable_how_personal_data")
    return {
        "target_group": target_group,
        "channel": channel,
        "environment": environment,
        "vulnerable_reached": vulnerable_reached,
        "vulnerable_how": vulnerable_how,
    }


def reach_given(values: dict) -> bool:
    """Whether any part of a reach was typed (a dialogue can be recorded first and its reach later)."""
    return any((values.get(name) or "").strip() for name in REACH_FIELDS)


def reach_apply(record: Reach, values: dict) -> dict:
    before = {name: getattr(record, name) for name in REACH_FIELDS}
    for name, value in values.items():
        setattr(record, name, value)
    record.reach_recorded_at = timezone.now()
    return before


@transaction.atomic
def reach_record(*, actor, record: Survey | DialogueRecord, **values) -> Survey | DialogueRecord:
    """Records (or corrects) whom a survey or a dialogue reached."""
    process = locked_for_edit(actor, record.process)
    record = type(record).objects.select_for_update().get(pk=record.pk, process=process)
    values = reach_values(**values)
    before = reach_apply(record, values)
    record.save(update_fields=[*REACH_FIELDS, "reach_recorded_at", "updated_at"])
    log_event(process, actor, _("Reach recorded: %(title)s") % {"title": str(record)[:200]})
    audit_record(actor=actor, action="codevelopment.reach_record", obj=record, before=before, after=values)
    return record


def reach_problem(process) -> str:
    """Why the process's proposal cannot be sent yet for lack of a recorded reach, or "" when it can: at
    least one survey or dialogue, and the reach of every dialogue and of every survey that was opened."""
    dialogues = list(process.dialogues.all())
    surveys = list(process.surveys.exclude(status=Survey.Status.DRAFT))
    records = [*dialogues, *surveys]
    if not any(r.reach_recorded for r in records):
        return _(
            "Before the proposal is sent, record at least one dialogue or survey and whom it reached: "
            "the target group, channel and environment, and whether and how vulnerable children, young "
            "people and families were reached."
        )
    missing = [str(r)[:80] for r in records if not r.reach_recorded]
    if missing:
        return _(
            "Record whom these dialogues and surveys reached before the proposal is sent "
            "(target group, channel, environment and vulnerable families): %(list)s"
        ) % {"list": "; ".join(missing)}
    return ""
