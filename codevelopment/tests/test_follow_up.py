"""Follow-up of what was implemented: metrics, points, recording, the chart and the new phenomenon."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.charts import metric_chart
from codevelopment.models import DevelopmentProcess, FollowUpPoint
from codevelopment.tests import lifecycle_data as h
from core.errors import ConflictError, DomainError
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
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


def test_new_phenomenon_page_shows_where_it_continues_from(client, process):
    point = _point(_metric(process))
    _record(point, process.owner, more=True)
    point.refresh_from_db()
    client.force_login(process.owner)
    response = client.get(point.new_phenomenon.get_absolute_url())
    assert response.status_code == 200
    follow_up_url = reverse("codevelopment:follow_up", args=[process.pk]) + f"#point-{point.pk}"
    assert follow_up_url in response.content.decode()


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


# Pages ---------------------------------------------------------------------------------------------------


def test_follow_up_page_permissions(client, process):
    url = reverse("codevelopment:follow_up", args=[process.pk])
    assert "login" in client.get(url)["Location"]
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(url).status_code == 404
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and not response.context["can_manage"]
    post = {"name": "M", "unit": "kpl", "baseline": "1", "target": "2", "method": "x"}
    assert client.post(reverse("codevelopment:metric_add", args=[process.pk]), post).status_code == 403
    client.force_login(process.owner)
    assert client.get(url).context["can_manage"]


def test_follow_up_page_adds_metric_and_points_and_renders_chart(client, process):
    client.force_login(process.chair)
    metric_url = reverse("codevelopment:metric_add", args=[process.pk])
    bad = client.post(metric_url, {"name": "M\x00", "unit": "", "baseline": "x", "target": "2", "method": ""})
    assert bad.status_code == 400
    response = client.post(
        metric_url,
        {"name": "Kerhopaikat", "unit": "kpl", "baseline": "20", "target": "40", "method": "Tilasto"},
    )
    assert response.status_code == 302
    metric = process.metrics.get()
    metric.chair = process.chair
    assert metric.owner == process.owner
    schedule = reverse("codevelopment:point_schedule", args=[process.pk, metric.pk])
    prefix = f"m{metric.pk}-due_on"
    assert client.post(schedule, {prefix: "2026-03-01"}).status_code == 302
    assert client.post(schedule, {prefix: "2026-06-01"}).status_code == 302
    duplicate = client.post(schedule, {prefix: "2026-06-01"})
    assert duplicate.status_code == 409  # a conflict, as the API would say
    assert client.post(schedule, {prefix: "not a date"}).status_code == 400
    assert (
        client.post(reverse("codevelopment:point_schedule", args=[process.pk, 999999]), {}).status_code == 404
    )
    for point, value in zip(metric.points.all(), ["25", "33"], strict=True):
        _record(point, process.owner, value=value)
    response = client.get(reverse("codevelopment:follow_up", args=[process.pk]))
    content = response.content.decode()
    assert '<svg class="follow-up-chart"' in content and 'role="img"' in content
    assert "<polyline" in content
    for point in metric.points.all():
        assert f'id="point-{point.pk}"' in content


def test_record_page(client, process):
    metric = _metric(process)
    point = _point(metric)
    url = reverse("codevelopment:point_record", args=[process.pk, point.pk])
    assert "login" in client.get(url)["Location"]
    client.force_login(MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user)
    assert client.get(url).status_code == 403
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(url).status_code == 404
    client.force_login(process.owner)
    assert client.get(url).status_code == 200
    assert client.get(reverse("codevelopment:point_record", args=[process.pk, 999999])).status_code == 404
    response = client.post(url, {"value": "abc", "more_development_needed": "maybe"})
    assert response.status_code == 400
    response = client.post(
        url, {"value": "30", "evaluation_families": "<b>Hyvä</b>", "more_development_needed": "no"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#point-{point.pk}")
    point.refresh_from_db()
    assert point.value == Decimal("30.00") and point.more_development_needed is False
    assert client.post(url, {"value": "31", "more_development_needed": "no"}).status_code == 409
    assert client.get(url)["Location"].endswith(f"#point-{point.pk}")


def test_follow_up_page_query_count_is_flat(client, process):
    client.force_login(process.chair)
    url = reverse("codevelopment:follow_up", args=[process.pk])
    metric = _metric(process)
    _record(_point(metric), process.owner, more=True)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3):
        other = _metric(process, name=f"Mittari {n}")
        for d in range(3):
            _record(_point(other, d), process.owner, more=True)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
