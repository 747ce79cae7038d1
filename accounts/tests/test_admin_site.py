"""The admin has no door of its own: it signs in through allauth (throttled, two-factor) and opens only to
staff whose session passed two-factor authentication."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, enable_totp, totp_code

pytestmark = pytest.mark.django_db

ADMIN_INDEX = "/fi/admin/"
ADMIN_LOGIN = "/fi/admin/login/"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _password_sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})


def test_admin_login_page_sends_to_the_platform_sign_in(client):
    response = client.get(ADMIN_LOGIN + "?next=/fi/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Ffi%2Fadmin%2Faccounts%2Fuser%2F" in response["Location"]


def test_admin_login_ignores_a_foreign_next(client):
    response = client.get(ADMIN_LOGIN + "?next=https://evil.example/")
    assert "evil.example" not in response["Location"]


def test_admin_login_form_post_signs_nobody_in(client):
    admin = UserFactory(staff=True, is_superuser=True)
    enable_totp(admin)
    for _ in range(20):
        response = client.post(ADMIN_LOGIN, {"username": admin.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN_INDEX).status_code == 302


def test_password_alone_does_not_open_the_admin_for_an_account_with_totp(client):
    admin = UserFactory(staff=True, is_superuser=True)
    enable_totp(admin)
    response = _password_sign_in(client, admin)
    assert response.status_code == 302
    assert reverse("mfa_authenticate") in response["Location"]
    assert "_auth_user_id" not in client.session
    response = client.get(ADMIN_INDEX)
    assert response.status_code == 302
    assert client.get("/fi/admin/accounts/user/").status_code == 302


def test_password_and_code_open_the_admin(client):
    admin = UserFactory(staff=True, is_superuser=True)
    enable_totp(admin)
    _password_sign_in(client, admin)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    page = client.get(ADMIN_INDEX)
    assert page.status_code == 200
    assert page.context["user"] == admin
    assert "/fi/admin/accounts/user/" in page.content.decode()


def test_staff_without_totp_is_sent_to_turn_it_on(client):
    admin = UserFactory(staff=True, is_superuser=True)
    _password_sign_in(client, admin)
    assert "_auth_user_id" in client.session
    response = client.get(ADMIN_INDEX, follow=False)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_session_opened_before_totp_must_confirm_with_a_code(client):
    admin = UserFactory(staff=True, is_superuser=True)
    _password_sign_in(client, admin)
    enable_totp(admin)
    response = client.get(ADMIN_LOGIN + "?next=/fi/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert client.get(ADMIN_INDEX).status_code == 302


def test_signed_in_professional_is_refused_at_the_admin_login(client, user):
    _password_sign_in(client, user)
    assert client.get(ADMIN_LOGIN).status_code == 403
    assert client.get(ADMIN_INDEX).status_code == 302


def test_administrator_through_mfa_reaches_the_admin(admin_client):
    assert admin_client.get(ADMIN_INDEX).status_code == 200
