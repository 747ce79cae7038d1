from __future__ import annotations

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import ImportRun
from indicators import demo
from indicators.models import Indicator, PhenomenonIndicator, Region, Value

pytestmark = pytest.mark.django_db


def test_demo_loads_the_default_package_with_figures_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())  # runs indicators.demo.load once through the app hook
    assert Region.objects.get(code="837").sotkanet_id is not None
    welfare = Indicator.objects.get(source="sotkanet", source_id="1086")
    tampere = Value.objects.filter(indicator=welfare, region__code="837", gender="total")
    assert tampere.count() == 10
    assert Value.objects.filter(indicator=welfare, region__code="FI").exists()
    assert Value.objects.filter(indicator=welfare, region__code="08").exists()
    assert Indicator.objects.filter(in_default_package=True).count() == 11
    assert PhenomenonIndicator.objects.filter(indicator=welfare).exists()
    assert not ImportRun.objects.filter(status="failed").exists()
    counts = (Value.objects.count(), ImportRun.objects.count())
    ctx = SimpleNamespace(stdout=StringIO(), now=timezone.now())
    demo.load(ctx)
    demo.load(ctx)
    assert (Value.objects.count(), ImportRun.objects.count()) == counts, list(
        ImportRun.objects.values_list("source", "kind", "status")
    )
