from __future__ import annotations

import datetime

from django.utils import timezone

from familycentres.tests.factories import FamilyCentreFactory
from networkmeetings.selectors.counts import feedback_summary, lp_counts, qualification_counts

from .factories import LPFeedbackFactory, LPQualificationFactory, NetworkMeetingFactory


def test_lp_counts_by_area_setting_and_kind(world, django_assert_max_num_queries):
    year = timezone.localdate().year
    when = timezone.now().replace(month=6, day=15)
    for _ in range(2):
        NetworkMeetingFactory(
            process=world.process,
            kind="lp_discussion",
            structure="lp_discussion",
            service_setting="school",
            status="held",
            starts_at=when,
        )
    NetworkMeetingFactory(
        process=world.process,
        kind="lp_negotiation",
        structure="lp_negotiation",
        service_setting="ecec",
        status="held",
        starts_at=when,
    )
    NetworkMeetingFactory(
        process=world.process,
        kind="lp_discussion",
        structure="lp_discussion",
        service_setting="school",
        status="planned",
        starts_at=when,
    )
    NetworkMeetingFactory(
        process=world.process,
        kind="lp_discussion",
        structure="lp_discussion",
        service_setting="school",
        status="held",
        starts_at=when.replace(year=year - 1),
    )
    area = world.centre.wellbeing_county_id
    with django_assert_max_num_queries(1):
        rows = lp_counts(year=year)
    assert rows == [
        {"area_id": area, "service_setting": "ecec", "kind": "lp_negotiation", "count": 1},
        {"area_id": area, "service_setting": "school", "kind": "lp_discussion", "count": 2},
    ]
    assert lp_counts(year=year, area_ids=[area + 1000]) == []


def test_feedback_summary_suppresses_small_cells(world, django_assert_max_num_queries):
    for _ in range(6):
        LPFeedbackFactory(family_centre=world.centre, setting="school", heard=True, useful_child=False)
    for _ in range(2):
        LPFeedbackFactory(family_centre=world.centre, setting="health", heard=False, useful_child=None)
    LPFeedbackFactory(family_centre=FamilyCentreFactory(), setting="health")
    with django_assert_max_num_queries(2):
        summary = feedback_summary(family_centre_ids=[world.centre.pk])
    assert summary["answers"] == 8 and not summary["suppressed"]
    settings = {r["setting"]: r for r in summary["settings"]}
    assert settings["school"]["count"] == 6 and settings["school"]["share"] == 75.0
    assert settings["health"]["suppressed"] and settings["health"]["count"] is None
    assert settings["other"]["count"] == 0 and not settings["other"]["suppressed"]
    items = {r["item"]: r for r in summary["items"]}
    assert items["heard"]["yes_percent"] == 75.0 and items["heard"]["answered"] == 8
    assert items["useful_child"]["yes_percent"] == 0.0
    assert items["parenting_tools"]["suppressed"]


def test_feedback_summary_all_suppressed_under_five(world):
    for _ in range(4):
        LPFeedbackFactory(family_centre=world.centre)
    summary = feedback_summary(family_centre_ids=[world.centre.pk])
    assert summary["suppressed"] and summary["answers"] is None
    assert all(r["suppressed"] for r in summary["items"])


def test_feedback_summary_period(world):
    for _ in range(5):
        LPFeedbackFactory(family_centre=world.centre, month=datetime.date(2025, 1, 1))
    assert (
        feedback_summary(
            date_from=datetime.date(2025, 1, 15),
            date_to=datetime.date(2025, 1, 31),
            family_centre_ids=[world.centre.pk],
        )["answers"]
        == 5
    )
    assert (
        feedback_summary(date_from=datetime.date(2025, 2, 1), family_centre_ids=[world.centre.pk])["answers"]
        is None
    )


def test_qualification_counts(world):
    LPQualificationFactory(user=world.convener)
    LPQualificationFactory(user=world.pair)
    assert qualification_counts() == [
        {"area_id": None, "organisation_id": None, "level": "negotiation", "count": 2}
    ]
