from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DialogueRecord
from codevelopment.tests.factories import DialogueRecordFactory, decided
from core.models import AuditEvent
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _url(process):
    return reverse("codevelopment:dialogues", args=[process.pk])


def _form(**overrides):
    data = {
        "method": "eratauko",
        "held_on": "2026-10-05",
        "question": "Mikä auttaisi perheitä iltapäivisin?",
        "participants": "Kuusi vanhempaa, kaksi opettajaa ja perhetyöntekijä.",
        "heard": "Kerhoja toivotaan myös kouluun. Kuljetus on este.",
    }
    data.update(overrides)
    return data


def _record(process, n=0, **kwargs):
    values = {
        "method": "eratauko",
        "held_on": datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        "question": f"Kysymys {n}",
        "participants": "vanhemmat",
        "heard": "kuultua",
    }
    values.update(kwargs)
    return DialogueRecordFactory(process=process, **values)


def test_anonymous_redirected(client, process):
    response = client.get(_url(process))
    assert response.status_code == 302 and "login" in response["Location"]


def test_outsider_client_representative_gets_404(client, process):
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(_url(process)).status_code == 404
    assert client.post(_url(process), _form()).status_code == 404


def test_reader_sees_list_without_form(client, process):
    _record(process, question="Miten kerhot löytyvät?")
    client.force_login(UserFactory())
    response = client.get(_url(process))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Miten kerhot löytyvät?" in response.text


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.CLIENT_REPRESENTATIVE])
def test_member_and_client_representative_cannot_add(client, process, role):
    client.force_login(MembershipFactory(group=process.group, role=role).user)
    assert client.get(_url(process)).status_code == 200
    assert client.post(_url(process), _form()).status_code == 403
    assert not DialogueRecord.objects.exists()


@pytest.mark.parametrize("role", [Membership.Role.COORDINATOR, Membership.Role.FACILITATOR])
def test_coordinator_and_facilitator_record(client, process, role):
    user = (
        process.chair
        if role == Membership.Role.COORDINATOR
        else MembershipFactory(group=process.group, role=role).user
    )
    client.force_login(user)
    response = client.post(_url(process), _form(question="  Mikä auttaisi?\x00 "))
    assert response.status_code == 302 and response["Location"] == _url(process)
    record = DialogueRecord.objects.get(process=process)
    assert record.question == "Mikä auttaisi?"
    assert record.method == "eratauko" and record.held_on == datetime.date(2026, 10, 5)
    assert record.created_by == user
    assert AuditEvent.objects.filter(action="codevelopment.dialogue_add").exists()
    assert process.log_entries.filter(text__contains="Mikä auttaisi?").exists()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("participants", "Matti Meikäläinen, puh. 040 123 4567, ja kaksi opettajaa"),
        ("participants", "äiti (maija@example.com)"),
        ("heard", "Isä kertoi asuvansa osoitteessa Koulukatu 12 B ja pelkäävänsä."),
        ("heard", "Lapsen henkilötunnus 131052-308T mainittiin."),
    ],
)
def test_personal_data_refused_with_text_kept(client, process, field, text):
    client.force_login(process.chair)
    response = client.post(_url(process), _form(**{field: text}))
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert "role" in form.errors[field][0] or "roolin" in form.errors[field][0]
    assert form[field].value() == text
    assert not DialogueRecord.objects.exists()


def test_bad_input_is_a_form_error(client, process):
    client.force_login(process.chair)
    cases = [
        _form(method="kokous"),
        _form(held_on="yesterday"),
        _form(question=""),
        _form(heard="x" * 30_000),
        _form(participants="\x00\x00"),
    ]
    for data in cases:
        response = client.post(_url(process), data)
        assert response.status_code == 400, data
    assert not DialogueRecord.objects.exists()


def test_list_newest_first_and_paginated(client, process):
    for n in range(25):
        _record(process, n)
    client.force_login(UserFactory())
    first = client.get(_url(process)).context["page"]
    assert [d.question for d in first.object_list][:2] == ["Kysymys 24", "Kysymys 23"]
    assert len(first.object_list) == 20
    second = client.get(_url(process) + "?page=2").context["page"]
    assert [d.question for d in second.object_list][-1] == "Kysymys 0"
    assert client.get(_url(process) + "?page=abc").status_code == 200


def test_list_query_count_same_for_few_and_many(client, process):
    client.force_login(process.chair)
    _record(process, 0)
    client.get(_url(process))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(process))
    for n in range(1, 18):
        _record(process, n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(process))
    assert len(response.context["page"].object_list) == 18
    assert len(many) == len(few)
