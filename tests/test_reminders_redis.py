"""Reminders through Redis and a real worker: the scheduler running twice, and a send that dies on its
first attempt, still give exactly one notification and one email per due follow-up point."""

from __future__ import annotations

import time

import pytest

from codevelopment.models import Reminder
from codevelopment.services import reminders
from codevelopment.tasks import schedule_reminders, send_reminder
from config.celery import app as celery_app
from core.models import Notification
from tests.redis_worker import worker_for

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_worker(monkeypatch):
    # Both tasks go through Redis: the scheduler hands each reminder on with .delay().
    with worker_for([schedule_reminders, send_reminder], monkeypatch) as worker:
        yield worker


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
