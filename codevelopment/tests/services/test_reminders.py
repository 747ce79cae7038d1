from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment.models import Reminder
from codevelopment.services import reminders
from codevelopment.tasks import schedule_reminders, send_reminder
from codevelopment.tests.factories import ConsultationCommentFactory
from codevelopment.tests.reach_data import consultation, opened_process, point, team_with_members
from core.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return opened_process()


def _notes(user, verb="codevelopment.followup_due"):
    return Notification.objects.filter(recipient=user, verb=verb)


def test_due_point_reminded_once_when_scheduler_runs_twice(process, mailoutbox):
    due = point(process)
    schedule_reminders()
    schedule_reminders()
    reminder = Reminder.objects.get()
    assert reminder.key == f"followup:{due.pk}" and reminder.recipient == process.chair
    assert reminder.sent_at is not None and reminder.emailed_at is not None
    notes = list(_notes(process.chair))
    assert len(notes) == 1
    # The link opens the point on the follow-up page.
    assert notes[0].url == f"/fi/codevelopment/{process.pk}/follow-up/#point-{due.pk}"
    # The reminder has its own email: the digest does not send it again.
    assert notes[0].emailed_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [process.chair.email]
    assert "Kerhopaikkojen määrä" in mailoutbox[0].subject


def test_email_in_recipients_language(process, mailoutbox):
    owner = UserFactory(language="sv")
    point(process, owner=owner)
    schedule_reminders()
    assert len(mailoutbox) == 1
    assert "/sv/" in mailoutbox[0].body
    assert _notes(owner).get().url.startswith("/sv/")


def test_two_sends_of_the_same_row_deliver_once(process, mailoutbox):
    point(process)
    ids = reminders.reminders_schedule()
    assert len(ids) == 1
    assert send_reminder(ids[0]) is True
    assert send_reminder(ids[0]) is False
    assert _notes(process.chair).count() == 1
    assert len(mailoutbox) == 1


def test_email_claim_is_taken_once(process, mailoutbox):
    point(process)
    (reminder_id,) = reminders.reminders_schedule()
    assert reminders.reminder_send(reminder_id)
    # A second worker reaching the email step finds the claim taken.
    assert reminders.reminder_email(reminder_id) is False
    assert len(mailoutbox) == 1


def test_failure_before_commit_records_nothing_then_next_run_sends_once(process, mailoutbox, monkeypatch):
    point(process)
    (reminder_id,) = reminders.reminders_schedule()

    def dies(**kwargs):
        raise RuntimeError("worker died")

    monkeypatch.setattr(reminders, "notification_send", dies)
    with pytest.raises(RuntimeError):
        send_reminder(reminder_id)
    reminder = Reminder.objects.get()
    assert reminder.sent_at is None and reminder.emailed_at is None
    assert not Notification.objects.exists()
    assert mailoutbox == []

    monkeypatch.undo()
    schedule_reminders()
    schedule_reminders()
    assert _notes(process.chair).count() == 1
    assert len(mailoutbox) == 1
    assert Reminder.objects.get().sent_at is not None


