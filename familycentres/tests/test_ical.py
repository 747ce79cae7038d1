from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from familycentres.models import Meeting
from familycentres.tests.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_feed_with_token_lists_meetings_as_icalendar(client):
    group = GroupFactory(name="Maakunnallinen ohjausryhmä")
    planned = MeetingFactory(group=group, title="Ohjausryhmän kokous", location="Tampere-talo")
    cancelled = MeetingFactory(group=group, title="Peruttu kokous", status=Meeting.Status.CANCELLED)
    response = client.get(reverse("group-ical", args=[group.pk, group.ical_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert str(events[planned.uid]["summary"]) == "Maakunnallinen ohjausryhmä: Ohjausryhmän kokous"
    assert str(events[planned.uid]["location"]) == "Tampere-talo"
    assert events[planned.uid].decoded("dtstart") == planned.starts_at
    assert str(events[cancelled.uid]["status"]) == "CANCELLED"


def test_feed_without_signin_but_wrong_token_is_404(client):
    group = GroupFactory()
    assert client.get(reverse("group-ical", args=[group.pk, "wrong-token"])).status_code == 404
    assert client.get(reverse("group-ical", args=[999_999, group.ical_token])).status_code == 404


def test_feed_of_other_group_token_is_404(client):
    a, b = GroupFactory(), GroupFactory()
    assert client.get(reverse("group-ical", args=[a.pk, b.ical_token])).status_code == 404


def test_feed_of_inactive_group_is_404(client):
    group = GroupFactory(is_active=False)
    assert client.get(reverse("group-ical", args=[group.pk, group.ical_token])).status_code == 404


def test_feed_has_no_attendee_personal_data(client):
    group = GroupFactory()
    meeting = MeetingFactory(group=group)
    from familycentres.tests.factories import MembershipFactory

    person = MembershipFactory(group=group).user
    meeting.attendances.create(user=person)
    body = client.get(reverse("group-ical", args=[group.pk, group.ical_token])).content.decode()
    assert person.email not in body
    assert person.full_name not in body
