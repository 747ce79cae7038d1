"""The cache backend: Django's Redis cache, with one Redis client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` object for every cache call (`get_client`), and
building one copies redis-py's table of response callbacks: about a millisecond of processor time per call
on a busy machine, and a send of the open form makes four cache calls (ALTCHA's replay check and mark, the
per-address counters). The client only wraps its connection pool and is safe to share, so it is built once
per pool. Everything else (pools, serialisation, timeouts) is Django's.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
