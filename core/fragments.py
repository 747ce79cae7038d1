"""Values cached under a version that the database raises on every write of what they depend on
(core.models.CacheVersion, raised by triggers that the owning app's migration puts on its tables): page
fragments that are the same for every reader, and rows of counting statements. A value is computed again
at most once per version and key; the version is one primary-key read.

Every raise takes a new number from one sequence (`core_cacheversion_seq`), which never gives a number
twice, even to a transaction that rolls back: a value cached inside a write's own transaction, under that
write's number, can never be read for a later, different state."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.signals import post_migrate
from django.utils.safestring import SafeString, mark_safe

from .models import CacheVersion

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 3600
T = TypeVar("T")


def current_version(name: str) -> int | None:
    return CacheVersion.objects.filter(name=name).values_list("version", flat=True).first()


def versioned(name: str, key: str, compute: Callable[[], T]) -> T:
    """The value `name` for `key` (everything else it depends on: its object, the language, the
    statements), from the cache when it was computed at the current version, else computed now and kept.
    The key names the database too, so two databases sharing one cache never meet. Without a version row,
    or when the cache fails, the value is computed uncached."""
    version = current_version(name)
    if version is None:
        return compute()
    db = connection.settings_dict
    digest = hashlib.sha256(repr((db["NAME"], db["HOST"], db["PORT"], key)).encode()).hexdigest()
    cache_key = f"versioned:{name}:{version}:{digest}"
    try:
        value = cache.get(cache_key)
    except Exception:  # a cache outage must not break the page
        logger.warning("versioned cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(cache_key, value, TIMEOUT)
        except Exception:
            logger.warning("versioned cache unavailable", exc_info=True)
    return value


def versioned_fragment(name: str, key: str, render: Callable[[], str]) -> SafeString:
    """A page fragment (safe HTML returned by `render`) cached by `versioned`."""
    return mark_safe(versioned(name, key, lambda: str(render())))  # noqa: S308 -- rendered by a template


def keep_version(name: str, *, sender) -> None:
    """Keeps the version row `name` after every `migrate` and `flush` (both end with post_migrate): the
    owning app's migration makes the row, and a flush, as the tests do between transactional tests,
    empties the table with all others. Without its row a value is only computed uncached."""

    def ensure(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT to_regclass('core_cacheversion'), to_regclass('core_cacheversion_seq')")
            if None in cursor.fetchone():  # migrated back before the versions existed
                return
            cursor.execute(
                "INSERT INTO core_cacheversion (name, version) VALUES (%s, nextval('core_cacheversion_seq'))"
                " ON CONFLICT DO NOTHING",
                [name],
            )

    post_migrate.connect(
        ensure, sender=sender, weak=False, dispatch_uid=f"core.fragments.keep_version:{name}"
    )
