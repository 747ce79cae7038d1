from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from .models import Heartbeat


@shared_task
def heartbeat(name: str = "scheduler") -> str:
    """Run by the scheduler every minute; /health/ shows when it last ran."""
    now = timezone.now()
    Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": now})
    return now.isoformat()


@shared_task
def retention_sweep() -> int:
    """Erase data whose retention period has ended. Idempotent: a re-run finds nothing more to erase."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def send_notification_digests() -> int:
    """Hourly: one email per person with unread notifications. Re-running sends nothing twice, because
    each notification is claimed (emailed_at) before its email goes out."""
    from django.contrib.auth import get_user_model

    from .models import Notification
    from .services import notification_digest_send

    user_ids = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids), is_active=True):
        sent += notification_digest_send(user=user)
    return sent
