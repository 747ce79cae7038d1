"""Deadline reminders to the members that have not answered, exactly once, in the way co-development's
reminders work (see codevelopment.reminders for the whole argument):

1. `reminders_schedule` writes one Reminder row per (matter, member) with bulk_create(ignore_conflicts);
   the unique constraint makes a second run, or two schedulers at once, add nothing.
2. `reminder_send` locks the row (SKIP LOCKED), writes the in-app notifications and sets `sent_at` in the
   same transaction: both or neither.
3. The email is claimed after the commit with a conditional UPDATE (emailed_at IS NULL), so only one worker
   sends it; a failed send releases the claim for the next run.

A member that has left the network, or has answered, gets no reminder; neither does a closed matter."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import Notification
from core.services import notification_send

from ..models import Matter, Member, Reminder, Statement
from .common import member_emails, member_users
from .matters import deadline_text


def _matters_in_window(now: datetime.datetime):
    window_start = ExpressionWrapper(
        F("deadline") - F("network__reminder_days") * Value(datetime.timedelta(days=1)),
        output_field=DurationField(),
    )
    return (
        Matter.objects.filter(status=Matter.Status.OPEN, deadline__gt=now)
        .alias(window_start=window_start)
        .filter(window_start__lte=now)
        .select_related("network")
    )


def pending_members(matter: Matter, *, on: datetime.date | None = None):
    """Asked members still current that have neither sent a statement nor declined."""
    answered = matter.statements.exclude(status=Statement.Status.DRAFT).values("member_id")
    return (
        Member.objects.current(on).filter(pk__in=matter.asked_members.values("pk")).exclude(pk__in=answered)
    )


def reminders_schedule(*, now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    rows = []
    for matter in _matters_in_window(now):
        due_at = matter.deadline - datetime.timedelta(days=matter.network.reminder_days)
        for member_id in pending_members(matter, on=timezone.localdate(now)).values_list("pk", flat=True):
            rows.append(Reminder(matter=matter, member_id=member_id, due_at=due_at))
    if rows:
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    unsent = Reminder.objects.filter(sent_at__isnull=True, due_at__lte=now)
    unmailed = Reminder.objects.filter(sent_at__isnull=False, emailed_at__isnull=True)
    return list((unsent | unmailed).order_by("due_at", "id").values_list("pk", flat=True))


def _still_due(reminder: Reminder, now: datetime.datetime) -> bool:
    matter = reminder.matter
    if matter.status != Matter.Status.OPEN or matter.deadline <= now:
        return False
    return pending_members(matter, on=timezone.localdate(now)).filter(pk=reminder.member_id).exists()


def _text(reminder: Reminder) -> str:
    return _("Reminder: the statement of %(member)s on “%(title)s” is asked for by %(deadline)s.") % {
        "member": reminder.member.name,
        "title": reminder.matter.title,
        "deadline": deadline_text(reminder.matter.deadline),
    }


def reminder_send(reminder_id: int, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    wrote = False
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("matter__network", "member")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None:
            return False
        if reminder.sent_at is None:
            due = _still_due(reminder, now)
            if due:
                made = []
                for user in member_users([reminder.member]):
                    with translation.override(user.language or "fi"):
                        made += notification_send(
                            actor=None,
                            recipients=[user],
                            verb="influencernet.matter_reminder",
                            text=_text(reminder),
                            url=reminder.matter.get_absolute_url(),
                        )
                # The reminder has its own email: the digest must not email it again.
                Notification.objects.filter(pk__in=[n.pk for n in made if n.pk]).update(emailed_at=now)
            reminder.sent_at = now
            update = ["sent_at"]
            if not due:
                reminder.emailed_at = now
                update.append("emailed_at")
            reminder.save(update_fields=update)
            wrote = due
    reminder_email(reminder_id, now=now)
    return wrote


def reminder_email(reminder_id: int, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    claimed = Reminder.objects.filter(pk=reminder_id, sent_at__isnull=False, emailed_at__isnull=True).update(
        emailed_at=now
    )
    if claimed != 1:
        return False
    reminder = Reminder.objects.select_related("matter__network", "member").get(pk=reminder_id)
    try:
        recipients = member_emails(reminder.member)
        if not recipients:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "matter": reminder.matter,
                "member": reminder.member,
                "deadline": deadline_text(reminder.matter.deadline),
                "url": settings.SITE_URL + reminder.matter.get_absolute_url(),
            }
            subject = render_to_string("influencernet/email/reminder_subject.txt", context).strip()
            body = render_to_string("influencernet/email/reminder_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        Reminder.objects.filter(pk=reminder_id, emailed_at=now).update(emailed_at=None)
        raise
    return True
