"""Reminders that reach each person exactly once: a follow-up point that is due and has no measured value
goes to the metric's owner; a consultation round in its reminder window goes to every member of the asked
groups who has not commented yet.

How "exactly once" holds, step by step:

1. `reminders_schedule` writes one Reminder row per (key, recipient) with
   `bulk_create(ignore_conflicts=True)`. The unique constraint on (key, recipient) makes a second run, or two
   schedulers running at the same time, add nothing.
2. It then hands every unsent reminder to `send_reminder`, also old ones left behind by a worker that died.
   Handing the same row out twice is harmless, because of step 3.
3. `reminder_send` locks the row with `SELECT ... FOR UPDATE SKIP LOCKED` in one transaction, writes the
   in-app notification and sets `sent_at` in that same transaction. Either both are committed or neither:
   a worker that dies or fails before the commit leaves the row unsent, and the next scheduler run sends it.
   A second worker either skips the locked row or, after the commit, finds `sent_at` set and does nothing.
4. The email is sent after the commit. It is claimed first with a conditional
   `UPDATE ... SET emailed_at = now WHERE emailed_at IS NULL`; only the worker whose update touched the row
   sends it, so two workers can never both email. If sending raises, the claim is released and the next run
   tries again. (A worker killed between the claim and the send loses that one email: the email is sent at
   most once, the in-app notification exactly once.)

The reminder's own notification is marked emailed when it is written, so the hourly digest does not email
the same thing a second time."""

from __future__ import annotations

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.dates import display_date, display_datetime
from core.models import Notification
from core.services import notification_send

from ..models import ConsultationRound, FollowUpPoint, Reminder
from ..selectors.consultations import consultation_pending_recipients

logger = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
FOLLOW_UP_PREFIX = "followup:"
CONSULTATION_PREFIX = "consultation:"


def followup_key(point: FollowUpPoint) -> str:
    return f"{FOLLOW_UP_PREFIX}{point.pk}"


def consultation_key(consultation: ConsultationRound) -> str:
    return f"{CONSULTATION_PREFIX}{consultation.pk}"


def _due_points(today: datetime.date):
    return FollowUpPoint.objects.filter(
        due_on__lte=today,
        value__isnull=True,
        recorded_at__isnull=True,
        metric__owner__is_active=True,
    ).select_related("metric")


def _rounds_in_window(now: datetime.datetime):
    window_start = ExpressionWrapper(
        F("deadline") - F("reminder_hours") * Value(datetime.timedelta(hours=1)),
        output_field=DurationField(),
    )
    return (
        ConsultationRound.objects.filter(closed_at__isnull=True, deadline__gt=now)
        .alias(window_start=window_start)
        .filter(window_start__lte=now)
    )


def reminders_schedule(*, now: datetime.datetime | None = None) -> list[int]:
    """Writes the reminders that are due (at most one per thing and person) and returns the ids of every
    reminder that still waits to be sent."""
    now = now or timezone.now()
    today = timezone.localtime(now, HELSINKI).date()
    rows: list[Reminder] = []
    for point in _due_points(today):
        due_at = datetime.datetime.combine(point.due_on, datetime.time(0, 0), tzinfo=HELSINKI)
        rows.append(Reminder(key=followup_key(point), recipient_id=point.metric.owner_id, due_at=due_at))
    for consultation in _rounds_in_window(now):
        due_at = consultation.deadline - datetime.timedelta(hours=consultation.reminder_hours)
        key = consultation_key(consultation)
        for user_id in consultation_pending_recipients(consultation).values_list("pk", flat=True):
            rows.append(Reminder(key=key, recipient_id=user_id, due_at=due_at))
    if rows:
        # SECURITY/CORRECTNESS: the unique (key, recipient) constraint turns a second run into a no-op.
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    unsent = Reminder.objects.filter(sent_at__isnull=True, due_at__lte=now)
    unmailed = Reminder.objects.filter(sent_at__isnull=False, emailed_at__isnull=True)
    return list((unsent | unmailed).order_by("due_at", "id").values_list("pk", flat=True))


def _follow_up_link(process_id: int, point_id: int) -> str:
    return reverse("codevelopment:follow_up", args=[process_id]) + f"#point-{point_id}"


