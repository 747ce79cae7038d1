"""A task sent with .delay() travels through Redis to a real worker and writes to the database."""

from __future__ import annotations

import time
import uuid

import pytest

from config.celery import app as celery_app
from core.models import Heartbeat
from core.tasks import heartbeat
from tests.redis_worker import worker_for

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_worker(monkeypatch):
    with worker_for([heartbeat], monkeypatch) as worker:
        yield worker


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
