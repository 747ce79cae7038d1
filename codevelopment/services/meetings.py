"""Writes for the developer group's meetings, their memos and structured dialogues. Same rules as every
co-development write: atomic, permission checked again here, audited, and a line in the running log."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.dates import display_datetime
from core.errors import DomainError
from familycentres import services as familycentres_services
from familycentres.models import Meeting

from ..models import DevelopmentProcess, DialogueRecord
from .common import clean, locked_for_edit, log_event, refuse_personal_data
from .reach import REACH_FIELDS, reach_apply, reach_given, reach_values


@transaction.atomic
def meeting_plan(
    *,
    actor,
    process: DevelopmentProcess,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    video_url: str = "",
) -> Meeting:
    """The coordinator or facilitator plans a meeting of the developer group; its members are invited."""
    process = locked_for_edit(actor, process)
    title = clean(title, 200)
    if not title:
        raise DomainError(_("Give the meeting a title."), code="title_required")
    meeting = familycentres_services.meeting_create_authorised(
        actor=actor,
        group=process.group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=clean(location, 200),
        video_url=video_url,
    )
    log_event(
        process,
        actor,
        _("Meeting planned: %(title)s, %(when)s")
        % {"title": title, "when": display_datetime(meeting.starts_at)},
    )
    return meeting


@transaction.atomic
def meeting_memo_save(*, actor, process: DevelopmentProcess, meeting: Meeting, memo: str) -> Meeting:
    """Stores the memo of a developer-group meeting as the meeting's minutes (audited there)."""
    process = locked_for_edit(actor, process)
    if meeting.group_id != process.group_id:
        raise PermissionDenied
    memo = clean(memo, 100_000)
    if not memo:
        raise DomainError(_("Write the memo."), code="memo_required")
    had_memo = bool(meeting.minutes)
    meeting = familycentres_services.meeting_minutes_store(actor=actor, meeting=meeting, minutes=memo)
    text = _("Memo corrected: %(title)s") if had_memo else _("Memo written: %(title)s")
    log_event(process, actor, text % {"title": meeting.title})
    return meeting


@transaction.atomic
def dialogue_add(
    *,
    actor,
    process: DevelopmentProcess,
    method: str,
    held_on: datetime.date,
    question: str,
    participants: str,
    heard: str,
    reach: dict | None = None,
) -> DialogueRecord:
    """Records a dialogue; `reach` (services.reach.REACH_FIELDS) may be given now or recorded later."""
    process = locked_for_edit(actor, process)
    if method not in DialogueRecord.Method.values:
        raise DomainError(_("Choose a valid method."), code="invalid_method")
    question, participants, heard = clean(question), clean(participants), clean(heard, 20_000)
    if not question:
        raise DomainError(_("Write the question of the dialogue."), code="question_required")
    if not participants:
        raise DomainError(_("Say who took part, by role or group."), code="participants_required")
    if not heard:
        raise DomainError(_("Write what was heard."), code="heard_required")
    refuse_personal_data(participants, "participants_personal_data")
    refuse_personal_data(heard, "heard_personal_data")
    record = DialogueRecord(
        process=process,
        method=method,
        held_on=held_on,
        question=question,
        participants=participants,
        heard=heard,
        created_by=actor,
    )
    if reach and reach_given(reach):
        reach_apply(record, reach_values(**{name: reach.get(name) or "" for name in REACH_FIELDS}))
    record.save()
    log_event(
        process,
        actor,
        _("Dialogue recorded (%(method)s): %(question)s")
        % {"method": record.get_method_display(), "question": question[:200]},
    )
    audit_record(
        actor=actor,
        action="codevelopment.dialogue_add",
        obj=record,
        after={
            "method": method,
            "held_on": str(held_on),
            **{name: getattr(record, name) for name in REACH_FIELDS},
        },
    )
    return record
