"""A steering group's agenda item can point to a saved dashboard: the indicators app offers the group's
and its family centre's dashboards through familycentres.agenda_links."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.errors import DomainError
from familycentres.models import Membership
from familycentres.services import agenda_item_add
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
from indicators.models import SavedDashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    group = GroupFactory()
    chair = MembershipFactory(group=group, role=Membership.Role.CHAIR).user
    mine = SavedDashboard.objects.create(name="Lasten hyvinvointi", group=group, query="indicator=1&area=837")
    other = SavedDashboard.objects.create(name="Muu ryhmä", group=GroupFactory(), query="area=FI")
    return group, chair, mine, other


def test_agenda_item_links_saved_dashboard_shown_on_agenda(client, setting):
    group, chair, mine, other = setting
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    page = client.get(meeting.get_absolute_url()).content.decode()
    # The form offers the group's dashboard, not another group's.
    assert "Lasten hyvinvointi" in page and "Muu ryhmä" not in page
    url = reverse("familycentres:agenda_item_add", args=[meeting.pk])
    response = client.post(url, {"title": "Indikaattorit", "link": mine.get_absolute_url()})
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert (item.link_url, item.link_label) == (mine.get_absolute_url(), "Lasten hyvinvointi")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{mine.get_absolute_url().replace("&", "&amp;")}"' in page


def test_agenda_link_not_offered_is_refused(client, setting):
    group, chair, mine, other = setting
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    url = reverse("familycentres:agenda_item_add", args=[meeting.pk])
    for link in (other.get_absolute_url(), "https://example.com/", "javascript:alert(1)"):
        response = client.post(url, {"title": "Väärä linkki", "link": link})
        assert response.status_code == 400
        assert "Väärä linkki" in response.content.decode()  # nothing typed is lost
    assert not meeting.agenda_items.exists()
    with pytest.raises(DomainError):
        agenda_item_add(actor=chair, meeting=meeting, title="Suoraan", link=other.get_absolute_url())
