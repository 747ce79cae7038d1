"""The platform's own figures: observations per area and year, summed up to the county and the whole
country; providers plug in through the registry (the network-meetings adapter among them)."""

from __future__ import annotations

import sys
import types
from datetime import date

import pytest

from indicators.models import Value
from indicators.providers import register_provider, unregister_provider
from indicators.providers.networkmeetings import NetworkMeetingsProvider
from indicators.services.own import platform_figures_compute
from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def _v(source_id, code, year):
    return Value.objects.get(
        indicator__source="platform", indicator__source_id=source_id, region__code=code, year=year
    ).value


def test_observations_counted_per_area_kind_and_environment(pirkanmaa):
    for kind in ("concern", "concern", "positive"):
        ObservationFactory(
            area=pirkanmaa.tampere,
            family_centre=pirkanmaa.centre,
            kind=kind,
            environment="school",
            observed_on=date(2025, 3, 1),
        )
    ObservationFactory(
        area=pirkanmaa.akaa,
        family_centre=pirkanmaa.centre,
        kind="concern",
        environment="home",
        observed_on=date(2025, 4, 1),
    )
    run = platform_figures_compute(years=[2025])
    assert run.status == "succeeded", run.error
    assert _v("observations", "837", 2025) == 3
    assert _v("observations-concern", "837", 2025) == 2
    assert _v("observations-school", "837", 2025) == 3
    assert _v("observations", "08", 2025) == 4
    assert _v("observations", "FI", 2025) == 4
    again = platform_figures_compute(years=[2025])
    assert (again.rows_created, again.rows_updated) == (0, 0)


def test_network_meetings_adapter_plugs_in(pirkanmaa, monkeypatch):
    """The adapter reads networkmeetings.selectors.counts.lp_counts; that app is built beside this one, so
    its published selector is stood in for here."""
    counts = types.ModuleType("networkmeetings.selectors.counts")

    def lp_counts(*, year, area_ids=None):
        return (
            [
                {
                    "area_id": pirkanmaa.tampere.pk,
                    "service_setting": "maternity_clinic",
                    "kind": "lp_discussion",
                    "count": 4,
                },
                {
                    "area_id": pirkanmaa.tampere.pk,
                    "service_setting": "school",
                    "kind": "lp_discussion",
                    "count": 3,
                },
                {
                    "area_id": pirkanmaa.akaa.pk,
                    "service_setting": "school",
                    "kind": "lp_negotiation",
                    "count": 1,
                },
            ]
            if year == 2025
            else []
        )

    counts.lp_counts = lp_counts
    for name in ("networkmeetings", "networkmeetings.selectors"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "networkmeetings.selectors.counts", counts)
    register_provider(NetworkMeetingsProvider())
    try:
        run = platform_figures_compute(years=[2024, 2025])
    finally:
        unregister_provider("networkmeetings")
    assert run.status == "succeeded", run.error
    assert _v("lp-discussion", "837", 2025) == 7
    assert _v("lp-negotiation", "08", 2025) == 1
    # lp_counts gives the wellbeing services county as the area: it counts for the county and the country.
    assert _v("lp-discussion", "FI", 2025) == 7
