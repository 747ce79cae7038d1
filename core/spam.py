"""Spam protection for the public forms of every app, without third parties (ARCHITECTURE: "Public forms").

Four layers, cheapest first: a per-address rate limit in the cache, a honeypot field that people never
see, a signed render-time stamp (a form sent within seconds of being shown, or a day later, is not a
person typing), and ALTCHA proof-of-work (django-altcha's AltchaField, checked with the form).

None of these ever throws away what the person wrote: the views re-render the form with the text kept.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"

# The salts keep the names from when this lived in observations: stamps already handed out and the rate
# counters already in the cache stay valid.
STAMP_SALT = "observations.public_form.stamp"
STAMP_MIN_SECONDS = 3
STAMP_MAX_SECONDS = 24 * 3600

STAMP_OK = "ok"
STAMP_TOO_FAST = "too_fast"
STAMP_EXPIRED = "expired"
STAMP_FORGED = "forged"


# --- Honeypot ---------------------------------------------------------------------------------------


def honeypot_filled(data) -> bool:
    """True when the hidden field was filled in: people never see it, form-filling robots do."""
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


# --- Render-time stamp ------------------------------------------------------------------------------


def stamp_make(*, now: float | None = None) -> str:
    """A signed record of when the form was shown. `now` lets a caller (a test) date it in the past."""
    return signing.dumps({"t": round(time.time() if now is None else now, 3)}, salt=STAMP_SALT)


def stamp_check(value: str | None, *, now: float | None = None) -> str:
    """One of STAMP_OK, STAMP_TOO_FAST (sent within STAMP_MIN_SECONDS of being shown), STAMP_EXPIRED
    (older than a day) or STAMP_FORGED (missing, altered or not ours)."""
    now = time.time() if now is None else now
    try:
        data = signing.loads(value or "", salt=STAMP_SALT, max_age=STAMP_MAX_SECONDS)
    except signing.SignatureExpired:
        return STAMP_EXPIRED
    except (signing.BadSignature, ValueError, json.JSONDecodeError, UnicodeError):
        return STAMP_FORGED
    shown = data.get("t") if isinstance(data, dict) else None
    if isinstance(shown, bool) or not isinstance(shown, int | float):
        return STAMP_FORGED
    age = now - shown
    if age > STAMP_MAX_SECONDS:
        return STAMP_EXPIRED
    # A stamp from the future (clocks of two servers apart) counts as too fast: the person just resends.
    if age < STAMP_MIN_SECONDS:
        return STAMP_TOO_FAST
    return STAMP_OK


def stamp_for_rerender(value: str | None) -> str:
    """The stamp to put in a re-rendered form: the original one while it is valid (so its time still counts
    from when the person first opened the form), otherwise a new one."""
    if stamp_check(value) in (STAMP_OK, STAMP_TOO_FAST):
        return value or stamp_make()
    return stamp_make()


# --- Per-address rate limits ------------------------------------------------------------------------


def client_ip(request) -> str:
    """The client's address by allauth's client-IP logic, which honours ALLAUTH_TRUSTED_PROXY_COUNT, so
    sign-in throttling and these limits agree on who the client is."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - no usable address: all such clients share one bucket
        return "unknown"


def client_key(request) -> str:
    """The client's address, hashed (the cache never holds a plain IP address)."""
    return salted_hmac("observations.spam.client", client_ip(request)).hexdigest()[:32]


def rate_limit_exempt(request) -> bool:
    """True for the addresses of RATE_LIMIT_EXEMPT_ADDRESSES (empty unless configured): the load test's own
    address, so that it can send the open form at the rate of a whole county. Every other protection (the
    honeypot, the stamp, ALTCHA, the personal-data check) still applies."""
    exempt = getattr(settings, "RATE_LIMIT_EXEMPT_ADDRESSES", ())
    return bool(exempt) and client_ip(request) in exempt


def _key(request, scope: str) -> str:
    return f"ilmio:ratelimit:{scope}:{client_key(request)}"


def rate_count(request, scope: str, window: int) -> int:
    """Counts one event for this client in a fixed window that starts at its first event; returns the
    count so far including this one."""
    key = _key(request, scope)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def rate_exceeded(request, scope: str, limit: int) -> bool:
    """True when this client has already used up `limit` events in the current window."""
    return (cache.get(_key(request, scope)) or 0) >= limit


