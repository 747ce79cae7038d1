"""Follow-up of what was implemented: metrics, points, recording, the chart and the new phenomenon."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codevelopment import services
from codevelopment.tests import lifecycle_data as h
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db
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


def test_new_phenomenon_page_shows_where_it_continues_from(client, process):
    point = _point(_metric(process))
    _record(point, process.owner, more=True)
    point.refresh_from_db()
    client.force_login(process.owner)
    response = client.get(point.new_phenomenon.get_absolute_url())
    assert response.status_code == 200
    follow_up_url = reverse("codevelopment:follow_up", args=[process.pk]) + f"#point-{point.pk}"
    assert follow_up_url in response.content.decode()


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
