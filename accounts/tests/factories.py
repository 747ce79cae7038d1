"""Test factories for accounts. Shared by every app's tests: keep them general."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import User

# One known password for every factory user, so tests can sign in through real login views too.
DEFAULT_PASSWORD = "factory-password-not-secret"


class UserFactory(DjangoModelFactory):
    """An ordinary active professional. `staff=True` gives an administrator."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    title = ""
    language = "fi"
    is_staff = False
    is_active = True
    password = factory.django.Password(DEFAULT_PASSWORD)


class StaffUserFactory(UserFactory):
    is_staff = True


TOTP_TEST_SECRET = "JBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_TEST_SECRET) -> str:
    """The authenticator app's current code for `secret`."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def enable_totp(user, secret: str = TOTP_TEST_SECRET):
    """Turns two-factor authentication on for `user` as the activation page would."""
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret).instance


def force_login_with_mfa(client, user) -> None:
    """Signs `client` in as `user` with a session that passed two-factor authentication, as allauth's
    sign-in records it (for tests of pages that require MFA; the real flow is tested in accounts)."""
    import time

    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enable_totp(user)
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
