from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.tests.factories import decided
from core.errors import DomainError
from core.models import AuditEvent
from familycentres.models import Group, Membership
from familycentres.tests.factories import FamilyCentreFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _open(scope="local"):
    decision, chair = decided(scope=scope)
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


@pytest.fixture
def process():
    return _open()


@pytest.fixture
def network():
    return _open(scope="county")


def _subteam_url(process):
    return reverse("codevelopment:subteam_add", args=[process.pk])


def test_member_added_with_background_shown_in_list(client, process):
    person = UserFactory(full_name="Kaisa Kehittäjä")
    client.force_login(process.chair)
    response = client.post(
        reverse("codevelopment:member_add", args=[process.pk]),
        {"email": person.email, "role": "client_representative", "background": "experience_expert"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(group=process.group, user=person)
    assert membership.background == "experience_expert"
    assert AuditEvent.objects.filter(
        action="codevelopment.member_add", after__background="experience_expert"
    ).exists()
    page = client.get(process.get_absolute_url())
    assert "Kaisa Kehittäjä" in page.text
    assert str(membership.get_background_display()) in page.text


def test_member_without_background_and_bad_background(client, process):
    person = UserFactory()
    client.force_login(process.chair)
    url = reverse("codevelopment:member_add", args=[process.pk])
    response = client.post(url, {"email": person.email, "role": "member", "background": "astronaut"})
    assert response.status_code == 400
    assert response.context["member_form"].errors["background"]
    assert response.context["member_form"]["email"].value() == person.email
    assert client.post(url, {"email": person.email, "role": "member", "background": ""}).status_code == 302
    assert Membership.objects.get(group=process.group, user=person).background == ""


def test_local_process_has_no_subteams(client, process):
    client.force_login(process.chair)
    response = client.get(process.get_absolute_url())
    assert "subteam_form" not in response.context
    centre = FamilyCentreFactory()
    response = client.post(_subteam_url(process), {"name": "Tiimi", "family_centre": centre.pk})
    assert response.status_code == 400
    assert not Group.objects.filter(parent=process.group).exists()
    with pytest.raises(DomainError):
        services.subteam_add(actor=process.chair, process=process, name="Tiimi", family_centre=centre)


def test_coordinator_adds_subteam_listed_with_member_count(client, network):
    centre = FamilyCentreFactory()
    client.force_login(network.chair)
    response = client.get(network.get_absolute_url())
    assert response.context["subteam_form"] is not None
    assert response.context["subteams"] == []
    response = client.post(
        _subteam_url(network), {"name": "Pohjoisen perhekeskuksen tiimi", "family_centre": centre.pk}
    )
    assert response.status_code == 302
    team = Group.objects.get(parent=network.group)
    assert team.name == "Pohjoisen perhekeskuksen tiimi"
    assert team.kind == Group.Kind.WORKING_GROUP and team.level == Group.Level.LOCAL
    assert team.family_centre == centre
    MembershipFactory(group=team, role=Membership.Role.MEMBER)
    response = client.get(network.get_absolute_url())
    [listed] = response.context["subteams"]
    assert listed.pk == team.pk and listed.member_count == 2
    assert team.get_absolute_url() in response.text
    assert AuditEvent.objects.filter(action="codevelopment.subteam_add").exists()
    assert network.log_entries.filter(text__contains="Pohjoisen perhekeskuksen tiimi").exists()


def test_subteam_bad_input(client, network):
    client.force_login(network.chair)
    for data in (
        {"name": "", "family_centre": ""},
        {"name": "x", "family_centre": "999999"},
        {"name": "x\x00" * 200},
    ):
        response = client.post(_subteam_url(network), data)
        assert response.status_code == 400, data
        assert response.context["subteam_form"].errors
    assert not Group.objects.filter(parent=network.group).exists()


@pytest.mark.parametrize("role", [Membership.Role.FACILITATOR, Membership.Role.MEMBER])
def test_only_coordinator_adds_subteams(client, network, role):
    client.force_login(MembershipFactory(group=network.group, role=role).user)
    response = client.post(
        _subteam_url(network), {"name": "Tiimi", "family_centre": FamilyCentreFactory().pk}
    )
    assert response.status_code == 403
    assert "subteam_form" not in client.get(network.get_absolute_url()).context


def test_subteam_outsider_404_and_anonymous_login(client, network):
    response = client.post(_subteam_url(network), {"name": "Tiimi"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.post(_subteam_url(network), {"name": "Tiimi"}).status_code == 404


def test_overview_query_count_same_for_few_and_many_subteams(client, network):
    client.force_login(network.chair)
    for n in range(2):
        services.subteam_add(
            actor=network.chair, process=network, name=f"T{n}", family_centre=FamilyCentreFactory()
        )
    client.get(network.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(network.get_absolute_url())
    for n in range(2, 10):
        services.subteam_add(
            actor=network.chair, process=network, name=f"T{n}", family_centre=FamilyCentreFactory()
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(network.get_absolute_url())
    assert len(response.context["subteams"]) == 10
    assert len(many) == len(few)
