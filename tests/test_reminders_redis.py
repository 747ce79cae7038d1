"""Reminders through Redis and a real worker: the scheduler running twice, and a send that dies on its
first attempt, still give exactly one notification and one email per due follow-up point."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from codevelopment import reminders
from codevelopment.models import Reminder
from codevelopment.tasks import schedule_reminders, send_reminder
from config.celery import app as celery_app
from core.models import Notification

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
    assert celery_app.conf.broker_url == redis_url
    # A queue of our own, so that no other worker on the same Redis takes the tasks; both tasks are routed
    # there (the scheduler hands each reminder on with .delay()).
    queue = f"test-{uuid.uuid4().hex}"
    for task in (schedule_reminders, send_reminder):
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


def _wait_until(check, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def _settle(seconds: float = 1.5) -> None:
    # Give any duplicate task time to run, so a second notification or email would show.
    time.sleep(seconds)


@pytest.fixture
def due_points(transactional_db):
    from accounts.tests.factories import UserFactory
    from codevelopment.tests.reach_data import opened_process, point

    process = opened_process()
    owners = [process.chair, UserFactory()]
    return [point(process, owner=owner) for owner in owners], owners


@pytest.mark.django_db(transaction=True)
def test_scheduler_twice_through_redis_sends_once_per_point(redis_worker, due_points, mailoutbox):
    points, owners = due_points
    assert celery_app.connection_for_write().transport_cls == "redis"

    schedule_reminders.delay()
    schedule_reminders.delay()

    assert _wait_until(lambda: Reminder.objects.filter(emailed_at__isnull=False).count() == len(points))
    assert _wait_until(lambda: len(mailoutbox) == len(points))
    _settle()
    assert Reminder.objects.count() == len(points)
    for owner in owners:
        assert Notification.objects.filter(recipient=owner, verb="codevelopment.followup_due").count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(o.email for o in owners)


@pytest.mark.django_db(transaction=True)
def test_send_that_dies_is_delivered_once_by_the_next_run(redis_worker, due_points, mailoutbox, monkeypatch):
    points, owners = due_points
    real = reminders.notification_send
    failed: list[int] = []

    def dies_the_first_time(**kwargs):
        if not failed:
            failed.append(1)
            raise RuntimeError("worker died in the middle of the task")
        return real(**kwargs)

    monkeypatch.setattr(reminders, "notification_send", dies_the_first_time)

    schedule_reminders.delay()
    assert _wait_until(lambda: failed and Reminder.objects.filter(sent_at__isnull=False).count() == 1)
    _settle()
    # The one that died left nothing behind: still unsent, no notification, no email for it.
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 1
    assert Notification.objects.count() == 1 and len(mailoutbox) == 1

    schedule_reminders.delay()
    schedule_reminders.delay()
    assert _wait_until(lambda: Reminder.objects.filter(emailed_at__isnull=False).count() == len(points))
    assert _wait_until(lambda: len(mailoutbox) == len(points))
    _settle()
    for owner in owners:
        assert Notification.objects.filter(recipient=owner, verb="codevelopment.followup_due").count() == 1
    assert len(mailoutbox) == len(points)
