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
    meeting = MeetingFactory(group=secretary.group)
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
