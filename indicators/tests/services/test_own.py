"""The platform's own figures: observations per area and year, summed up to the county and the whole
country; providers plug in through the registry (the network-meetings adapter among them)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.models import Value
from indicators.services.own import platform_figures_compute
from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def _v(source_id, code, year):
    return Value.objects.get(
        indicator__source="platform",
        indicator__source_id=source_id,
        region__code=code,
        year=year,
        month=0,
        group__isnull=True,
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


def _nm_held(centre, kind, setting, when):
    from networkmeetings.models import NetworkMeeting
    from networkmeetings.tests.factories import NetworkMeetingFactory, NetworkProcessFactory

    NetworkMeetingFactory(
        process=NetworkProcessFactory(family_centre=centre),
        kind=kind,
        service_setting=setting,
        status=NetworkMeeting.Status.HELD,
        starts_at=when,
    )


def test_network_meetings_counted_by_setting_with_feedback_shares(pirkanmaa):
    from networkmeetings.tests.factories import LPFeedbackFactory

    when = timezone.make_aware(datetime(2025, 5, 6, 10))
    for setting in ("ecec", "ecec", "school"):
        _nm_held(pirkanmaa.centre, "lp_discussion", setting, when)
    _nm_held(pirkanmaa.centre, "lp_negotiation", "school", when)
    for heard in (True, True, True, False, False):
        LPFeedbackFactory(family_centre=pirkanmaa.centre, month=date(2025, 5, 1), heard=heard)
    run = platform_figures_compute(years=[2024, 2025])
    assert run.status == "succeeded", run.error
    # lp_counts gives the wellbeing services county as the area: it counts for the county and the country.
    assert _v("lp-discussion", "08", 2025) == 3
    assert _v("lp-discussion-ecec", "08", 2025) == 2
    assert _v("lp-discussion-school", "FI", 2025) == 1
    assert _v("lp-negotiation-school", "08", 2025) == 1
    # A share is asked for each region, never summed: 3 of 5 answered yes.
    assert _v("lp-feedback-heard", "08", 2025) == Decimal("60.0")
    assert _v("lp-feedback-heard", "FI", 2025) == Decimal("60.0")
    share = Value.objects.get(
        indicator__source_id="lp-feedback-heard", region__code="08", year=2025
    ).indicator
    assert share.value_type == "PROS"
    # Fewer than five answers: suppressed at the source, no value.
    assert not Value.objects.filter(indicator__source_id="lp-feedback-useful_family").exists()


def test_observations_counted_per_month(pirkanmaa):
    for day in (date(2025, 3, 1), date(2025, 3, 20), date(2025, 4, 2)):
        ObservationFactory(
            area=pirkanmaa.tampere, family_centre=pirkanmaa.centre, kind="concern", observed_on=day
        )
    run = platform_figures_compute(years=[2025])
    assert run.status == "succeeded", run.error

    def month(m, key="observations-concern", code="837"):
        return Value.objects.get(
            indicator__source_id=key, region__code=code, year=2025, month=m, group__isnull=True
        ).value

    assert (month(0), month(3), month(4)) == (3, 2, 1)
    assert month(3, code="FI") == 2
    assert Value.objects.filter(indicator__source_id="observations-concern", month=5).count() == 0
    indicator = Value.objects.filter(indicator__source_id="observations-concern").first().indicator
    assert indicator.has_months and not indicator.has_groups


def test_phenomena_and_decisions_per_group(pirkanmaa):
    from familycentres.tests.factories import GroupFactory
    from phenomena.tests.factories import PhenomenonFactory

    steering = GroupFactory(family_centre=pirkanmaa.centre, area=pirkanmaa.tampere)
    other = GroupFactory(family_centre=pirkanmaa.centre)
    for group in (steering, steering, other):
        PhenomenonFactory(
            analyser_group=group, analyser_kind="steering_group", family_centre=pirkanmaa.centre
        )
    PhenomenonFactory(analyser_group=steering, status="draft", family_centre=pirkanmaa.centre)
    year = timezone.localdate().year
    run = platform_figures_compute(years=[year])
    assert run.status == "succeeded", run.error
    rows = Value.objects.filter(indicator__source_id="phenomena-group", month=0)
    # Group figures stand for the group's own area (else its centre's county) and are not summed up.
    assert {(v.group_id, v.region.code, v.value) for v in rows} == {
        (steering.pk, "837", 2),
        (other.pk, "08", 1),
    }
    assert rows.first().indicator.has_groups


def test_recompute_writes_nothing_and_removes_what_is_gone(pirkanmaa):
    observation = ObservationFactory(
        area=pirkanmaa.tampere, family_centre=pirkanmaa.centre, observed_on=date(2025, 6, 1)
    )
    first = platform_figures_compute(years=[2025])
    assert first.rows_created > 0
    again = platform_figures_compute(years=[2025])
    assert (again.rows_created, again.rows_updated, again.detail["removed"]) == (0, 0, 0)
    assert again.detail["unchanged"] == first.rows_created
    observation.delete()
    gone = platform_figures_compute(years=[2025])
    assert gone.detail["removed"] == first.rows_created
    assert not Value.objects.filter(indicator__source="platform", year=2025).exists()
