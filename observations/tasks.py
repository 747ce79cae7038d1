from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import FamilyMessage, Observation


def _claim(observation_id: int, key: str) -> bool:
    """Claims the right to send one message; False when it was sent (or is being sent) already."""
    with transaction.atomic():
        message, _created = FamilyMessage.objects.select_for_update().get_or_create(
            observation_id=observation_id, key=key
        )
        if message.sent_at is not None or message.claimed_at is not None:
            return False
        message.claimed_at = timezone.now()
        message.save(update_fields=["claimed_at"])
    return True


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_family_message(self, observation_id: int, key: str) -> bool:
    """Emails the family its follow-up code ("code") or a change of state ("status:<state>"). Idempotent.
    After the closing message the address is erased: it was kept only for replies."""
    observation = Observation.objects.select_related("family_centre").filter(pk=observation_id).first()
    if observation is None or not observation.contact_email:
        return False
    if not _claim(observation_id, key):
        return False
    lang = observation.language or "fi"
    with translation.override(lang):
        path = reverse("observations:public_status", kwargs={"code": observation.followup_code})
        context = {
            "observation": observation,
            "key": key,
            "status": key.split(":", 1)[1] if ":" in key else "",
            "status_url": settings.SITE_URL + path,
            "code": observation.followup_code,
        }
        subject = render_to_string("observations/email/family_subject.txt", context).strip()
        body = render_to_string("observations/email/family_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [observation.contact_email])
    except Exception as exc:
        FamilyMessage.objects.filter(observation_id=observation_id, key=key).update(claimed_at=None)
        raise self.retry(exc=exc) from exc
    FamilyMessage.objects.filter(observation_id=observation_id, key=key).update(sent_at=timezone.now())
    if observation.status in (Observation.Status.ARCHIVED,) and key.startswith("status:"):
        Observation.objects.filter(pk=observation_id).update(contact_email="")
    return True


@shared_task
def observation_retention_sweep() -> dict:
    """Daily: erases families' contact emails and anonymises closed observations past their period."""
    from .retention import retention_sweep

    return retention_sweep().as_dict()
