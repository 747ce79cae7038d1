"""Scheduled work for co-development: reminders that reach each person exactly once (see
codevelopment.reminders for how the guarantee holds)."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def schedule_reminders() -> int:
    """Every five minutes: writes the reminders that are due, at most one per thing and person, and hands
    every unsent one to `send_reminder`, also those a dead worker left behind. Running it twice, or twice at
    the same time, sends nothing twice. Returns how many reminders it handed out."""
    from .reminders import reminders_schedule

    handed = 0
    for reminder_id in reminders_schedule():
        try:
            send_reminder.delay(reminder_id)
        except Exception:
            # One failed hand-over must not stop the others; the next run hands it out again.
            logger.exception("could not hand out reminder %s", reminder_id)
        else:
            handed += 1
    return handed


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_reminder(reminder_id: int) -> bool:
    """Sends one reminder. Acknowledged only after it has run, and put back on the queue if the worker is
    lost, so a dying worker's reminder is sent again; the row lock and `sent_at` make the repeat a no-op
    once it has been sent."""
    from .reminders import reminder_send

    return reminder_send(reminder_id)
