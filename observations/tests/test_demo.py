"""The observations' part of the demo network (observations/demo.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from core.demo import DemoContext
from observations.demo import DEMO_OBSERVATIONS, load
from observations.models import EnrichmentNote, Observation, TeamReview

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_demo_observations_loaded_once_with_held_read_archived_merged():
    _seed()
    observations = Observation.objects.filter(family_centre__slug="tampereen-seutu")
    assert observations.count() == len(DEMO_OBSERVATIONS) == Observation.objects.count()
    held = sorted(
        kind
        for reasons in observations.filter(held=True).values_list("held_reasons", flat=True)
        for kind in reasons
    )
    assert held == ["address", "email", "identity_code", "phone"]
    for status in ("new", "read", "archived", "merged"):
        assert observations.filter(status=status).exists()
    assert not observations.filter(source="family_form", followup_code__isnull=True).exists()
    assert TeamReview.objects.get().observations.count() == 3

    _seed()

    assert Observation.objects.count() == len(DEMO_OBSERVATIONS)
    assert TeamReview.objects.count() == 1


def test_load_on_its_own_twice_after_seed_creates_nothing():
    _seed()
    counts = (Observation.objects.count(), EnrichmentNote.objects.count(), TeamReview.objects.count())

    for _run in range(2):
        ctx = DemoContext(stdout=StringIO())
        load(ctx)
        assert ctx.created == {}

    assert (Observation.objects.count(), EnrichmentNote.objects.count(), TeamReview.objects.count()) == counts
