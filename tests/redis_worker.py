"""A real Celery worker on Redis for the tests that prove a task travels through the broker: the worker runs
in a thread of the test process, on a queue of its own, so that no other worker on the same Redis (a dev
server, a parallel test run) takes the tasks."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app


def redis_url_or_skip() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        # In CI the conftest turns this skip into a failure: Redis must be there.
        pytest.skip("REDIS_URL is not set: no Redis server to send Celery tasks through")
    # config.settings points the broker at REDIS_URL when it is set: the worker and .delay() use Redis.
    assert celery_app.conf.broker_url == url
    return url


@contextmanager
def worker_for(tasks, monkeypatch) -> Iterator:
    """Routes `tasks` to a new queue and runs a worker on it. Unit tests run tasks eagerly; these must go
    through the broker, so eager mode is off meanwhile. (Celery's settings keep their values outside the
    instance __dict__, so monkeypatch could not restore that one.)"""
    redis_url_or_skip()
    queue = f"test-{uuid.uuid4().hex}"
    for task in tasks:
        # The task's own `queue` option routes .delay() there; its cached options are reset.
        monkeypatch.setattr(task, "queue", queue, raising=False)
        monkeypatch.setattr(task, "_exec_options", None, raising=False)
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
