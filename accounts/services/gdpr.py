"""A person's data rights: asking for erasure, and an administrator's erasure of an account.

Erasure anonymises: the account row stays (observations, minutes, decisions and the audit trail keep
pointing at it, and decisions keep the role it was made in), but the person is replaced by a pseudonym,
their contact data, password, two-factor devices, linked sign-ins and notifications go."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.models import Notification
from core.services import notification_send

ERASED_DOMAIN = "erased.invalid"


def pseudonym(user) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{user.pk}".encode()).hexdigest()[:8]
    return f"Poistettu käyttäjä {digest}"


def is_erased(user) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


@transaction.atomic
def account_erasure_request(*, actor) -> None:
    """The person asks for their account to be erased; administrators are told and decide."""
    if not actor.is_authenticated:
        raise DomainError(_("Sign in first."), code="anonymous")
    audit_record(actor=actor, action="account.erasure_requested", obj=actor)
    admins = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=actor.pk)
    notification_send(
        actor=actor,
        recipients=admins,
        verb="account.erasure_requested",
        text=_("%(name)s asked for their account to be erased.") % {"name": actor.full_name or actor.email},
        url="",
    )


@transaction.atomic
def account_erase(*, actor, user) -> None:
    """Anonymises `user` (see the module). `actor` is the administrator, or None from the command line."""
    if actor is not None and not actor.is_superuser:
        raise DomainError(_("Only an administrator can erase an account."), code="forbidden")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        raise ConflictError(_("This account has already been erased."), code="already_erased")
    name = pseudonym(user)
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.full_name, user.title = name, ""
    user.is_active, user.is_staff, user.is_superuser = False, False, False
    user.set_unusable_password()
    user.save()
    Notification.objects.filter(recipient=user).delete()
    _forget_sign_in(user)
    # The audit trail keeps the event, never the erased name or address.
    audit_record(actor=actor, action="account.erase", obj=user, after={"pseudonym": name})


def _forget_sign_in(user) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    from allauth.socialaccount.models import SocialAccount

    # Open sessions end at the next request: the account is inactive (accounts.middleware).
    SocialAccount.objects.filter(user=user).delete()
