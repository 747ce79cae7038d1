"""A task sent with .delay() travels through Redis to a real worker and writes to the database."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app
from core.models import Heartbeat
from core.tasks import heartbeat

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        # In CI the conftest turns this skip into a failure: Redis must be there.
        pytest.skip("REDIS_URL is not set: no Redis server to send Celery tasks through")
    return url


@pytest.fixture
def redis_worker(redis_url, monkeypatch):
    # config.settings points the broker at REDIS_URL when it is set: the worker and .delay() use Redis.
    assert celery_app.conf.broker_url == redis_url
    # A queue of our own, so that no other worker on the same Redis (a dev server, a parallel test run)
    # takes the task. The task's own `queue` option routes .delay() there; its cached options are reset.
    queue = f"test-{uuid.uuid4().hex}"
    monkeypatch.setattr(heartbeat, "queue", queue, raising=False)
    monkeypatch.setattr(heartbeat, "_exec_options", None, raising=False)
    # Unit tests run tasks eagerly; this one must go through the broker to a real worker. (Celery's
    # settings keep their values outside the instance __dict__, so monkeypatch could not restore this.)
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            queues=[queue],
            hostname=f"{queue}@localhost",
            shutdown_timeout=30,
        ) as worker:
            yield worker
    finally:
        celery_app.conf.task_always_eager = was_eager


@pytest.mark.django_db(transaction=True)
def test_heartbeat_runs_in_worker_through_redis(redis_worker):
    name = f"redis-test-{uuid.uuid4().hex[:8]}"
    assert celery_app.connection_for_write().transport_cls == "redis"

    result = heartbeat.delay(name=name)
    assert type(result).__name__ == "AsyncResult"

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not Heartbeat.objects.filter(name=name).exists():
        time.sleep(0.1)
    assert Heartbeat.objects.filter(name=name).exists()
