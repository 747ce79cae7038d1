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
