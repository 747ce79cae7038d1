"""Signing in and out, password reset, throttling, session lifetime and disabled accounts."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from accounts.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits live in the cache; every test starts unthrottled.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_sign_in_with_email_and_password(client):
    person = UserFactory(email="sari.virtanen@example.test")
    response = client.post(
        reverse("account_login"), {"login": "Sari.Virtanen@example.test", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("profile")).context["user"] == person


def test_wrong_password_shows_finnish_error_and_keeps_email(client):
    UserFactory(email="sari.virtanen@example.test")
    response = client.post(
        "/fi/accounts/login/", {"login": "sari.virtanen@example.test", "password": "väärin"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="sari.virtanen@example.test"' in body
    assert "väärin" in body or "ei ole oikein" in body


def test_repeated_failed_sign_ins_are_throttled(client):
    UserFactory(email="target@example.test")
    statuses = []
    for _ in range(8):
        response = client.post(
            reverse("account_login"), {"login": "target@example.test", "password": "wrong-guess"}
        )
        statuses.append(response.status_code)
    # After the limit even the right password is refused for a while.
    response = client.post(
        reverse("account_login"), {"login": "target@example.test", "password": DEFAULT_PASSWORD}
    )
    assert 429 in statuses or response.status_code != 302
    assert client.get(reverse("profile")).status_code == 302


def test_sign_out_requires_post_and_ends_session(client, user):
    client.force_login(user)
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("profile")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("profile")).status_code == 302


def test_open_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.test", "password1": "x-Very-long-pass-1", "password2": "x-Very-long-pass-1"},
    )
    from accounts.models import User

    assert not User.objects.filter(email="new@example.test").exists()
    assert response.status_code in (200, 403)


def test_password_reset_sends_email_with_working_link(client, settings):
    UserFactory(email="unohtaja@example.test")
    response = client.post(reverse("account_reset_password"), {"email": "unohtaja@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    site = re.escape(settings.SITE_URL.rstrip("/"))
    link = re.search(site + r"(/\S+/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    new_password = "Uusi-salasana-2026!"
    client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
    )
    assert client.login(email="unohtaja@example.test", password=new_password)


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) <= 1
    assert all("nobody@example.test" not in m.body or "account" in m.body.lower() for m in mail.outbox)


def test_disabled_account_loses_its_session_at_once(client, user):
    client.force_login(user)
    assert client.get(reverse("profile")).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(reverse("profile")).status_code == 302


def test_session_ends_after_absolute_lifetime(client, user, settings):
    client.force_login(user)
    client.get(reverse("profile"))
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 10
    session.save()
    assert client.get(reverse("profile")).status_code == 302


def test_session_idle_timeout_is_configured(settings):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_RENEW_SECONDS <= 60


def test_session_idle_timeout_is_renewed_at_most_once_a_minute(client, user, settings):
    from django.contrib.sessions.models import Session

    client.force_login(user)
    client.get(reverse("profile"))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    renewed = Session.objects.get(session_key=key).expire_date

    again = client.get(reverse("profile"))
    assert settings.SESSION_COOKIE_NAME not in again.cookies
    assert Session.objects.get(session_key=key).expire_date == renewed

    session = client.session
    session[SESSION_RENEWED_KEY] = int(time.time()) - settings.SESSION_RENEW_SECONDS
    session.save()
    written = Session.objects.get(session_key=key).expire_date
    later = client.get(reverse("profile"))
    assert later.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    assert Session.objects.get(session_key=key).expire_date > written


def test_a_stale_session_cookie_writes_no_session(client, settings):
    from django.contrib.sessions.models import Session

    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-is-gone"
    client.get(reverse("profile"))
    assert not Session.objects.exists()


def _sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    # Turning on two-factor authentication asks for the password once more.
    response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def test_two_factor_pages_need_sign_in_and_render(client, user):
    assert client.get(reverse("mfa_index")).status_code == 302
    _sign_in(client, user)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_totp_activation_needs_recent_authentication(client, user):
    client.force_login(user)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]


def test_totp_activation_with_a_real_code(client, user):
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import hotp_value

    _sign_in(client, user)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    code = f"{hotp_value(secret, int(time.time()) // 30):06d}"
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert get_adapter() is not None


def test_profile_lists_memberships(client):
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory

    membership = MembershipFactory(role=Membership.Role.SECRETARY)
    client.force_login(membership.user)
    body = client.get(reverse("profile")).content.decode()
    assert membership.group.name in body


def test_a_sign_in_starts_the_lifetime_and_the_first_pages_write_no_session(client, user, settings):
    from django.contrib.sessions.models import Session

    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = Session.objects.get(session_key=key)
    data = stored.get_decoded()
    assert int(time.time()) - data[SESSION_STARTED_KEY] < 60
    assert data[SESSION_RENEWED_KEY] == data[SESSION_STARTED_KEY]
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.get(session_key=key).expire_date == stored.expire_date