def limits(name: str) -> tuple[int, int]:
    """(count, seconds) from settings: PUBLIC_FORM_RATE_LIMIT, PUBLIC_FORM_ATTEMPT_LIMIT, PUBLIC_LOOKUP_RATE_LIMIT."""
    count, seconds = getattr(settings, name)
    return int(count), int(seconds)


# --- The steps before the form itself ---------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why a public form was not taken in: "rate" (429, with Retry-After seconds), "honeypot" or "stamp"
    (400). The view shows its own message with what was typed kept."""

    status: int
    reason: str
    retry_after: int = 0
    # For "stamp": which check failed (STAMP_TOO_FAST, STAMP_EXPIRED, STAMP_FORGED), so that the page can
    # say why and what to do. Never shown for the honeypot, which must not tell a robot what gave it away.
    detail: str = ""


def without_nul(post) -> object:
    """A mutable copy of the POST data without NUL characters: never meaningful, and PostgreSQL cannot
    store them. They go before anything is shown again."""
    data = post.copy()
    for key in list(data.keys()):
        data.setlist(key, [value.replace("\x00", "") for value in data.getlist(key)])
    return data


def limit_reached(request, *, scope: str, accepted_limit: str) -> int:
    """Counts this send as an attempt of the address; the seconds to wait (Retry-After) when the address has
    used up its attempts (PUBLIC_FORM_ATTEMPT_LIMIT) or its accepted sends (`accepted_limit`), else 0."""
    if rate_limit_exempt(request):
        return 0
    attempt_limit, attempt_window = limits("PUBLIC_FORM_ATTEMPT_LIMIT")
    sent_limit, sent_window = limits(accepted_limit)
    attempts = rate_count(request, f"{scope}_attempt", attempt_window)
    if attempts > attempt_limit or rate_exceeded(request, scope, sent_limit):
        return max(attempt_window, sent_window)
    return 0


def screen(request, data, *, scope: str, accepted_limit: str) -> Refusal | None:
    """The cheap layers in order: the per-address limits (every send counts towards
    PUBLIC_FORM_ATTEMPT_LIMIT, accepted ones towards `accepted_limit`, counted by the view under `scope`
    with `rate_count` once the send is accepted), the honeypot and the render-time stamp. None when the send
    may go on to the form and its ALTCHA proof-of-work."""
    retry_after = limit_reached(request, scope=scope, accepted_limit=accepted_limit)
    if retry_after:
        log.info("%s: rate limit reached", scope)
        return Refusal(429, "rate", retry_after)
    if honeypot_filled(data):
        log.info("%s: honeypot filled", scope)
        return Refusal(400, "honeypot")
    verdict = stamp_check(data.get("stamp", ""))
    if verdict != STAMP_OK:
        log.info("%s: stamp %s", scope, verdict)
        return Refusal(400, "stamp", detail=verdict)
    return None


def count_accepted(request, *, scope: str, accepted_limit: str) -> None:
    """Counts an accepted send towards `accepted_limit` (see `screen`)."""
    rate_count(request, scope, limits(accepted_limit)[1])


# --- ALTCHA -----------------------------------------------------------------------------------------


def altcha_challenge() -> dict:
    """A fresh proof-of-work challenge, signed with ALTCHA_HMAC_KEY, as the widget expects it."""
    from django_altcha import get_altcha_challenge

    challenge = get_altcha_challenge(max_number=settings.PUBLIC_FORM_ALTCHA_MAX_NUMBER)
    return challenge.to_dict()


def altcha_strings() -> str:
    """The widget's texts in the page's language, as the JSON its `strings` attribute takes."""
    return json.dumps(
        {
            "label": _("I am not a robot"),
            "verifying": _("Checking…"),
            "verified": _("Checked"),
            "waitAlert": _("Checking… please wait."),
            "error": _("The check failed. Wait a moment and try again."),
            "expired": _("The check expired. It will run again."),
            "verificationRequired": _("Wait until the check has finished, then send the form."),
            "ariaLinkLabel": "ALTCHA",
            "footer": "",
            "loading": _("Loading…"),
            "reload": _("Reload"),
            "verify": _("Check"),
        },
        ensure_ascii=False,
    )
