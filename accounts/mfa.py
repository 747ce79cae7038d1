"""Two-factor authentication as a requirement: who has it turned on, and whether this session was opened
with it. Administrators and the roles that see client data must pass both before they get in."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def has_mfa(user) -> bool:
    """The account has an authenticator app (TOTP) turned on."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_passed_mfa(request) -> bool:
    """This session's sign-in (or a later re-authentication) included a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def mfa_satisfied(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and has_mfa(user) and session_passed_mfa(request))


def mfa_redirect(request, next_url: str):
    """Where to send a signed-in person who has not passed two-factor authentication in this session:
    to turn it on, or (it is on, but the session was opened without it) to confirm with a code."""
    query = urlencode({"next": next_url})
    if not has_mfa(request.user):
        messages.warning(
            request, _("This part of the service requires two-factor authentication. Turn it on first.")
        )
        return redirect(f"{reverse('mfa_activate_totp')}?{query}")
    messages.info(request, _("Confirm with the code of your authenticator app to continue."))
    return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


def mfa_required(view):
    """For views of roles that see client data: signed in, and through two-factor authentication in this
    session. Put it inside login_required."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # SECURITY: a password alone never opens these pages, even for an account with MFA turned on
        # later in the same session.
        if not mfa_satisfied(request):
            return mfa_redirect(request, request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
