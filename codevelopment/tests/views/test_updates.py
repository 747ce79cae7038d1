from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment.models import ProcessUpdate
from codevelopment.tests.factories import ProcessUpdateFactory
from codevelopment.tests.reach_data import opened_process
from core.models import AuditEvent, Notification
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations.tests.factories import ObservationFactory
from phenomena.models import PhenomenonObservation

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return opened_process()


def _url(process):
    return reverse("codevelopment:updates", args=[process.pk])


def _post(**overrides):
    data = {"title": "Kartoitus valmis", "body": "Kävimme läpi kerhojen paikat."}
    data.update(overrides)
    return data


def test_anonymous_redirected(client, process):
    response = client.get(_url(process))
    assert response.status_code == 302 and "login" in response["Location"]


def test_outsider_reads_without_form(client, process):
    ProcessUpdateFactory(process=process, title="Sisäinen", body="x")
    client.force_login(UserFactory())
    response = client.get(_url(process))
    assert response.status_code == 200 and response.context["form"] is None
    assert "Sisäinen" in response.content.decode()
    assert client.post(_url(process), _post()).status_code == 403


def test_member_and_client_rep_cannot_post(client, process):
    for role in (Membership.Role.MEMBER, Membership.Role.CLIENT_REPRESENTATIVE):
        client.force_login(MembershipFactory(group=process.group, role=role).user)
        assert client.get(_url(process)).status_code == 200
        assert client.post(_url(process), _post()).status_code == 403
    assert not ProcessUpdate.objects.exists()


def test_other_client_rep_and_unknown_process_404(client, process):
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(_url(process)).status_code == 404
    assert client.post(_url(process), _post()).status_code == 404
    client.force_login(process.chair)
    assert client.get(reverse("codevelopment:updates", args=[999999])).status_code == 404


def test_coordinator_posts_and_professionals_are_told(client, process):
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    steering_member = MembershipFactory(group=process.decision.group, role=Membership.Role.MEMBER).user
    observation = ObservationFactory(family_centre=process.phenomenon.family_centre)
    PhenomenonObservation.objects.create(phenomenon=process.phenomenon, observation=observation)
    anonymous_observation = ObservationFactory(family_centre=process.phenomenon.family_centre, author=None)
    PhenomenonObservation.objects.create(phenomenon=process.phenomenon, observation=anonymous_observation)
    ended = MembershipFactory(group=process.group, role=Membership.Role.MEMBER)
    ended.ended_on = ended.started_on
    ended.save()
    bystander = UserFactory()

    client.force_login(process.chair)
    response = client.post(_url(process), _post(is_public="on"))
    assert response.status_code == 302
    update = ProcessUpdate.objects.get()
    assert update.is_public and update.title == "Kartoitus valmis" and update.created_by == process.chair
    told = set(Notification.objects.filter(verb="codevelopment.update").values_list("recipient", flat=True))
    chair_of_steering = process.decision.group.memberships.get(role=Membership.Role.CHAIR).user
    assert told == {member.pk, steering_member.pk, observation.author_id, chair_of_steering.pk} - {
        process.chair.pk
    }
    assert ended.user_id not in told and bystander.pk not in told
    assert Notification.objects.filter(verb="codevelopment.update").first().url == _url(process)
    assert AuditEvent.objects.filter(action="codevelopment.update_post").exists()


@pytest.mark.parametrize(
    "text",
    [
        "Soita Mattille 040 123 4567.",
        "Lisätietoja: matti.meikalainen@example.fi",
        "Perhe asuu osoitteessa Kauppakatu 12.",
        "Lapsen henkilötunnus 131052-308T.",
    ],
)
def test_public_update_with_personal_data_refused_text_kept(client, process, text):
    client.force_login(process.chair)
    response = client.post(_url(process), _post(body=text, is_public="on"))
    assert response.status_code == 400
    form = response.context["form"]
    assert "body" in form.errors
    assert form["body"].value() == text
    assert "personal data" in str(form.errors["body"]) or "henkilötiet" in str(form.errors["body"])
    assert not ProcessUpdate.objects.exists()
    assert not Notification.objects.filter(verb="codevelopment.update").exists()


def test_private_update_may_name_a_phone_number(client, process):
    client.force_login(process.chair)
    response = client.post(_url(process), _post(body="Soita minulle 040 123 4567."))
    assert response.status_code == 302
    assert not ProcessUpdate.objects.get().is_public


def test_nul_in_typed_text_is_stripped(client, process):
    client.force_login(process.chair)
    assert client.post(_url(process), _post(body="a\x00b")).status_code == 302
    assert ProcessUpdate.objects.get().body == "ab"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"title": "x" * 300}, "title"),
        ({"body": "x" * 20_000}, "body"),
    ],
)
def test_bad_input_is_a_form_error(client, process, data, field):
    client.force_login(process.chair)
    response = client.post(_url(process), _post(**data))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ProcessUpdate.objects.exists()


def test_html_is_stored_as_text_and_escaped(client, process):
    client.force_login(process.chair)
    client.post(_url(process), _post(body="<script>alert(1)</script>"))
    response = client.get(_url(process))
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_listed_newest_first_and_paginated(client, process):
    for i in range(25):
        ProcessUpdateFactory(process=process, title=f"Päivitys {i:02d}", body="x")
    client.force_login(process.chair)
    response = client.get(_url(process))
    titles = [u.title for u in response.context["page"].object_list]
    assert titles[0] == "Päivitys 24" and len(titles) == 20
    response = client.get(_url(process) + "?page=2")
    assert [u.title for u in response.context["page"].object_list][-1] == "Päivitys 00"
    assert client.get(_url(process) + "?page=zzz").status_code == 200


def test_query_count_constant(client, process):
    ProcessUpdateFactory(process=process, title="a", body="x")
    client.force_login(process.chair)
    with CaptureQueriesContext(connection) as few:
        client.get(_url(process))
    for i in range(10):
        ProcessUpdateFactory(process=process, title=f"b{i}", body="x", is_public=bool(i % 2))
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(process))
    assert len(response.context["page"].object_list) == 11
    assert len(many) == len(few)
