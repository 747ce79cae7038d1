"""Meetings of a process: planning (type, structure, roles), the shared record with conflict detection,
holding, evaluation."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, snapshot
from core.errors import ConflictError, DomainError
from core.text import clean_input
from core.transitions import lock

from ..models import RECORD_MAX_CHARS, NetworkMeeting, NetworkProcess, ServiceSetting
from ..permissions import can_edit_process, can_plan, can_write_record, is_lp_negotiation_qualified

STRUCTURE_OF_KIND = {
    NetworkMeeting.Kind.LP_DISCUSSION: NetworkMeeting.Structure.LP_DISCUSSION,
    NetworkMeeting.Kind.LP_NEGOTIATION: NetworkMeeting.Structure.LP_NEGOTIATION,
}

# The structure a new record starts from, so the recorder writes along the agreed structure.
RECORD_TEMPLATES = {
    NetworkMeeting.Structure.HYPOTHESIS: (
        lambda: _("What is this about?"),
        lambda: _("Possible explanations"),
        lambda: _("Possible solutions"),
    ),
    NetworkMeeting.Structure.HELP_MAP: (
        lambda: _("The family's goal"),
        lambda: _("What already helps"),
        lambda: _("Who helps and how"),
    ),
    NetworkMeeting.Structure.LP_DISCUSSION: (
        lambda: _("Everyday life at home"),
        lambda: _("Everyday life in early childhood education or school"),
        lambda: _("Leisure"),
        lambda: _("Strengths"),
        lambda: _("Vulnerabilities"),
    ),
    NetworkMeeting.Structure.LP_NEGOTIATION: (
        lambda: _("The family's wishes"),
        lambda: _("Strengths and vulnerabilities"),
        lambda: _("What each of us does"),
    ),
}


def record_template(structure: str) -> str:
    return "".join(f"{heading()}\n\n\n" for heading in RECORD_TEMPLATES.get(structure, ()))


class RecordConflict(ConflictError):
    """Someone saved the record after the version this save started from. Carries the saved text."""

    def __init__(self, message, *, current_text: str, current_version: int):
        super().__init__(message, code="record_conflict")
        self.current_text = current_text
        self.current_version = current_version


def _check_roles(process: NetworkProcess, kind: str, chair, recorder) -> None:
    allowed = {process.convener_id, *process.responsible_ids()} | set(
        process.participants.filter(user__isnull=False, removed_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    if chair.pk not in allowed:
        raise DomainError(_("The chair must take part in the process."), code="chair")
    if recorder.pk not in allowed:
        raise DomainError(_("The recorder must take part in the process."), code="recorder")
    if kind == NetworkMeeting.Kind.LP_NEGOTIATION and not is_lp_negotiation_qualified(chair):
        raise DomainError(_("Only a worker trained for LP network negotiation can chair one."), code="chair")


@transaction.atomic
def meeting_plan(
    *,
    actor,
    process: NetworkProcess,
    kind: str,
    structure: str,
    starts_at: datetime.datetime,
    chair,
    recorder,
    service_setting: str = "",
    place: str = "",
) -> NetworkMeeting:
    process = lock(process)
    if not can_edit_process(actor, process):
        raise PermissionDenied
    if kind not in NetworkMeeting.Kind.values:
        raise DomainError(_("Choose the meeting type."), code="kind")
    if kind in STRUCTURE_OF_KIND:
        structure = STRUCTURE_OF_KIND[kind]
        if service_setting not in ServiceSetting.values:
            raise DomainError(_("Choose the service setting of the LP meeting."), code="service_setting")
    else:
        if structure not in (NetworkMeeting.Structure.HYPOTHESIS, NetworkMeeting.Structure.HELP_MAP):
            raise DomainError(_("Choose the structure of the meeting."), code="structure")
        if service_setting and service_setting not in ServiceSetting.values:
            raise DomainError(_("Choose the service setting of the LP meeting."), code="service_setting")
    _check_roles(process, kind, chair, recorder)
    meeting = NetworkMeeting.objects.create(
        process=process,
        kind=kind,
        structure=structure,
        service_setting=service_setting,
        starts_at=starts_at,
        place=clean_input(place, limit=200),
        chair=chair,
        recorder=recorder,
        record=record_template(structure),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="networkmeetings.meeting_plan",
        obj=meeting,
        after=snapshot(meeting, ["kind", "structure", "service_setting", "chair", "recorder"]),
    )
    return meeting


@transaction.atomic
def record_save(*, actor, meeting: NetworkMeeting, text: str, base_version: int) -> NetworkMeeting:
    """Saves the shared record. A save that started from an older version than the stored one is refused
    with the stored text, so the second writer sees both versions and nothing is lost."""
    meeting = lock(meeting, "process")
    if not can_write_record(actor, meeting):
        raise PermissionDenied
    text = (text or "").replace("\r\n", "\n")
    if len(text) > RECORD_MAX_CHARS:
        raise DomainError(
            _("The record is too long (at most %(n)s characters).") % {"n": RECORD_MAX_CHARS}, code="text"
        )
    text = clean_input(text, limit=RECORD_MAX_CHARS)
    if int(base_version) != meeting.record_version:
        raise RecordConflict(
            _(
                "Someone else saved the record while you were writing. Both versions are shown below: combine them and save again."
            ),
            current_text=meeting.record,
            current_version=meeting.record_version,
        )
    meeting.record = text
    meeting.record_version += 1
    meeting.save(update_fields=["record", "record_version", "updated_at"])
    audit_record(
        actor=actor,
        action="networkmeetings.record_save",
        obj=meeting,
        after={"record_version": meeting.record_version},
    )
    return meeting


@transaction.atomic
def meeting_conclude(
    *,
    actor,
    meeting: NetworkMeeting,
    next_meeting_on: datetime.date | None,
    evaluation_family: int | None,
    evaluation_workers: int | None,
) -> NetworkMeeting:
    """Marks the meeting held with the next meeting's date and the evaluation of how well the family's
    wellbeing was strengthened (1–5, by the family and by the workers)."""
    meeting = lock(meeting, "process")
    if not can_plan(actor, meeting):
        raise PermissionDenied
    for value, code in ((evaluation_family, "evaluation_family"), (evaluation_workers, "evaluation_workers")):
        if value is not None and not 1 <= int(value) <= 5:
            raise DomainError(_("The evaluation is a number from 1 to 5."), code=code)
    if next_meeting_on is not None and next_meeting_on < timezone.localdate():
        raise DomainError(_("The next meeting cannot be in the past."), code="next_meeting_on")
    fields = ["status", "next_meeting_on", "evaluation_family", "evaluation_workers"]
    before = snapshot(meeting, fields)
    meeting.status = NetworkMeeting.Status.HELD
    meeting.next_meeting_on = next_meeting_on
    meeting.evaluation_family = evaluation_family
    meeting.evaluation_workers = evaluation_workers
    meeting.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="networkmeetings.meeting_conclude",
        obj=meeting,
        before=before,
        after=snapshot(meeting, fields),
    )
    return meeting
