"""Background work: invitation emails (a link only), plan-step reminders (exactly once per step), LP
booster reminders and the retention sweep of closed processes."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def meeting_ics(meeting) -> str:
    """An .ics event with the time only: SECURITY: no label, place or other client data."""
    start = meeting.starts_at.astimezone(datetime.UTC)
    end = start + datetime.timedelta(hours=2)
    stamp = timezone.now().astimezone(datetime.UTC)
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Ilmio//networkmeetings//EN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            f"UID:networkmeeting-{meeting.pk}@ilmio",
            f"DTSTAMP:{stamp.strftime(fmt)}",
            f"DTSTART:{start.strftime(fmt)}",
            f"DTEND:{end.strftime(fmt)}",
            f"SUMMARY:{_('Network meeting')}",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_invitation_email(self, participant_id: int) -> bool:
    """Emails the invited professional a link to the process page, never client data; with the next
    planned meeting as an .ics attachment when there is one."""
    from .models import NetworkMeeting, Participant

    participant = (
        Participant.objects.select_related("user", "process")
        .filter(pk=participant_id, removed_at__isnull=True)
        .first()
    )
    if participant is None or participant.user is None or not participant.user.is_active:
        return False
    user = participant.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse("networkmeetings:answer", args=[participant.process_id])
        subject = _("You are invited to a network meeting")
        body = (
            _(
                "You are invited to take part in a network meeting with a family. Sign in to read the invitation "
                "and answer:"
            )
            + f"\n{link}\n"
        )
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        meeting = (
            NetworkMeeting.objects.filter(process_id=participant.process_id, starts_at__gte=timezone.now())
            .order_by("starts_at")
            .first()
        )
        if meeting is not None:
            message.attach("meeting.ics", meeting_ics(meeting), "text/calendar")
    try:
        message.send()
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    return True


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_guest_invitation_email(self, participant_id: int, token: str, language: str = "fi") -> bool:
    """Emails an invitee without an account the link that opens the shared part of the process. The email
    itself carries no client data; a link replaced or removed since is not mailed."""
    from .models import NetworkMeeting, Participant
    from .services.preparation import guest_token_hash

    participant = Participant.objects.filter(pk=participant_id, removed_at__isnull=True).first()
    if participant is None or not participant.email or participant.token_hash != guest_token_hash(token):
        return False
    with translation.override(language):
        link = settings.SITE_URL + reverse("networkmeetings:guest", args=[token])
        subject = _("You are invited to a network meeting")
        body = (
            _(
                "You are invited to take part in a network meeting with a family. Open the invitation and answer "
                "through this personal link (do not share it):"
            )
            + f"\n{link}\n"
        )
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [participant.email])
        meeting = (
            NetworkMeeting.objects.filter(process_id=participant.process_id, starts_at__gte=timezone.now())
            .order_by("starts_at")
            .first()
        )
        if meeting is not None:
            message.attach("meeting.ics", meeting_ics(meeting), "text/calendar")
    try:
        message.send()
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    return True


@shared_task
def schedule_step_reminders() -> int:
    """Hands every plan step due within a few days to `send_step_reminder`. A re-run sends nothing twice."""
    from .services.plans import steps_due_for_reminder

    handed = 0
    for step_id in steps_due_for_reminder().values_list("pk", flat=True):
        try:
            send_step_reminder.delay(step_id)
        except Exception:
            logger.exception("could not hand out the reminder of step %s", step_id)
        else:
            handed += 1
    return handed


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_step_reminder(step_id: int) -> bool:
    from .services.plans import step_reminder_send

    return step_reminder_send(step_id)


@shared_task
def send_booster_reminders() -> int:
    from .services.qualifications import booster_reminders_send

    return booster_reminders_send()


@shared_task
def erase_expired_processes() -> int:
    from .services.retention import processes_erase_expired

    return len(processes_erase_expired())
