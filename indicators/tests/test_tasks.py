"""The schedule: due indicators are found, and the scheduled import runs in a real Celery worker through
Redis against the local source server."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import ImportRun
from indicators.models import Indicator, Value
from indicators.services.imports import due_for_import
from indicators.tasks import import_indicator, platform_figures, scheduled_imports


@pytest.mark.django_db
def test_due_for_import_follows_each_schedule(sotkanet_ready):
    Indicator.objects.update(schedule="off")
    now = timezone.now()
    daily = Indicator.objects.get(source_id="1086")
    daily.schedule, daily.last_imported_at = "daily", now - timedelta(days=1, minutes=1)
    daily.save()
    weekly = Indicator.objects.get(source_id="127")
    weekly.schedule, weekly.last_imported_at = "weekly", now - timedelta(days=2)
    weekly.save()
    never = Indicator.objects.get(source_id="7")
    never.schedule = "monthly"
    never.save()
    assert {i.source_id for i in due_for_import(now)} == {"1086", "7"}


@pytest.mark.django_db
def test_scheduled_imports_run_eagerly_in_unit_tests(sotkanet_ready, source_server):
    Indicator.objects.exclude(source_id="1086").update(schedule="off")
    assert scheduled_imports() == 1
    assert Value.objects.filter(indicator__source_id="1086").count() == 10
    assert scheduled_imports() == 0  # imported just now


@pytest.mark.django_db
def test_platform_figures_task(sotkanet_ready):
    run = ImportRun.objects.get(pk=platform_figures())
    assert run.status == "succeeded"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_scheduled_import_runs_in_a_real_worker(sotkanet_ready, source_server, monkeypatch):
    from tests.redis_worker import worker_for

    Indicator.objects.exclude(source_id="1086").update(schedule="off")
    with worker_for([import_indicator, scheduled_imports], monkeypatch):
        scheduled_imports.delay()
        deadline = time.monotonic() + 30
        while (
            time.monotonic() < deadline
            and not ImportRun.objects.filter(source="sotkanet", kind="values:1086")
            .exclude(status="running")
            .exists()
        ):
            time.sleep(0.2)
    run = ImportRun.objects.get(source="sotkanet", kind="values:1086")
    assert run.status == "succeeded", run.error
    assert run.triggered_by is None  # started by the schedule
    assert Value.objects.filter(indicator__source_id="1086").count() == 10