def _describe(reminder: Reminder) -> dict | None:
    """What the reminder is about, in the current language; None when there is nothing left to remind about
    (the thing was removed, the value recorded, the round closed or already commented on)."""
    kind, _sep, raw_id = reminder.key.partition(":")
    if not raw_id.isdigit():
        return None
    if kind + ":" == FOLLOW_UP_PREFIX:
        point = FollowUpPoint.objects.select_related("metric__process__group").filter(pk=int(raw_id)).first()
        if point is None or point.value is not None or point.recorded_at is not None:
            return None
        process = point.metric.process
        return {
            "kind": "followup",
            "verb": "codevelopment.followup_due",
            "text": _("Follow-up is due: record the value of “%(metric)s” (%(group)s, %(date)s).")
            % {
                "metric": point.metric.name,
                "group": process.group.name,
                "date": display_date(point.due_on),
            },
            "subject": _("Reminder: follow-up of “%(metric)s” is due") % {"metric": point.metric.name},
            "url": _follow_up_link(process.pk, point.pk),
            "point": point,
            "process": process,
        }
    if kind + ":" == CONSULTATION_PREFIX:
        consultation = (
            ConsultationRound.objects.select_related("process__group").filter(pk=int(raw_id)).first()
        )
        if (
            consultation is None
            or consultation.closed_at is not None
            or consultation.deadline <= timezone.now()
            or consultation.comments.filter(author_id=reminder.recipient_id).exists()
        ):
            return None
        deadline = display_datetime(consultation.deadline)
        return {
            "kind": "consultation",
            "verb": "codevelopment.consultation_reminder",
            "text": _("Comments on “%(title)s” are asked for by %(deadline)s.")
            % {"title": consultation.title, "deadline": deadline},
            "subject": _("Reminder: your comments on “%(title)s”") % {"title": consultation.title},
            "url": reverse(
                "codevelopment:consultation_detail", args=[consultation.process_id, consultation.pk]
            ),
            "consultation": consultation,
            "deadline": deadline,
            "process": consultation.process,
        }
    return None


def _language(user) -> str:
    return getattr(user, "language", "") or "fi"


def reminder_send(reminder_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Sends one reminder: the in-app notification exactly once, then the email at most once (see the
    module's description). Returns whether this call wrote the notification."""
    now = now or timezone.now()
    wrote = False
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None:
            # Gone, or another worker holds it right now and will finish it.
            return False
        if reminder.sent_at is None:
            with translation.override(_language(reminder.recipient)):
                about = _describe(reminder)
                if about is not None:
                    made = notification_send(
                        actor=None,
                        recipients=[reminder.recipient],
                        verb=about["verb"],
                        text=about["text"],
                        url=about["url"],
                    )
                    # The reminder has its own email: the digest must not email it again.
                    Notification.objects.filter(pk__in=[n.pk for n in made if n.pk]).update(emailed_at=now)
            reminder.sent_at = now
            update = ["sent_at"]
            if about is None:
                # Nothing left to remind about: no notification and nothing to email either.
                reminder.emailed_at = now
                update.append("emailed_at")
            reminder.save(update_fields=update)
            wrote = about is not None
    reminder_email(reminder_id, now=now)
    return wrote


def reminder_email(reminder_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Emails a sent reminder once. The conditional update is the claim: of two workers only the one whose
    update touched the row sends. A failed send releases the claim for the next run."""
    now = now or timezone.now()
    claimed = Reminder.objects.filter(pk=reminder_id, sent_at__isnull=False, emailed_at__isnull=True).update(
        emailed_at=now
    )
    if claimed != 1:
        return False
    reminder = Reminder.objects.select_related("recipient").get(pk=reminder_id)
    user = reminder.recipient
    try:
        if not user.email or not user.is_active:
            return False
        with translation.override(_language(user)):
            about = _describe(reminder)
            if about is None:
                return False
            context = {"user": user, "site_url": settings.SITE_URL, **about}
            subject = render_to_string("codevelopment/email/reminder_subject.txt", context).strip()
            body = render_to_string("codevelopment/email/reminder_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:
        Reminder.objects.filter(pk=reminder_id, emailed_at=now).update(emailed_at=None)
        raise
    return True
