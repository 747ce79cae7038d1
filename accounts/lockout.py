"""Sign-in lockout: failed attempts count per account AND address, and a locked sign-in gets its own
page with status 429 (not a form error a person may miss)."""

from __future__ import annotations

from allauth.account.views import LoginView
from django.shortcuts import render

LOCKED_CODE = "too_many_login_attempts"


def lockout_key(base_key: str, client_ip: str) -> str:
    """The rate-limit key of one account tried from one address: one person failing behind a county's
    shared proxy does not lock out colleagues, and a stranger elsewhere does not lock out the owner."""
    return f"{base_key}|{client_ip}"


def is_locked_out(form) -> bool:
    return any(error.code == LOCKED_CODE for error in form.errors.as_data().get("__all__", []))


class ThrottledLoginView(LoginView):
    def form_invalid(self, form):
        if is_locked_out(form):
            return render(self.request, "account/login_locked.html", status=429)
        return super().form_invalid(form)


login = ThrottledLoginView.as_view()
