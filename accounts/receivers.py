"""Sign-ins go to the audit log (the person's own sign-in history, in their data export) and start the
session's lifetime."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core.audit import audit_record

from .middleware import session_signed_in
from .selectors import SIGN_IN_ACTION


@receiver(user_logged_in, dispatch_uid="accounts.sign_in_history")
def record_sign_in(sender, request, user, **kwargs):
    address = ""
    if request is not None:
        from allauth.account.adapter import get_adapter

        try:
            address = get_adapter(request).get_client_ip(request)
        except Exception:  # noqa: BLE001 - no usable address (e.g. a test request)
            address = ""
    audit_record(actor=user, action=SIGN_IN_ACTION, obj=user, after={"address": address})


@receiver(user_logged_in, dispatch_uid="accounts.session_signed_in")
def start_session_lifetime(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_signed_in(request.session)
