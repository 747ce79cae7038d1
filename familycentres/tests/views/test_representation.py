"""Who is at the table: the organisations and roles in each group of a level, for the network's steering
people only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def url(name: str, **params) -> str:
    with translation.override("en"):
        base = reverse(f"familycentres:{name}")
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.fixture
def table(network):
    n = network
    n.county = GroupFactory(
        kind=Group.Kind.COUNTY_STEERING,
        level=Group.Level.COUNTY,
        family_centre=None,
        name="Maakunnan ohjausryhmä",
    )
    n.county_member = MembershipFactory(group=n.county, role=Membership.Role.MEMBER).user
    parish = OrganisationFactory(name="Nokian seurakunta", kind="parish")
    MembershipFactory(
        group=n.team,
        role=Membership.Role.MEMBER,
        organisation=parish,
        background="professional",
        user=UserFactory(full_name="Piia Pappila"),
    )
    return n


def test_representation_shows_organisations_and_roles_without_names(
    client, table, django_assert_max_num_queries
):
    n = table
    client.force_login(n.county_member)
    with django_assert_max_num_queries(15) as few:
        response = client.get(url("representation", level="local"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nokian seurakunta" in body and "parish" in body
    assert "Client representative: 1" in body
    assert "Piia Pappila" not in body
    for i in range(10):
        g = GroupFactory(kind=Group.Kind.LOCAL_TEAM)
        for _ in range(3):
            MembershipFactory(group=g, organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("representation", level="local")).status_code == 200
    body = client.get(url("representation", level="county")).content.decode()
    assert "Maakunnan ohjausryhmä" in body and "Nokian seurakunta" not in body
    # An unknown level or page falls back, never an error.
    assert client.get(url("representation", level="<x>", page="abc")).status_code == 200


def test_representation_for_coordinator_of_a_local_team(client, table):
    coordinator = MembershipFactory(group=table.team, role=Membership.Role.COORDINATOR).user
    client.force_login(coordinator)
    assert client.get(url("representation")).status_code == 200


def test_representation_denied(client, table):
    n = table
    response = client.get(url("representation"))
    assert response.status_code == 302 and "/login" in response["Location"]
    for user in (n.professional, n.client_rep, n.outsider):
        client.force_login(user)
        assert client.get(url("representation")).status_code == 403
    # A client representative seated in a steering group is still not shown it.
    rep = MembershipFactory(group=n.county, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    client.force_login(rep)
    assert client.get(url("representation")).status_code == 403
