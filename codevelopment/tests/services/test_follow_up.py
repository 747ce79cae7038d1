"""Follow-up of what was implemented: metrics, points, recording, the chart and the new phenomenon."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.charts import metric_chart
from codevelopment.models import DevelopmentProcess, FollowUpPoint
from codevelopment.tests import lifecycle_data as h
from core.errors import ConflictError, DomainError
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory
from phenomena.models import Phenomenon

pytestmark = pytest.mark.django_db
Stage = DevelopmentProcess.Stage
DAY = datetime.date(2026, 3, 1)


def _metric(process, actor=None, **kw):
    values = {
        "name": "Kerhopaikat",
        "unit": "paikkaa",
        "baseline": "20",
        "target": "40",
        "method": "Kunnan tilasto.",
    }
    values.update(kw)
    metric = services.metric_add(actor=actor or process.chair, process=process, **values)
    metric.chair = process.chair
    return metric


def _point(metric, days=0, actor=None):
    return services.point_schedule(
        actor=actor or metric.chair, metric=metric, due_on=DAY + datetime.timedelta(days=days)
    )


def _record(point, actor, value="25", more=False, **kw):
    return services.point_record(
        actor=actor,
        point=point,
        value=value,
        evaluation_families=kw.get("families", "Perheet tyytyväisiä."),
        evaluation_professionals=kw.get("professionals", "Toimii."),
        more_development_needed=more,
    )


@pytest.fixture
def process():
    return h.implementing()


# Services ------------------------------------------------------------------------------------------------


def test_metric_owner_defaults_to_the_follow_up_owner(process):
    metric = _metric(process)
    assert metric.owner == process.owner
    assert metric.baseline == Decimal("20.00")


def test_follow_up_owner_defines_metrics(process):
    metric = _metric(process, actor=process.owner, name="Toinen")
    assert metric.process == process


def test_metric_needs_implementation_stage():
    process = h.designing()
    with pytest.raises(ConflictError):
        _metric(process)


def test_metric_rules(process):
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        _metric(process, actor=member)
    with pytest.raises(DomainError):
        _metric(process, name=" ")
    with pytest.raises(DomainError):
        _metric(process, baseline="abc")
    with pytest.raises(DomainError):
        _metric(process, target="1e400")
    with pytest.raises(DomainError):
        _metric(process, owner=UserFactory())


def test_point_dates_are_unique_per_metric(process):
    metric = _metric(process)
    _point(metric)
    with pytest.raises(ConflictError):
        _point(metric)
    other = _metric(process, name="Toinen")
    assert _point(other).due_on == DAY


def test_first_recording_moves_to_follow_up(process):
    metric = _metric(process)
    first, second = _point(metric), _point(metric, 90)
    _record(first, process.owner)
    process.refresh_from_db()
    assert process.stage == Stage.FOLLOW_UP
    first.refresh_from_db()
    assert first.value == Decimal("25.00") and first.recorded_by == process.owner
    _record(second, process.chair, value="31")
    process.refresh_from_db()
    assert process.stage == Stage.FOLLOW_UP
    assert list(process.stage_changes.values_list("stage", flat=True))[-1] == "follow_up"


def test_recording_twice_conflicts_and_needs_value(process):
    point = _point(_metric(process))
    with pytest.raises(DomainError):
        _record(point, process.owner, value="")
    with pytest.raises(DomainError):
        services.point_record(actor=process.owner, point=point, value="1", more_development_needed=None)
    _record(point, process.owner)
    with pytest.raises(ConflictError):
        _record(point, process.owner)


def test_plain_member_cannot_record(process):
    point = _point(_metric(process))
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        _record(point, member)


def test_more_development_opens_a_new_phenomenon(process):
    point = _point(_metric(process))
    _record(point, process.owner, more=True, families="Jonot jatkuvat.", professionals="Resurssit loppuvat.")
    point.refresh_from_db()
    new = point.new_phenomenon
    source = process.phenomenon
    assert new.status == Phenomenon.Status.DRAFT
    assert new.title.endswith(source.title)
    assert new.family_centre_id == source.family_centre_id and new.area_id == source.area_id
    assert new.kind == source.kind
    assert "Jonot jatkuvat." in new.description and "Resurssit loppuvat." in new.description
    assert list(new.follows_up.all()) == [point]


def test_after_closing_only_the_follow_up_owner_records(process):
    metric = _metric(process)
    first, second = _point(metric), _point(metric, 30)
    services.process_close(actor=process.chair, process=process, follow_up_owner=process.owner, summary="Ok")
    with pytest.raises(PermissionDenied):
        _record(first, process.chair)
    with pytest.raises(ConflictError):
        _metric(process, actor=process.owner, name="Uusi")
    with pytest.raises(ConflictError):
        _point(metric, 60, actor=process.owner)
    _record(second, process.owner)
    process.refresh_from_db()
    assert process.stage == Stage.CLOSED


def test_chart_coordinates():
    process = h.implementing()
    metric = _metric(process)
    points = [_point(metric), _point(metric, 30)]
    _record(points[0], process.owner, value="20")
    _record(points[1], process.owner, value="40")
    chart = metric_chart(metric, list(FollowUpPoint.objects.filter(metric=metric)))
    first, second = chart["dots"]
    assert first["y"] == chart["baseline_y"] and second["y"] == chart["target_y"]
    assert first["x"] < second["x"]
    assert chart["target_y"] < chart["baseline_y"]
    assert "Kerhopaikat" in chart["summary"]
