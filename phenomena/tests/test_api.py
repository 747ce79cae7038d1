"""The phenomena API: read through visible_to, create through the service, for professionals only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory
from observations.tests.factories import ObservationFactory
from phenomena.models import Phenomenon
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/phenomena/"


@pytest.fixture
def net(network):
    """The shared network of the root conftest; the outsider here works in the other family centre."""
    network.rep = network.client_rep
    network.outsider = MembershipFactory(group=network.other_group, role=Membership.Role.MEMBER).user
    network.phenomenon = PhenomenonFactory(family_centre=network.centre, title="Nokian ilmiö")
    network.other = PhenomenonFactory(family_centre=network.other_centre, title="Oriveden ilmiö")
    return network


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _payload(**overrides):
    data = {
        "title": "Ruutuaika",
        "description": "Lapset valvovat.",
        "kind": "concern",
        "scale": "local_area",
        "analyser_kind": "team",
    }
    data.update(overrides)
    return data


def test_list_shows_only_visible_for_professional(net):
    response = _api(net.professional).get(LIST)
    assert response.status_code == 200
    titles = [row["title"] for row in response.json()["results"]]
    assert "Nokian ilmiö" in titles and "Oriveden ilmiö" not in titles


def test_list_denied_for_anonymous_and_limited_account(net):
    assert _api().get(LIST).status_code in (401, 403)
    assert _api(net.rep).get(LIST).status_code == 403


def test_list_filters_by_status(net):
    PhenomenonFactory(family_centre=net.centre, status="draft", title="Luonnos")
    response = _api(net.professional).get(LIST, {"status": "draft"})
    assert [row["title"] for row in response.json()["results"]] == ["Luonnos"]


def test_list_query_count_fixed_few_vs_many(net, django_assert_max_num_queries):
    client = _api(net.professional)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for i in range(20):
        PhenomenonFactory(family_centre=net.centre, title=f"Ilmiö {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_detail_visible_and_404_when_not(net):
    assert _api(net.professional).get(f"{LIST}{net.phenomenon.pk}/").status_code == 200
    assert _api(net.outsider).get(f"{LIST}{net.phenomenon.pk}/").status_code == 404


def test_create_through_service_with_observations(net):
    obs = ObservationFactory(family_centre=net.centre, area=net.municipality)
    response = _api(net.professional).post(LIST, _payload(observation_ids=[obs.pk]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["observation_count"] == 1 and body["family_centre"] == net.centre.pk
    assert body["status"] == "draft"
    assert Phenomenon.objects.get(pk=body["id"]).created_by == net.professional


def test_create_unknown_observation_is_400(net):
    foreign = ObservationFactory()
    response = _api(net.professional).post(LIST, _payload(observation_ids=[foreign.pk]), format="json")
    assert response.status_code == 400 and response.json()["code"] == "unknown_observations"


def test_create_blank_title_is_400(net):
    response = _api(net.professional).post(LIST, _payload(title="   "), format="json")
    assert response.status_code == 400


def test_create_ignores_read_only_status(net):
    response = _api(net.professional).post(LIST, _payload(status="closed"), format="json")
    assert response.status_code == 201 and response.json()["status"] == "draft"


def test_create_rejects_analyser_from_elsewhere(net):
    stranger = UserFactory()
    response = _api(net.professional).post(
        LIST, _payload(analyser_kind="person", analyser_user=stranger.pk), format="json"
    )
    assert response.status_code == 400


def test_create_denied_for_limited_account(net):
    assert _api(net.rep).post(LIST, _payload(), format="json").status_code == 403
