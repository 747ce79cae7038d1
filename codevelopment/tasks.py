"""Background work for co-development: reminders that reach each person exactly once (see
codevelopment.services.reminders for how the guarantee holds) and invitation emails."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation
from .selectors.invitations import token_hash
from .services.reminders import reminder_send, reminders_schedule

logger = logging.getLogger(__name__)


@shared_task
def schedule_reminders() -> int:
    """Every five minutes: writes the reminders that are due, at most one per thing and person, and hands
    every unsent one to `send_reminder`, also those a dead worker left behind. Running it twice, or twice at
    the same time, sends nothing twice. Returns how many reminders it handed out."""
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
    return reminder_send(reminder_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_invitation_email(self, invitation_id: int, token: str, language: str = "fi") -> bool:
    """Emails the invitation link. The link carries the token, of which only a hash is stored; a link
    replaced by a newer one (sent again) is not mailed."""
    invitation = (
        Invitation.objects.select_related("process__group", "created_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.token_hash != token_hash(token):
        return False
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
        return False
    with translation.override(language):
        path = reverse("codevelopment:invitation_accept", kwargs={"token": token})
        context = {
            "invitation": invitation,
            "group": invitation.process.group,
            "inviter": invitation.created_by,
            "accept_url": settings.SITE_URL + path,
            "valid_until": timezone.localtime(invitation.expires_at),
        }
        subject = render_to_string("codevelopment/email/invitation_subject.txt", context).strip()
        body = render_to_string("codevelopment/email/invitation_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    return True
