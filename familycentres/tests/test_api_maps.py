"""The published API of the service catalogue and the two maps: /api/v1/services/,
/api/v1/service-map/ and /api/v1/network-map/."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from familycentres.models import Membership
from familycentres.tests.factories import (
    GroupFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nokia():
    return MunicipalityFactory(name_fi="Nokia")


def test_services_are_public_and_only_active(api_client, nokia):
    active = ServiceFactory(name_fi="Neuvola", areas=[nokia], languages=["fi", "sv"])
    ServiceChannelFactory(service=active, phone="03 123")
    ServiceFactory(name_fi="Lakkautettu", is_active=False)
    response = api_client.get("/api/v1/services/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [row["name_fi"] for row in results] == ["Neuvola"]
    assert results[0]["channels"][0]["phone"] == "03 123"
    assert results[0]["areas"][0]["name_fi"] == "Nokia"


def test_coordinator_sees_inactive_services_in_the_api(api_client):
    ServiceFactory(is_active=False)
    api_client.force_authenticate(MembershipFactory(role=Membership.Role.COORDINATOR).user)
    assert api_client.get("/api/v1/services/").json()["count"] == 1


def test_services_filters(api_client, nokia):
    other = MunicipalityFactory()
    org = OrganisationFactory()
    wanted = ServiceFactory(
        areas=[nokia],
        service_group="psychosocial",
        client_groups=["13_17"],
        languages=["sv"],
        organisation=org,
    )
    ServiceFactory(areas=[other])
    for params in (
        {"area": nokia.pk},
        {"service_group": "psychosocial"},
        {"client_group": "13_17"},
        {"language": "sv"},
        {"organisation": org.pk},
    ):
        ids = [row["id"] for row in api_client.get("/api/v1/services/", params).json()["results"]]
        assert ids == [wanted.pk], params


@pytest.mark.parametrize(
    "params", [{"area": "abc"}, {"client_group": "99"}, {"language": "xx"}, {"organisation": 0}]
)
def test_services_bad_filters_are_400(api_client, params):
    assert api_client.get("/api/v1/services/", params).status_code == 400


def test_services_are_read_only(api_client):
    api_client.force_authenticate(UserFactory(staff=True))
    assert api_client.post("/api/v1/services/", {"name_fi": "x"}).status_code == 405


def test_service_map_needs_a_network_account(api_client, nokia):
    assert api_client.get("/api/v1/service-map/").status_code in {401, 403}
    api_client.force_authenticate(MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user)
    assert api_client.get("/api/v1/service-map/").status_code == 403


def test_service_map_matrix(api_client, nokia):
    ServiceFactory(name_fi="Neuvola", areas=[nokia], client_groups=["0_6"])
    api_client.force_authenticate(MembershipFactory().user)
    response = api_client.get("/api/v1/service-map/", {"area": nokia.pk})
    assert response.status_code == 200
    data = response.json()
    assert data["service_count"] == 1 and data["municipalities"] == ["Nokia"]
    cells = {(c["service_group"], c["client_group"]): c for c in data["cells"]}
    assert cells[("promotion", "0_6")]["services"][0]["name"] == "Neuvola"
    assert cells[("special", "0_6")]["is_gap"] is True
    assert len(data["service_groups"]) == 9 and len(data["client_groups"]) == 7


def test_service_map_bad_area_is_400(api_client):
    api_client.force_authenticate(MembershipFactory().user)
    assert api_client.get("/api/v1/service-map/", {"area": "x"}).status_code == 400


def test_network_map_public_has_no_people(api_client):
    MembershipFactory(group=GroupFactory(), organisation=OrganisationFactory())
    data = api_client.get("/api/v1/network-map/").json()
    assert {node["type"] for node in data["nodes"]} == {"group", "organisation"}
    api_client.force_authenticate(UserFactory())
    data = api_client.get("/api/v1/network-map/").json()
    assert "person" in {node["type"] for node in data["nodes"]}


def test_network_map_bad_role_is_400(api_client):
    assert api_client.get("/api/v1/network-map/", {"role": "king"}).status_code == 400


def test_service_map_json_is_kept_until_the_map_changes(api_client, nokia, django_assert_max_num_queries):
    ServiceFactory(name_fi="Neuvola", areas=[nokia], client_groups=["0_6"])
    ServiceFactory(name_fi="Lakkautettu", areas=[nokia], client_groups=["0_6"], is_active=False)
    member = MembershipFactory().user
    api_client.force_authenticate(member)
    first = api_client.get("/api/v1/service-map/")
    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    assert first.json()["service_count"] == 1
    # Read again with nothing changed: the same bytes, without counting again.
    with django_assert_max_num_queries(1):
        again = api_client.get("/api/v1/service-map/")
    assert again.content == first.content
    # The catalogue's editor sees withdrawn services in the catalogue, never on the map: the same map.
    api_client.force_authenticate(UserFactory(staff=True))
    assert api_client.get("/api/v1/service-map/").content == first.content
    # Another language, another area: their own answers.
    assert api_client.get("/api/v1/service-map/", HTTP_ACCEPT_LANGUAGE="sv").content != first.content
    assert api_client.get("/api/v1/service-map/", {"area": nokia.pk}).json()["municipalities"] == ["Nokia"]
    # A new service changes the map at once.
    ServiceFactory(name_fi="Perheneuvola", areas=[nokia], client_groups=["0_6"])
    api_client.force_authenticate(member)
    changed = api_client.get("/api/v1/service-map/").json()
    assert changed["service_count"] == 2
    cells = {(c["service_group"], c["client_group"]): c for c in changed["cells"]}
    assert sorted(s["name"] for s in cells[("promotion", "0_6")]["services"]) == ["Neuvola", "Perheneuvola"]


def test_service_map_browsable_answer_is_the_same_map(api_client, nokia):
    ServiceFactory(name_fi="Neuvola", areas=[nokia], client_groups=["0_6"])
    api_client.force_authenticate(MembershipFactory().user)
    json_answer = api_client.get("/api/v1/service-map/").json()
    page = api_client.get("/api/v1/service-map/", {"format": "api"})
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert json_answer["service_count"] == 1 and "Neuvola" in page.content.decode()
