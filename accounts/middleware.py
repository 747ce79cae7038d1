from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_STARTED_KEY = "ilmio_session_started"


class SessionLifetimeMiddleware:
    """An absolute lifetime for signed-in sessions on top of the inactivity timeout
    (SESSION_COOKIE_AGE, renewed on every request). Past it, the user signs in again."""

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
        return self.get_response(request)
