from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.tests.factories import decided
from core.models import AuditEvent
from familycentres.models import Attendance, Meeting, Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _meetings(process):
    return reverse("codevelopment:meetings", args=[process.pk])


def _memo(process, meeting):
    return reverse("codevelopment:meeting_memo", args=[process.pk, meeting.pk])


def _meeting(process, **kwargs):
    start = timezone.now() + datetime.timedelta(days=3)
    values = {"title": "Kehittäjäryhmä 1", "starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}
    values.update(kwargs)
    return MeetingFactory(group=process.group, location="Perhekeskus", **values)


def _form(**overrides):
    data = {
        "title": "Ensimmäinen tapaaminen",
        "starts_at": "2030-02-03T13:00",
        "ends_at": "2030-02-03T15:00",
        "location": "Perhekeskus, neuvotteluhuone",
        "video_url": "",
    }
    data.update(overrides)
    return data


def test_anonymous_redirected_to_login(client, process):
    meeting = _meeting(process)
    for url in (_meetings(process), _memo(process, meeting)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_professional_outside_group_reads_without_form(client, process):
    meeting = _meeting(process, minutes="Sovittiin kartoituksesta.")
    client.force_login(UserFactory())
    response = client.get(_meetings(process))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert meeting.title in response.text
    assert meeting.get_absolute_url() in response.text
    response = client.get(_memo(process, meeting))
    assert response.status_code == 200
    assert "Sovittiin kartoituksesta." in response.text
    assert response.context["form"] is None


def test_client_representative_of_another_group_gets_404(client, process):
    meeting = _meeting(process)
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(_meetings(process)).status_code == 404
    assert client.get(_memo(process, meeting)).status_code == 404
    assert client.post(_meetings(process), _form()).status_code == 404


def test_client_representative_of_the_group_reads_memo(client, process):
    meeting = _meeting(process, minutes="Muistio: perheet toivovat iltakerhoa.")
    client.force_login(
        MembershipFactory(group=process.group, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    response = client.get(_memo(process, meeting))
    assert response.status_code == 200
    assert "perheet toivovat iltakerhoa" in response.text


def test_plain_member_cannot_plan_or_write_memo(client, process):
    meeting = _meeting(process)
    client.force_login(MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user)
    assert client.post(_meetings(process), _form()).status_code == 403
    assert client.post(_memo(process, meeting), {"memo": "x"}).status_code == 403
    assert Meeting.objects.filter(group=process.group).count() == 1
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_memo_of_another_groups_meeting_is_404(client, process):
    other = MeetingFactory(
        group=GroupFactory(),
        title="Muu",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    client.force_login(process.chair)
    assert client.get(_memo(process, other)).status_code == 404
    assert client.post(_memo(process, other), {"memo": "x"}).status_code == 404


@pytest.mark.parametrize("role", [Membership.Role.COORDINATOR, Membership.Role.FACILITATOR])
def test_coordinator_and_facilitator_plan_a_meeting(client, process, role):
    user = process.chair if role == Membership.Role.COORDINATOR else None
    if user is None:
        user = MembershipFactory(group=process.group, role=role).user
    client.force_login(user)
    assert client.get(_meetings(process)).context["form"] is not None
    response = client.post(_meetings(process), _form())
    meeting = Meeting.objects.get(group=process.group)
    assert response.status_code == 302
    assert response["Location"] == _memo(process, meeting)
    assert meeting.title == "Ensimmäinen tapaaminen"
    # The group's members were invited, as for any meeting.
    assert Attendance.objects.filter(meeting=meeting, user=process.chair).exists()
    assert AuditEvent.objects.filter(action="meeting.create").exists()
    assert process.log_entries.filter(text__contains="Ensimmäinen tapaaminen", created_by=user).exists()


def test_plan_bad_input_kept_and_400(client, process):
    client.force_login(process.chair)
    response = client.post(_meetings(process), _form(ends_at="2030-02-03T12:00"))
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"]
    assert "Ensimmäinen tapaaminen" in response.text
    response = client.post(_meetings(process), _form(title="x\x00" * 300, starts_at="not a date"))
    assert response.status_code == 400
    response = client.post(_meetings(process), _form(title="<script>alert(1)</script>", location=""))
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.text
    assert not Meeting.objects.filter(group=process.group).exists()


def test_coordinator_writes_and_corrects_memo(client, process):
    meeting = _meeting(
        process, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )  # a memo follows the start
    client.force_login(process.chair)
    response = client.get(_memo(process, meeting))
    assert response.status_code == 200 and response.context["form"] is not None
    response = client.post(_memo(process, meeting), {"memo": "Sovittiin kartoituksesta.\x00"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Sovittiin kartoituksesta."
    assert meeting.status == Meeting.Status.HELD
    assert AuditEvent.objects.filter(action="meeting.minutes").count() == 1
    client.post(_memo(process, meeting), {"memo": "Korjattu muistio."})
    meeting.refresh_from_db()
    assert meeting.minutes == "Korjattu muistio."
    texts = list(process.log_entries.values_list("text", flat=True))
    assert any(meeting.title in t for t in texts)
    assert len([t for t in texts if meeting.title in t]) == 2


def test_facilitator_writes_memo(client, process):
    meeting = _meeting(
        process, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )  # a memo follows the start
    client.force_login(MembershipFactory(group=process.group, role=Membership.Role.FACILITATOR).user)
    assert client.post(_memo(process, meeting), {"memo": "Fasilitaattorin muistio."}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Fasilitaattorin muistio."


def test_empty_memo_and_cancelled_meeting_refused(client, process):
    meeting = _meeting(process)
    client.force_login(process.chair)
    response = client.post(_memo(process, meeting), {"memo": "   "})
    assert response.status_code == 400
    cancelled = _meeting(process, title="Peruttu", status=Meeting.Status.CANCELLED)
    response = client.post(_memo(process, cancelled), {"memo": "Ei pidetty."})
    assert response.status_code == 409
    assert response.context["form"].errors
    cancelled.refresh_from_db()
    assert cancelled.minutes == ""


def test_meeting_list_query_count_same_for_few_and_many(client, process):
    client.force_login(process.chair)
    _meeting(process, title="Tapaaminen 0")
    client.get(_meetings(process))  # warm the caches (sign-in, site)
    with CaptureQueriesContext(connection) as few:
        response = client.get(_meetings(process))
    assert len(response.context["page"].object_list) == 1
    for n in range(1, 15):
        _meeting(process, title=f"Tapaaminen {n}", minutes="m" if n % 2 else "")
    with CaptureQueriesContext(connection) as many:
        response = client.get(_meetings(process))
    assert len(response.context["page"].object_list) == 15
    assert len(many) == len(few)
