"""Failed sign-ins lock one account from one address, with a clear page and status 429."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, email, password, ip):
    with translation.override("fi"):
        path = reverse("account_login")
    return client.post(path, {"login": email, "password": password}, REMOTE_ADDR=ip)


def _fail_until_locked(client, email, ip):
    statuses = [_login(client, email, "wrong-guess", ip).status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5
    return statuses[-1]


def test_lockout_answers_429_with_a_clear_translated_page(client):
    UserFactory(email="target@example.test")
    assert _fail_until_locked(client, "target@example.test", "10.0.0.1") == 429
    response = _login(client, "target@example.test", DEFAULT_PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    body = response.content.decode()
    assert "<h1>" in body and "Kirjautuminen on tauolla" in body
    assert reverse("account_reset_password") in body


def test_colleague_behind_the_same_proxy_can_still_sign_in(client):
    UserFactory(email="target@example.test")
    UserFactory(email="colleague@example.test")
    _fail_until_locked(client, "target@example.test", "10.0.0.1")
    response = _login(client, "colleague@example.test", DEFAULT_PASSWORD, "10.0.0.1")
    assert response.status_code == 302


def test_owner_from_another_address_is_not_locked_out(client):
    UserFactory(email="target@example.test")
    _fail_until_locked(client, "target@example.test", "10.0.0.1")
    assert _login(client, "target@example.test", DEFAULT_PASSWORD, "10.0.0.2").status_code == 302
