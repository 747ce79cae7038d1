from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.errors import ConflictError, DomainError
from core.models import AuditEvent
from familycentres import services
from familycentres.models import Meeting, Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return MembershipFactory(role=Membership.Role.SECRETARY)


def _times():
    start = timezone.now() + timedelta(days=1)
    return start, start + timedelta(hours=2)


def test_meeting_create_rejects_end_before_start(secretary):
    start, _end = _times()
    with pytest.raises(DomainError):
        services.meeting_create(
            actor=secretary.user, group=secretary.group, title="x", starts_at=start, ends_at=start
        )
    assert not Meeting.objects.exists()


def test_meeting_create_denied_without_role():
    member = MembershipFactory(role=Membership.Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=member.user, group=member.group, title="x", starts_at=_times()[0], ends_at=_times()[1]
        )


def test_meeting_cancel_only_from_planned(secretary):
    meeting = MeetingFactory(group=secretary.group)
    services.meeting_cancel(actor=secretary.user, meeting=meeting)
    with pytest.raises(ConflictError):
        services.meeting_cancel(actor=secretary.user, meeting=meeting)
    with pytest.raises(ConflictError):
        services.meeting_record_minutes(actor=secretary.user, meeting=meeting, minutes="x")
    with pytest.raises(ConflictError):
        services.agenda_item_add(actor=secretary.user, meeting=meeting, title="x")
    assert AuditEvent.objects.filter(action="meeting.cancel").count() == 1


def test_meeting_update_of_cancelled_is_conflict(secretary):
    meeting = MeetingFactory(group=secretary.group, status=Meeting.Status.CANCELLED)
    start, end = _times()
    with pytest.raises(ConflictError):
        services.meeting_update(
            actor=secretary.user, meeting=meeting, title="y", starts_at=start, ends_at=end
        )


def test_minutes_on_planned_meeting_mark_it_held_and_keep_history(secretary):
    meeting = MeetingFactory(group=secretary.group, started=True)
    services.meeting_record_minutes(actor=secretary.user, meeting=meeting, minutes="Ensimmäinen versio")
    services.meeting_record_minutes(actor=secretary.user, meeting=meeting, minutes="Korjattu versio")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    events = AuditEvent.objects.filter(action="meeting.minutes").order_by("id")
    assert [e.after["minutes"] for e in events] == ["Ensimmäinen versio", "Korjattu versio"]
    assert events[1].before["minutes"] == "Ensimmäinen versio"


def test_membership_add_twice_is_conflict(staff_user, user):
    group = GroupFactory()
    services.membership_add(actor=staff_user, group=group, user=user, role=Membership.Role.MEMBER)
    with pytest.raises(ConflictError):
        services.membership_add(actor=staff_user, group=group, user=user, role=Membership.Role.MEMBER)


def test_membership_end_then_end_again_is_conflict(staff_user):
    membership = MembershipFactory()
    services.membership_end(actor=staff_user, membership=membership)
    with pytest.raises(ConflictError):
        services.membership_end(actor=staff_user, membership=membership)


def test_membership_add_denied_for_plain_member(user):
    member = MembershipFactory(role=Membership.Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.membership_add(actor=member.user, group=member.group, user=user, role=Membership.Role.MEMBER)


def test_ended_membership_no_longer_grants_management():
    chair = MembershipFactory(role=Membership.Role.CHAIR)
    chair.ended_on = timezone.localdate()
    chair.save()
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=chair.user, group=chair.group, title="x", starts_at=_times()[0], ends_at=_times()[1]
        )


def test_attendance_set_rejects_unknown_status(secretary, user):
    meeting = MeetingFactory(group=secretary.group)
    with pytest.raises(DomainError):
        services.attendance_set(actor=secretary.user, meeting=meeting, user=user, status="maybe")
    attendance = services.attendance_set(actor=secretary.user, meeting=meeting, user=user, status="present")
    assert attendance.status == "present"


def test_minutes_refused_before_the_meeting_has_started(secretary):
    meeting = MeetingFactory(group=secretary.group)
    with pytest.raises(ConflictError) as exc:
        services.meeting_record_minutes(actor=secretary.user, meeting=meeting, minutes="Etukäteen")
    assert exc.value.code == "meeting_not_started"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED and meeting.minutes == ""
    # The shared path of a developer group's memo obeys the same rule.
    with pytest.raises(ConflictError):
        services.meeting_minutes_store(actor=secretary.user, meeting=meeting, minutes="Muistio")


def test_minutes_ask_for_attendance_of_everyone_invited(secretary):
    start = timezone.now() - timedelta(hours=1)
    meeting = services.meeting_create(
        actor=secretary.user,
        group=secretary.group,
        title="Kokous",
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=2),
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    other = MembershipFactory(group=secretary.group, role=Membership.Role.MEMBER).user
    meeting.attendances.create(user=other)
    with pytest.raises(DomainError) as exc:
        services.meeting_record_minutes(
            actor=secretary.user, meeting=meeting, minutes="x", attendance={secretary.user_id: "present"}
        )
    assert exc.value.code == "attendance_required"
    assert (other.full_name or other.email) in exc.value.message
    assert meeting.attendances.get(user=secretary.user).status == "invited"  # nothing half-saved
    with pytest.raises(DomainError) as exc:
        services.meeting_record_minutes(
            actor=secretary.user,
            meeting=meeting,
            minutes="x",
            attendance={secretary.user_id: "present", other.pk: "maybe"},
        )
    assert exc.value.code == "attendance_status"
    services.meeting_record_minutes(
        actor=secretary.user,
        meeting=meeting,
        minutes="Pöytäkirja",
        attendance={secretary.user_id: "present", other.pk: "excused"},
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert dict(meeting.attendances.values_list("user_id", "status")) == {
        secretary.user_id: "present",
        other.pk: "excused",
    }


def test_agenda_items_edited_and_reordered_before_the_meeting(secretary):
    meeting = MeetingFactory(group=secretary.group)
    first, second, third = (
        services.agenda_item_add(actor=secretary.user, meeting=meeting, title=t) for t in ("A", "B", "C")
    )
    services.agenda_item_update(actor=secretary.user, item=second, title="B korjattu", description="Tausta")
    services.agenda_item_move(actor=secretary.user, item=third, direction="up")
    services.agenda_item_move(actor=secretary.user, item=third, direction="up")
    assert list(meeting.agenda_items.order_by("order").values_list("order", "title")) == [
        (1, "C"),
        (2, "A"),
        (3, "B korjattu"),
    ]
    with pytest.raises(ConflictError) as exc:
        services.agenda_item_move(actor=secretary.user, item=third, direction="up")
    assert exc.value.code == "agenda_edge"
    with pytest.raises(DomainError):
        services.agenda_item_move(actor=secretary.user, item=first, direction="sideways")
    assert AuditEvent.objects.filter(action="agenda_item.move").count() == 2
    assert AuditEvent.objects.get(action="agenda_item.update").before["title"] == "B"


def test_agenda_cannot_change_after_the_meeting_or_by_a_member(secretary):
    meeting = MeetingFactory(group=secretary.group)
    item = services.agenda_item_add(actor=secretary.user, meeting=meeting, title="A")
    member = MembershipFactory(group=secretary.group, role=Membership.Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        services.agenda_item_update(actor=member, item=item, title="B")
    with pytest.raises(PermissionDenied):
        services.agenda_item_move(actor=member, item=item, direction="down")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    with pytest.raises(ConflictError) as exc:
        services.agenda_item_update(actor=secretary.user, item=item, title="B")
    assert exc.value.code == "meeting_not_planned"
    item.refresh_from_db()
    assert item.title == "A"
