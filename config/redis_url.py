"""The Redis database a parallel test worker uses."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

# Databases 8–15 of a Redis server are left to the test workers; 0–7 to everything else.
FIRST_WORKER_DATABASE = 8
DATABASES = 16


def redis_database_for_worker(url: str, worker: int) -> str:
    """`url` with its database number moved to the worker's own (redis://host:6379/0 → …/8 for gw0)."""
    parts = urlsplit(url)
    path = parts.path.strip("/")
    base = int(path) if path.isdigit() else 0
    database = (base + FIRST_WORKER_DATABASE + worker) % DATABASES
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))
