"""The co-development REST API: processes through visible_to, and recording a follow-up point."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from codevelopment import services
from codevelopment.models import FollowUpPoint
from codevelopment.tests import lifecycle_data as h
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/codevelopment/processes/"


@pytest.fixture
def api():
    return APIClient()


def _with_point(process):
    metric = services.metric_add(
        actor=process.chair,
        process=process,
        name="Kerhopaikat",
        unit="kpl",
        baseline="20",
        target="40",
        method="Tilasto",
    )
    return services.point_schedule(actor=process.chair, metric=metric, due_on=datetime.date(2026, 5, 1))


def _record_url(point):
    return f"/api/v1/codevelopment/points/{point.pk}/record/"


def test_anonymous_is_refused(api):
    process = h.opened()
    assert api.get(LIST).status_code in (401, 403)
    assert api.get(f"{LIST}{process.pk}/").status_code in (401, 403)


def test_list_and_detail_show_stage_timeline_and_metrics(api):
    process = h.implementing()
    point = _with_point(process)
    api.force_authenticate(process.chair)
    response = api.get(LIST)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["stage"] == "implementation"
    assert [c["stage"] for c in row["stage_changes"]] == [
        "understanding",
        "designing",
        "proposal",
        "implementation",
    ]
    assert row["follow_up_owner"] == process.owner.pk
    [metric] = row["metrics"]
    assert metric["name"] == "Kerhopaikat" and metric["target"] == "40.00"
    assert metric["points"][0]["id"] == point.pk and metric["points"][0]["value"] is None
    detail = api.get(f"{LIST}{process.pk}/")
    assert detail.status_code == 200 and detail.json()["id"] == process.pk
    assert api.get(LIST, {"stage": "closed"}).json()["results"] == []


def test_client_representative_of_another_group_sees_nothing(api):
    process = h.opened()
    outsider = MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    api.force_authenticate(outsider)
    assert api.get(LIST).json()["results"] == []
    assert api.get(f"{LIST}{process.pk}/").status_code == 404


def test_client_representative_of_the_group_reads(api):
    process = h.opened()
    rep = MembershipFactory(group=process.group, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    api.force_authenticate(rep)
    response = api.get(f"{LIST}{process.pk}/")
    assert response.status_code == 200
    assert response.json()["id"] == process.pk and response.json()["name"] == process.group.name
    assert [row["id"] for row in api.get(LIST).json()["results"]] == [process.pk]


def test_processes_are_read_only(api):
    process = h.opened()
    api.force_authenticate(process.chair)
    assert api.post(LIST, {"stage": "closed"}, format="json").status_code == 405
    assert api.patch(f"{LIST}{process.pk}/", {"stage": "closed"}, format="json").status_code == 405


def test_list_query_count_is_flat(api):
    process = h.implementing()
    _with_point(process)
    api.force_authenticate(process.chair)
    api.get(LIST)  # the user's roles are cached on the first request
    with CaptureQueriesContext(connection) as few:
        assert api.get(LIST).status_code == 200
    for _ in range(3):
        _with_point(h.implementing())
    with CaptureQueriesContext(connection) as many:
        response = api.get(LIST)
    assert response.json()["count"] == 4
    assert len(many.captured_queries) == len(few.captured_queries)


def test_owner_records_a_point(api):
    process = h.implementing()
    point = _with_point(process)
    api.force_authenticate(process.owner)
    response = api.post(
        _record_url(point),
        {"value": "31.5", "evaluation_families": "Hyvä", "more_development_needed": False},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["value"] == "31.50"
    point.refresh_from_db()
    assert point.recorded_by == process.owner
    process.refresh_from_db()
    assert process.stage == "follow_up"
    again = api.post(_record_url(point), {"value": "1", "more_development_needed": False}, format="json")
    assert again.status_code == 409


def test_record_denied_and_bad_input(api):
    process = h.implementing()
    point = _with_point(process)
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    assert api.post(_record_url(point), {}, format="json").status_code in (401, 403)
    api.force_authenticate(member)
    response = api.post(_record_url(point), {"value": "1", "more_development_needed": False}, format="json")
    assert response.status_code == 403
    outsider = MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    api.force_authenticate(outsider)
    response = api.post(_record_url(point), {"value": "1", "more_development_needed": False}, format="json")
    assert response.status_code == 404
    api.force_authenticate(process.owner)
    assert api.post(_record_url(point), {"value": "abc"}, format="json").status_code == 400
    assert (
        api.post(
            _record_url(point),
            {"value": "1", "more_development_needed": False, "evaluation_families": "a\x00b"},
            format="json",
        ).status_code
        == 400
    )
    assert api.post("/api/v1/codevelopment/points/999999/record/", {}, format="json").status_code == 404
    assert api.get(_record_url(point)).status_code == 405
    assert FollowUpPoint.objects.get(pk=point.pk).recorded_at is None


def test_schema_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--fail-on-warn", "--validate", stdout=out)
    schema = out.getvalue()
    assert "/api/v1/codevelopment/processes/" in schema
    assert "/api/v1/codevelopment/points/{id}/record/" in schema
