from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_STARTED_KEY = "ilmio_session_started"
SESSION_RENEWED_KEY = "ilmio_session_renewed"


def session_signed_in(session) -> None:
    """A sign-in starts the absolute lifetime and counts as a renewal: the sign-in writes the session
    anyway, so the first pages after it write nothing more."""
    now = int(time.time())
    session[SESSION_STARTED_KEY] = now
    session[SESSION_RENEWED_KEY] = now


class SessionLifetimeMiddleware:
    """An absolute lifetime for signed-in sessions on top of the inactivity timeout (SESSION_COOKIE_AGE).
    Past it, the user signs in again.

    The inactivity timeout is renewed by writing the session (its row's expiry and the cookie's), at most
    once every SESSION_RENEW_SECONDS rather than on every request (SESSION_SAVE_EVERY_REQUEST): every
    signed-in page would otherwise pay an UPDATE and a commit of its own. A sign-in so ends between
    SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS and SESSION_COOKIE_AGE after its last request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            now = int(time.time())
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        session = getattr(request, "session", None)
        # keys() reads the session: a cookie of a session that is gone gives none, and none is written.
        if session is not None and session.keys():
            now = int(time.time())
            if now - int(session.get(SESSION_RENEWED_KEY, 0)) >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # marks the session modified: written after the view
        return self.get_response(request)
