"""Parallel test workers keep out of each other's Redis database."""

from config.redis_url import redis_database_for_worker


def test_each_worker_gets_its_own_database():
    urls = {redis_database_for_worker("redis://127.0.0.1:6379/0", n) for n in range(4)}
    assert urls == {f"redis://127.0.0.1:6379/{n}" for n in (8, 9, 10, 11)}


def test_worker_database_keeps_host_credentials_and_options():
    url = redis_database_for_worker("redis://:secret@cache.internal:6380/2?ssl_cert_reqs=none", 1)
    assert url == "redis://:secret@cache.internal:6380/11?ssl_cert_reqs=none"


def test_worker_database_without_a_number_starts_from_zero():
    assert redis_database_for_worker("redis://localhost", 0) == "redis://localhost/8"
