"""The one cache of what a user's memberships allow, kept on the user object for one request (or one
service call). Every app's role building blocks (`<app>/roles.py`) store their answers here under their
own key; `clear_role_cache(user)` is the one way to forget them, after a membership of the user changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# The attribute name is the one the role cache had before it was shared, which callers may still clear.
CACHE_ATTR = "_ilmio_roles_cache"


def is_signed_in(user) -> bool:
    """A signed-in person whose account is active: the first question of every permission."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def cached(user, key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per user object and key."""
    cache = getattr(user, CACHE_ATTR, None)
    if not isinstance(cache, dict):
        cache = {}
        setattr(user, CACHE_ATTR, cache)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def clear_role_cache(user) -> None:
    """Forget every cached role answer of `user` (call after adding or ending one of their memberships)."""
    if user is not None and getattr(user, CACHE_ATTR, None) is not None:
        delattr(user, CACHE_ATTR)
