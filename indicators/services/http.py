"""The live HTTP path to the sources: base URLs, User-Agent (Sotkanet refuses requests without one),
timeouts and retries with back-off, all from settings. Only the outside world is fetched here; callers
fetch before they open the import's transaction."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class FetchFailed(Exception):
    """The source could not be read; the message is shown to the person who started the import."""


def fetch(url: str, *, params: list[tuple[str, str]] | None = None, json_body=None) -> bytes:
    if params:
        url = f"{url}?{urlencode(params)}"
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchFailed(_("The source address must start with http:// or https://."))
    headers = {"User-Agent": settings.INDICATORS_USER_AGENT, "Accept": "application/json, text/csv;q=0.9"}
    data = None
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    retries = max(settings.INDICATORS_HTTP_RETRIES, 0)
    limit = settings.INDICATORS_HTTP_MAX_BYTES
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(settings.INDICATORS_HTTP_BACKOFF * 2 ** (attempt - 1))
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=settings.INDICATORS_HTTP_TIMEOUT) as response:  # noqa: S310
                body = response.read(limit + 1)
        except urllib.error.HTTPError as exc:
            last = _("the source answered HTTP %(code)s") % {"code": exc.code}
            # A refusal (403 without a User-Agent, 404 for an unknown id) does not get better by retrying.
            if exc.code < 500 and exc.code != 429:
                break
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            last = (
                _("the source did not answer in time")
                if isinstance(reason, TimeoutError) or "timed out" in str(reason)
                else _("the source could not be reached")
            )
        else:
            if len(body) > limit:
                raise FetchFailed(_("The source sent more than %(mb)s MB.") % {"mb": limit // 1_000_000})
            return body
        logger.warning("indicator source %s: %s (attempt %s)", urlsplit(url).netloc, last, attempt + 1)
    raise FetchFailed(_("The import failed: %(reason)s.") % {"reason": last})
