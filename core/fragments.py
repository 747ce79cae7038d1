"""Page fragments that are the same for every reader, cached under a version that the database raises on
every write of what they show (core.models.CacheVersion, raised by triggers that the owning app's
migration puts on its tables). A fragment is rendered again at most once per version, key and language;
the version is one primary-key read per page."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from .models import CacheVersion

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 3600


def current_version(name: str) -> int | None:
    return CacheVersion.objects.filter(name=name).values_list("version", flat=True).first()


def versioned_fragment(name: str, key: str, render: Callable[[], str]) -> SafeString:
    """The fragment `name` for `key` (everything else it depends on: its object, the language), from the
    cache when it was rendered at the current version, else rendered now and kept. `render` returns safe
    HTML. Without a version row, or when the cache fails, the fragment is rendered uncached."""
    version = current_version(name)
    if version is None:
        return mark_safe(render())  # noqa: S308 -- render() returns a rendered template
    cache_key = f"fragment:{name}:{version}:{key}"
    try:
        html = cache.get(cache_key)
    except Exception:  # a cache outage must not break the page
        logger.warning("fragment cache unavailable", exc_info=True)
        return mark_safe(render())  # noqa: S308
    if html is None:
        html = str(render())
        try:
            cache.set(cache_key, html, TIMEOUT)
        except Exception:
            logger.warning("fragment cache unavailable", exc_info=True)
    return mark_safe(html)  # noqa: S308 -- rendered by a template, kept as it was
