"""A person's data rights: export (page, file, API), erasure request, an administrator's erasure."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import gdpr
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from core.errors import DomainError
from core.models import AuditEvent, Notification
from core.services import notification_send
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def _url(name: str) -> str:
    with translation.override("fi"):
        return reverse(name)


@pytest.fixture
def person():
    group = GroupFactory(name="Nokian ohjausryhmä")
    user = MembershipFactory(
        group=group,
        role=Membership.Role.SECRETARY,
        user__full_name="Sanna Sihteeri",
        user__email="sanna@example.test",
    ).user
    ObservationFactory(family_centre=group.family_centre, author=user, text="Nuoret pelaavat öisin.")
    notification_send(actor=None, recipients=[user], verb="test", text="Uusi kokous", url="/fi/")
    other = UserFactory(email="muu@example.test")
    ObservationFactory(family_centre=group.family_centre, author=other, text="Toisen havainto.")
    return user


def _check_export(data: dict):
    assert data["account"]["email"] == "sanna@example.test"
    assert [m["group"] for m in data["memberships"]] == ["Nokian ohjausryhmä"]
    assert [o["text"] for o in data["written"]["observations"]] == ["Nuoret pelaavat öisin."]
    assert [n["text"] for n in data["notifications"]] == ["Uusi kokous"]
    assert "Toisen havainto." not in json.dumps(data, ensure_ascii=False)


def test_anonymous_cannot_see_any_export(client):
    assert client.get(_url("my_data")).status_code == 302
    assert client.get(_url("my_data_json")).status_code == 302
    assert APIClient().get("/api/v1/me/export/").status_code in (401, 403)


def test_page_file_and_api_give_my_data_only(client, person):
    client.force_login(person)
    page = client.get(_url("my_data"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nuoret pelaavat öisin." in body and "Toisen havainto." not in body
    # Dates in Finnish format, roles by their name, never ISO dates or codes on the page.
    today = timezone.localdate()
    assert f"{today.day}.{today.month}.{today.year}" in body and today.isoformat() not in body
    assert "Sihteeri" in body or "sihteeri" in body
    download = client.get(_url("my_data_json"))
    assert download["Content-Disposition"].startswith("attachment")
    _check_export(json.loads(download.content))
    api = APIClient()
    api.force_authenticate(person)
    _check_export(api.get("/api/v1/me/export/").json())


def test_sign_ins_are_in_the_history(client, person):
    assert (
        client.post(_url("account_login"), {"login": person.email, "password": DEFAULT_PASSWORD}).status_code
        == 302
    )
    api = APIClient()
    api.force_authenticate(person)
    history = api.get("/api/v1/me/export/").json()["sign_in_history"]
    assert len(history) == 1 and history[0]["at"]


def test_profile_links_to_my_data(client, person):
    client.force_login(person)
    assert _url("my_data") in client.get(_url("profile")).content.decode()


def test_erasure_request_needs_confirmation_and_tells_administrators(client, person):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(person)
    client.post(_url("erasure_request"), {})
    assert not AuditEvent.objects.filter(action="account.erasure_requested").exists()
    client.post(_url("erasure_request"), {"confirm": "yes"})
    assert AuditEvent.objects.filter(action="account.erasure_requested", actor=person).count() == 1
    assert Notification.objects.filter(recipient=admin, verb="account.erasure_requested").exists()
    assert client.get(_url("erasure_request")).status_code == 405


def test_erase_anonymises_and_keeps_the_records(person):
    admin = UserFactory(is_superuser=True)
    gdpr.account_erase(actor=admin, user=person)
    person.refresh_from_db()
    assert person.email.endswith("@erased.invalid") and person.full_name.startswith("Poistettu käyttäjä")
    assert not person.is_active and not person.has_usable_password()
    assert not Notification.objects.filter(recipient=person).exists()
    # Memberships (and so the roles decisions were taken in) and what was written stay, under the pseudonym.
    assert Membership.objects.filter(user=person, role=Membership.Role.SECRETARY).exists()
    from observations.models import Observation

    assert Observation.objects.filter(author=person).count() == 1
    event = AuditEvent.objects.get(action="account.erase")
    assert "sanna" not in json.dumps(event.after).lower()


def test_only_an_administrator_erases(person):
    with pytest.raises(DomainError):
        gdpr.account_erase(actor=UserFactory(), user=person)
    assert User.objects.get(pk=person.pk).email == "sanna@example.test"


def test_management_command_exports_and_erases(person, capsys):
    call_command("gdpr", "export", "sanna@example.test")
    _check_export(json.loads(capsys.readouterr().out))
    call_command("gdpr", "erase", "sanna@example.test", "--yes")
    person.refresh_from_db()
    assert not person.is_active and person.email.endswith("@erased.invalid")
