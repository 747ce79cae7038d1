"""Erasing closed processes whose retention period has ended. Records of services for families with
children are kept 30 years after closing (not erasable on request); then they are erased, and what was
erased is written to the audit trail (the id and dates only, no client data)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record

from ..models import NetworkProcess


def retention_years() -> int:
    return int(getattr(settings, "NETWORKMEETINGS_RETENTION_YEARS", 30))


def expired_processes(*, now: datetime.datetime | None = None):
    now = now or timezone.now()
    try:
        limit = now.replace(year=now.year - retention_years())
    except ValueError:
        limit = now.replace(year=now.year - retention_years(), day=28)
    return NetworkProcess.objects.filter(status=NetworkProcess.Status.CLOSED, closed_at__lt=limit)


def processes_erase_expired(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[int]:
    """Erases every expired process with its meetings, plan steps, genogram and timeline. Returns the ids."""
    ids = list(expired_processes(now=now).values_list("pk", flat=True))
    if dry_run:
        return ids
    erased = []
    for pk in ids:
        with transaction.atomic():
            process = NetworkProcess.objects.select_for_update().filter(pk=pk).first()
            if process is None:
                continue
            audit_record(
                actor=None,
                action="networkmeetings.process_erase",
                obj=process,
                after={
                    "id": pk,
                    "closed_at": process.closed_at.isoformat(),
                    "reason": "retention period ended",
                },
            )
            process.participants.all().delete()
            process.delete()
            erased.append(pk)
    return erased
