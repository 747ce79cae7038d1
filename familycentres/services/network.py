"""Writes to the network. Every change is checked here and audited in the same transaction."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import audit_record, snapshot
from core.errors import ConflictError, DomainError

from ..agenda_links import is_site_path, link_choices
from ..models import AgendaItem, Attendance, Group, Meeting, Membership
from ..permissions import can_manage_meetings, can_rotate_calendar_token
from ..signals import meeting_created

MEETING_FIELDS = ["title", "starts_at", "ends_at", "location", "video_url"]


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise DomainError(_("The meeting must end after it starts."), code="meeting_times")


def meeting_check_started(meeting: Meeting) -> None:
    """What happens at a meeting (its minutes, its decisions) cannot be recorded before it has started."""
    if meeting.starts_at > timezone.now():
        raise ConflictError(
            _(
                "The meeting has not started yet: it starts %(when)s. Record this once the meeting has started."
            )
            % {"when": date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")},
            code="meeting_not_started",
        )


def _check_agenda_open(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.PLANNED:
        raise ConflictError(
            _("The agenda can be changed only before the meeting, while it is planned."),
            code="meeting_not_planned",
        )


@transaction.atomic
def meeting_create(
    *,
    actor,
    group: Group,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    video_url: str = "",
) -> Meeting:
    if not can_manage_meetings(actor, group):
        raise PermissionDenied
    return meeting_create_authorised(
        actor=actor,
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_url=video_url,
    )


@transaction.atomic
def meeting_create_authorised(
    *,
    actor,
    group: Group,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    video_url: str = "",
) -> Meeting:
    """Creates the meeting for a caller that has already checked a permission of its own (a developer
    group's facilitator plans the group's meetings through codevelopment). Invites the current members."""
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.create(
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_url=video_url,
        created_by=actor,
    )
    member_ids = set(Membership.objects.current().filter(group=group).values_list("user_id", flat=True))
    Attendance.objects.bulk_create([Attendance(meeting=meeting, user_id=uid) for uid in sorted(member_ids)])
    audit_record(actor=actor, action="meeting.create", obj=meeting, after=snapshot(meeting, MEETING_FIELDS))
    meeting_created.send(sender=Meeting, meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    video_url: str = "",
) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    if meeting.status == Meeting.Status.CANCELLED:
        raise ConflictError(_("A cancelled meeting cannot be changed."), code="meeting_cancelled")
    _check_times(starts_at, ends_at)
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.title, meeting.starts_at, meeting.ends_at = title, starts_at, ends_at
    meeting.location, meeting.video_url = location, video_url
    meeting.sequence += 1
    meeting.save(update_fields=[*MEETING_FIELDS, "sequence", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.update",
        obj=meeting,
        before=before,
        after=snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    if meeting.status != Meeting.Status.PLANNED:
        raise ConflictError(_("Only a planned meeting can be cancelled."), code="meeting_not_planned")
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.cancel",
        obj=meeting,
        before={"status": "planned"},
        after={"status": "cancelled"},
    )
    return meeting


@transaction.atomic
def meeting_record_minutes(
    *, actor, meeting: Meeting, minutes: str, attendance: dict[int, str] | None = None
) -> Meeting:
    """Marks the meeting held and stores its minutes (they can be corrected later, with history).

    The minutes record who attended: ``attendance`` maps invited people's user ids to their status, and
    the minutes are refused while anyone is still only "invited" (present, absent or excused are asked)."""
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ConflictError(_("A cancelled meeting has no minutes."), code="meeting_cancelled")
    meeting_check_started(meeting)
    rows = {a.user_id: a for a in meeting.attendances.select_related("user")}
    for user_id, status in (attendance or {}).items():
        if user_id not in rows:
            raise DomainError(_("This person was not invited to the meeting."), code="attendance_person")
        if status not in Attendance.Status.values:
            raise DomainError(_("Unknown attendance status."), code="attendance_status")
        if status != rows[user_id].status:
            rows[user_id] = attendance_set(
                actor=actor, meeting=meeting, user=rows[user_id].user, status=status
            )
    missing = sorted(
        (a.user.full_name or a.user.email for a in rows.values() if a.status == Attendance.Status.INVITED),
        key=str.casefold,
    )
    if missing:
        raise DomainError(
            _("Record the attendance with the minutes: mark %(names)s present, absent or excused.")
            % {"names": ", ".join(missing)},
            code="attendance_required",
        )
    return meeting_minutes_store(actor=actor, meeting=meeting, minutes=minutes)


@transaction.atomic
def meeting_minutes_store(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    """Stores the minutes (a developer group's memo) for a caller that has already checked a permission of
    its own; marks the meeting held. Audited with the text before and after."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ConflictError(_("A cancelled meeting has no minutes."), code="meeting_cancelled")
    meeting_check_started(meeting)
    before = {"status": meeting.status, "minutes": meeting.minutes}
    meeting.status = Meeting.Status.HELD
    meeting.minutes = minutes
    meeting.save(update_fields=["status", "minutes", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.minutes",
        obj=meeting,
        before=before,
        after={"status": "held", "minutes": minutes},
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *, actor, meeting: Meeting, title: str, description: str = "", link: str = ""
) -> AgendaItem:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    _check_agenda_open(meeting)
    # The row lock on the meeting serialises numbering, so two secretaries never get the same number.
    link_label = ""
    if link:
        # SECURITY: only a link the registered sources offer this person for this meeting.
        offered = dict(link_choices(actor, meeting))
        if link not in offered or not is_site_path(link):
            raise DomainError(
                _("The link cannot be attached to this agenda."), code="agenda_link_not_offered"
            )
        link_label = offered[link][:200]
    last = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=last + 1,
        title=title,
        description=description,
        link_url=link,
        link_label=link_label,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="agenda_item.add",
        obj=item,
        after=snapshot(item, ["order", "title", "description", "link_url", "link_label"]),
    )
    return item


@transaction.atomic
def agenda_item_update(*, actor, item: AgendaItem, title: str, description: str = "") -> AgendaItem:
    """Corrects an item's title and description before the meeting."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    _check_agenda_open(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if not title.strip():
        raise DomainError(_("Give the item a title."), code="title_required")
    before = snapshot(item, ["title", "description"])
    item.title, item.description = title, description
    item.save(update_fields=["title", "description", "updated_at"])
    audit_record(
        actor=actor,
        action="agenda_item.update",
        obj=item,
        before=before,
        after=snapshot(item, ["title", "description"]),
    )
    return item


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Swaps the item with its neighbour ("up" or "down") before the meeting; numbering stays 1..n."""
    if direction not in ("up", "down"):
        raise DomainError(_("Move the item up or down."), code="direction")
    # The meeting row lock serialises reordering with adding, as numbering does.
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    _check_agenda_open(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    items = meeting.agenda_items.all()
    neighbour = (
        items.filter(order__lt=item.order).order_by("-order").first()
        if direction == "up"
        else items.filter(order__gt=item.order).order_by("order").first()
    )
    if neighbour is None:
        raise ConflictError(
            _("The item is already first on the agenda.")
            if direction == "up"
            else _("The item is already last on the agenda."),
            code="agenda_edge",
        )
    mine, theirs = item.order, neighbour.order
    # (meeting, order) is unique: park the item at 0 (never a real number) while the neighbour moves.
    AgendaItem.objects.filter(pk=item.pk).update(order=0)
    AgendaItem.objects.filter(pk=neighbour.pk).update(order=mine)
    AgendaItem.objects.filter(pk=item.pk).update(order=theirs)
    item.order = theirs
    audit_record(
        actor=actor, action="agenda_item.move", obj=item, before={"order": mine}, after={"order": theirs}
    )
    return item


@transaction.atomic
def attendance_set(*, actor, meeting: Meeting, user, status: str) -> Attendance:
    if not can_manage_meetings(actor, meeting.group):
        raise PermissionDenied
    if status not in Attendance.Status.values:
        raise DomainError(_("Unknown attendance status."), code="attendance_status")
    attendance, _created = Attendance.objects.select_for_update().get_or_create(meeting=meeting, user=user)
    before = {"status": attendance.status}
    attendance.status = status
    attendance.save(update_fields=["status"])
    audit_record(
        actor=actor, action="attendance.set", obj=attendance, before=before, after={"status": status}
    )
    return attendance


@transaction.atomic
def membership_add(*, actor, group: Group, user, role: str, organisation=None) -> Membership:
    if not (getattr(actor, "is_staff", False) or can_manage_meetings(actor, group)):
        raise PermissionDenied
    if Membership.objects.current().filter(group=group, user=user, role=role).exists():
        raise ConflictError(_("This person already has this role in the group."), code="membership_exists")
    membership = Membership.objects.create(
        group=group, user=user, role=role, organisation=organisation, created_by=actor
    )
    audit_record(
        actor=actor,
        action="membership.add",
        obj=membership,
        after=snapshot(membership, ["group", "user", "role"]),
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, ended_on=None) -> Membership:
    from django.utils import timezone

    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not (getattr(actor, "is_staff", False) or can_manage_meetings(actor, membership.group)):
        raise PermissionDenied
    if membership.ended_on is not None:
        raise ConflictError(_("This membership has already ended."), code="membership_ended")
    membership.ended_on = ended_on or timezone.localdate()
    membership.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor, action="membership.end", obj=membership, after={"ended_on": str(membership.ended_on)}
    )
    return membership


@transaction.atomic
def group_calendar_token_rotate(*, actor, group: Group) -> Group:
    """Invalidates every existing subscription link of the group's calendar (e.g. after it leaked)."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    if not can_rotate_calendar_token(actor, group):
        raise PermissionDenied
    group.ical_token = secrets.token_urlsafe()
    group.save(update_fields=["ical_token", "updated_at"])
    audit_record(actor=actor, action="group.calendar_token_rotate", obj=group)
    return group
