"""The published API: /api/v1/indicators/, /api/v1/indicators/{id}/values/ (area, year_from, year_to,
gender, ?format=csv) and /api/v1/indicator-imports/ (list, POST a file)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import ImportRun
from indicators.models import Indicator, Value
from indicators.services.imports import file_import
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(sotkanet_ready):
    file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    return Indicator.objects.get(source_id="1086")


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 403), ("limited", 403), ("member", 200), ("admin", 200)]
)
def test_indicator_list_access(api_client, people, figures, who, status):
    if who != "anonymous":
        api_client.force_authenticate(getattr(people, who))
    assert api_client.get("/api/v1/indicators/").status_code == status


def test_indicator_list_and_detail(api_client, people, figures):
    api_client.force_authenticate(people.member)
    data = api_client.get("/api/v1/indicators/", {"source": "sotkanet", "search": "1086"}).json()
    assert [(r["source"], r["source_id"]) for r in data["results"]] == [("sotkanet", "1086")]
    detail = api_client.get(f"/api/v1/indicators/{figures.pk}/").json()
    assert detail["source_id"] == "1086" and detail["has_genders"] is True
    assert api_client.get("/api/v1/indicators/999999/").status_code == 404


def test_values_filters(api_client, people, figures):
    api_client.force_authenticate(people.member)
    url = f"/api/v1/indicators/{figures.pk}/values/"
    rows = api_client.get(url, {"area": "837"}).json()["results"]
    assert {(r["year"], r["gender"]) for r in rows} == {
        (2022, "total"),
        (2023, "total"),
        (2023, "male"),
        (2023, "female"),
    }
    rows = api_client.get(url, {"area": "837", "year_from": 2023, "gender": "total"}).json()["results"]
    assert rows == [
        {
            "area": "837",
            "area_name": "Tampere",
            "year": 2023,
            "month": 0,
            "group": None,
            "gender": "total",
            "value": "8.400000",
            "absolute_value": "3790.0000",
            "ci_low": pytest.approx(8.15, abs=0.01),
            "ci_high": pytest.approx(8.66, abs=0.01),
            "suppressed": False,
        }
    ]
    assert [r["area"] for r in api_client.get(url, {"area": "08"}).json()["results"]] == ["08"]
    assert [r["area"] for r in api_client.get(url, {"area": "FI"}).json()["results"]] == ["FI"]
    assert len(api_client.get(url, {"year_to": 2022}).json()["results"]) == 3


def test_values_small_numbers_suppressed(api_client, people, figures):
    api_client.force_authenticate(people.member)
    rows = api_client.get(
        f"/api/v1/indicators/{figures.pk}/values/", {"area": "536", "year_from": 2023}
    ).json()["results"]
    assert rows[0]["suppressed"] is True and rows[0]["value"] is None and rows[0]["absolute_value"] is None


@pytest.mark.parametrize("params", [{"area": "XX"}, {"year_from": "abc"}, {"gender": "other"}])
def test_values_bad_filters_are_400(api_client, people, figures, params):
    api_client.force_authenticate(people.member)
    assert api_client.get(f"/api/v1/indicators/{figures.pk}/values/", params).status_code == 400


def test_values_csv(api_client, people, figures):
    api_client.force_authenticate(people.member)
    response = api_client.get(
        f"/api/v1/indicators/{figures.pk}/values/", {"format": "csv", "year_from": 2023}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    lines = body.splitlines()
    assert (
        lines[0]
        == "source;source_id;indicator;area;area_name;year;gender;value;absolute_value;ci_low;ci_high"
    )
    assert not any(";536;" in line for line in lines)
    assert any(line.startswith("sotkanet;1086;") and ";837;Tampere;2023;total;8.4" in line for line in lines)


def test_values_query_count(api_client, people, figures, django_assert_max_num_queries):
    api_client.force_authenticate(people.member)
    with django_assert_max_num_queries(10):
        api_client.get(f"/api/v1/indicators/{figures.pk}/values/")


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 403), ("member", 403), ("collector", 200), ("admin", 200)]
)
def test_import_runs_access(api_client, people, who, status):
    if who != "anonymous":
        api_client.force_authenticate(getattr(people, who))
    assert api_client.get("/api/v1/indicator-imports/").status_code == status


def test_post_good_then_same_again(api_client, people, sotkanet_ready):
    api_client.force_authenticate(people.collector)
    upload = SimpleUploadedFile("1086.json", sample("sotkanet-1086.json"), content_type="application/json")
    response = api_client.post(
        "/api/v1/indicator-imports/", {"file": upload, "source": "sotkanet-json"}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "succeeded" and response.json()["rows_created"] == 10
    upload = SimpleUploadedFile("1086.json", sample("sotkanet-1086.json"), content_type="application/json")
    again = api_client.post(
        "/api/v1/indicator-imports/", {"file": upload, "source": "sotkanet-json"}, format="multipart"
    ).json()
    assert (again["rows_created"], again["rows_updated"], again["unchanged"]) == (0, 0, 10)


def test_post_bad_file_answers_the_failed_run(api_client, people, sotkanet_ready):
    api_client.force_authenticate(people.admin)
    upload = SimpleUploadedFile(
        "bad.csv",
        b"indicator;region;year;gender;primary value;absolute value\n1086;52;2023;total;1;1\n1086;52;3000;total;1;1\n",
    )
    response = api_client.post(
        "/api/v1/indicator-imports/", {"file": upload, "source": "sotkanet-csv"}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "failed" and body["errors"][0]["line"] == 3
    assert not Value.objects.exists()
    assert ImportRun.objects.filter(status="failed").count() == 1


def test_post_needs_importer_and_known_source(api_client, people, sotkanet_ready):
    upload = SimpleUploadedFile("x.json", b"[]")
    api_client.force_authenticate(people.member)
    assert (
        api_client.post(
            "/api/v1/indicator-imports/", {"file": upload, "source": "sotkanet-json"}, format="multipart"
        ).status_code
        == 403
    )
    api_client.force_authenticate(people.collector)
    upload = SimpleUploadedFile("x.json", b"[]")
    assert (
        api_client.post(
            "/api/v1/indicator-imports/", {"file": upload, "source": "excel"}, format="multipart"
        ).status_code
        == 400
    )


def test_values_by_month_and_group(api_client, people, figures):
    from familycentres.tests.factories import GroupFactory
    from indicators.models import Region, Value

    tampere = Region.objects.get(code="837")
    group = GroupFactory()
    Value.objects.create(indicator=figures, region=tampere, year=2023, month=3, value=4)
    Value.objects.create(indicator=figures, region=tampere, year=2023, group=group, value=2)
    api_client.force_authenticate(people.member)
    url = f"/api/v1/indicators/{figures.pk}/values/"
    yearly = api_client.get(url, {"area": "837", "year_from": 2023, "gender": "total"}).json()["results"]
    # Without the new parameters the answer is what it always was: whole years of no single group.
    assert [(r["month"], r["group"]) for r in yearly] == [(0, None)]
    months = api_client.get(url, {"area": "837", "month": "all"}).json()["results"]
    assert [(r["year"], r["month"], r["value"]) for r in months] == [(2023, 3, "4.000000")]
    assert api_client.get(url, {"month": "3"}).json()["count"] == 1
    groups = api_client.get(url, {"group": str(group.pk)}).json()["results"]
    assert [(r["group"], r["value"]) for r in groups] == [(group.pk, "2.000000")]
    assert api_client.get(url, {"group": "all"}).json()["count"] == 1
    csv = api_client.get(url, {"month": "all", "format": "csv"})
    assert csv.status_code == 200
    assert b"month" in b"".join(csv.streaming_content).splitlines()[0]
    for bad in ({"month": "13"}, {"month": "x\x00"}, {"group": "-1"}):
        assert api_client.get(url, bad).status_code == 400
