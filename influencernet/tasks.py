"""Background work of the influencer network: deadline reminders exactly once (see
influencernet.services.reminders), the response emails, and the representatives' invitation emails."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


@shared_task
def schedule_reminders() -> int:
    from .services.reminders import reminders_schedule

    handed = 0
    for reminder_id in reminders_schedule():
        try:
            send_reminder.delay(reminder_id)
        except Exception:
            logger.exception("could not hand out reminder %s", reminder_id)
        else:
            handed += 1
    return handed


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_reminder(reminder_id: int) -> bool:
    from .services.reminders import reminder_send

    return reminder_send(reminder_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def deliver_response_emails(self, matter_id: int) -> int:
    from .services.feedback import response_emails_send

    try:
        return response_emails_send(matter_id=matter_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_representative_invitation(self, representative_id: int, token: str, language: str = "fi") -> bool:
    """Emails the invitation link; a link replaced by a newer one is not mailed."""
    from codevelopment.selectors.invitations import token_hash

    from .models import Representative

    rep = Representative.objects.select_related("member__network").filter(pk=representative_id).first()
    if rep is None or rep.invitation_token_hash != token_hash(token) or rep.user_id:
        return False
    if rep.invitation_expires_at is None or rep.invitation_expires_at <= timezone.now():
        return False
    with translation.override(language):
        context = {
            "rep": rep,
            "network": rep.member.network,
            "accept_url": settings.SITE_URL
            + reverse("influencernet:invitation_accept", kwargs={"token": token}),
            "valid_until": timezone.localtime(rep.invitation_expires_at),
        }
        subject = render_to_string("influencernet/email/invitation_subject.txt", context).strip()
        body = render_to_string("influencernet/email/invitation_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [rep.email])
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    return True