def test_scheduler_run_survives_a_failing_send(process, mailoutbox, monkeypatch):
    """The first attempt fails inside the transaction (as when a worker dies mid-task); the scheduler's
    next run delivers exactly one."""
    point(process)
    calls = {"n": 0}
    real = reminders.notification_send

    def first_fails(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("worker died")
        return real(**kwargs)

    monkeypatch.setattr(reminders, "notification_send", first_fails)
    schedule_reminders()
    assert not Notification.objects.exists() and mailoutbox == []
    schedule_reminders()
    schedule_reminders()
    assert _notes(process.chair).count() == 1
    assert len(mailoutbox) == 1


def test_failed_email_is_retried_once(process, mailoutbox, monkeypatch):
    point(process)
    (reminder_id,) = reminders.reminders_schedule()

    def smtp_down(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(reminders, "send_mail", smtp_down)
    with pytest.raises(OSError):
        reminders.reminder_send(reminder_id)
    reminder = Reminder.objects.get()
    assert reminder.sent_at is not None and reminder.emailed_at is None
    monkeypatch.undo()
    schedule_reminders()
    schedule_reminders()
    assert _notes(process.chair).count() == 1
    assert len(mailoutbox) == 1


def test_not_due_point_not_reminded(process, mailoutbox):
    point(process, days_ago=-1)
    schedule_reminders()
    assert not Reminder.objects.exists()
    assert mailoutbox == []


def test_recorded_point_not_reminded(process, mailoutbox):
    point(process, value=12)
    schedule_reminders()
    assert not Reminder.objects.exists()


def test_due_today_in_helsinki(process):
    due = point(process, days_ago=0)
    # 23.30 UTC on the day before is already the due day in Helsinki (UTC+2/+3).
    helsinki_midnight = datetime.datetime.combine(due.due_on, datetime.time(0, 30), tzinfo=reminders.HELSINKI)
    ids = reminders.reminders_schedule(now=helsinki_midnight)
    assert len(ids) == 1
    before = reminders.HELSINKI
    assert Reminder.objects.get().due_at.astimezone(before).date() == due.due_on


def test_consultation_reminds_members_who_have_not_commented(process, mailoutbox):
    team, (commented, silent) = team_with_members(2)
    round_ = consultation(process, [team], hours_left=10)
    ConsultationCommentFactory(consultation=round_, author=commented, text="Hyvä.")
    schedule_reminders()
    schedule_reminders()
    assert list(Reminder.objects.values_list("key", "recipient")) == [
        (f"consultation:{round_.pk}", silent.pk)
    ]
    note = Notification.objects.get(verb="codevelopment.consultation_reminder")
    assert note.recipient == silent
    assert note.url == f"/fi/codevelopment/{process.pk}/consultations/{round_.pk}/"
    # The deadline in Finnish with the hour after "klo" and no leading zeros (1.12.2026 klo 8.05), not as
    # 01.12.2026 08:05.
    deadline = timezone.localtime(round_.deadline)
    hour = f"{deadline.hour}.{deadline.minute:02d}"
    assert f"{deadline.day}.{deadline.month}.{deadline.year} klo {hour} " in note.text
    assert [m.to for m in mailoutbox] == [[silent.email]]


def test_consultation_outside_window_or_closed_not_reminded(process):
    team, _members = team_with_members(1)
    consultation(process, [team], hours_left=100, reminder_hours=48)
    closed = consultation(process, [team], hours_left=5)
    closed.closed_at = timezone.now()
    closed.save()
    consultation(process, [team], hours_left=-1)
    schedule_reminders()
    assert not Reminder.objects.exists()


def test_ended_membership_and_inactive_owner_not_reminded(process):
    team, (member,) = team_with_members(1)
    team.memberships.update(ended_on=timezone.localdate())
    consultation(process, [team], hours_left=5)
    owner = UserFactory(is_active=False)
    point(process, owner=owner)
    schedule_reminders()
    assert not Reminder.objects.exists()


def test_removed_point_leaves_nothing_to_send(process, mailoutbox):
    due = point(process)
    (reminder_id,) = reminders.reminders_schedule()
    due.delete()
    assert reminders.reminder_send(reminder_id) is False
    assert Reminder.objects.get().sent_at is not None
    assert not Notification.objects.exists() and mailoutbox == []
    assert reminders.reminders_schedule() == []


def test_schedule_is_in_the_beat_schedule():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["codevelopment-reminders"]
    assert entry["task"] == "codevelopment.tasks.schedule_reminders"
    assert entry["schedule"] == 300.0
    assert send_reminder.acks_late and send_reminder.reject_on_worker_lost


def test_reminder_no_longer_needed_is_closed_without_sending(process, mailoutbox):
    due = point(process)
    team, (member,) = team_with_members(1)
    round_ = consultation(process, [team], hours_left=5)
    ids = reminders.reminders_schedule()
    assert len(ids) == 2
    # Before the worker gets to them, the value is recorded and the member comments.
    due.value = 15
    due.recorded_at = timezone.now()
    due.save()
    ConsultationCommentFactory(consultation=round_, author=member, text="Ehdin ensin.")
    for reminder_id in ids:
        assert send_reminder(reminder_id) is False
    assert not Notification.objects.exists() and mailoutbox == []
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    assert reminders.reminders_schedule() == []
