"""Scheduled and on-demand imports. Tasks take ids, load, and call a service; a re-run of an import writes
nothing new (upsert), so a retried task is harmless."""

from __future__ import annotations

import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from .models import Indicator
from .services.imports import due_for_import, indicator_fetch
from .services.own import platform_figures_compute

logger = logging.getLogger(__name__)


@shared_task(name="indicators.tasks.import_indicator")
def import_indicator(indicator_id: int, actor_id: int | None = None) -> int | None:
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        return None
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    run = indicator_fetch(actor=actor, indicator=indicator)
    logger.info("indicator %s import: %s %s", indicator.pk, run.status, run.error[:200])
    return run.pk


@shared_task(name="indicators.tasks.scheduled_imports")
def scheduled_imports() -> int:
    """Enqueues the import of every indicator whose schedule is due."""
    due = due_for_import()
    for indicator in due:
        import_indicator.delay(indicator.pk)
    return len(due)


@shared_task(name="indicators.tasks.platform_figures")
def platform_figures() -> int:
    return platform_figures_compute().pk
