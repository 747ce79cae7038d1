"""The Redis cache backend (core.cache): Django's, with one Redis client per connection pool. Run against
the Redis of REDIS_URL (the tests' own cache is in memory); skipped without one."""

from __future__ import annotations

import os

import pytest

from core.cache import RedisCache

KEYS = ("n", "d")


@pytest.fixture
def cache():
    url = os.environ.get("REDIS_URL", "")
    if not url.startswith("redis://"):
        pytest.skip("no REDIS_URL")
    backend = RedisCache(url, {"KEY_PREFIX": "ilmio-test-cache"})
    backend.delete_many(KEYS)
    yield backend
    backend.delete_many(KEYS)


def test_one_client_is_built_per_connection_pool(cache):
    client = cache._cache

    assert client.get_client(write=True) is client.get_client(write=True)
    assert client.get_client("a") is client.get_client("b")


def test_the_cache_works_as_django_s_does(cache):
    assert cache.add("n", 1, timeout=60) is True
    assert cache.add("n", 5, timeout=60) is False
    assert cache.incr("n") == 2
    cache.set("d", {"a": [1, 2]}, timeout=60)
    assert cache.get("d") == {"a": [1, 2]}
    assert cache.get_many(["n", "d"]) == {"n": 2, "d": {"a": [1, 2]}}
    cache.delete("n")
    assert cache.get("n") is None
