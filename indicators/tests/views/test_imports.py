from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import ImportRun
from indicators.models import Indicator, Value
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("limited", 403), ("member", 403), ("collector", 200), ("admin", 200)],
)
def test_runs_page_access(client, people, who, status):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    assert client.get(reverse("indicators:runs")).status_code == status


def test_broken_file_then_good_file(client, people, sotkanet_ready):
    client.force_login(people.admin)
    bad = SimpleUploadedFile(
        "bad.csv", b"indicator;region;year;gender;primary value;absolute value\n1086;52;2023;total;abc;1\n"
    )
    response = client.post(reverse("indicators:runs"), {"source": "sotkanet-csv", "file": bad}, follow=True)
    html = response.content.decode()
    run = ImportRun.objects.get(kind="values:sotkanet-csv")
    assert run.status == "failed"
    assert "abc" in html and "2" in html  # the reason and the line
    assert not Value.objects.exists()
    good = SimpleUploadedFile("good.json", sample("sotkanet-1086.json"))
    response = client.post(reverse("indicators:runs"), {"source": "sotkanet-json", "file": good}, follow=True)
    run = ImportRun.objects.order_by("-pk").first()
    assert run.status == "succeeded" and run.rows_created == 10
    assert response.context["run"] == run
    assert Value.objects.count() == 10


def test_upload_form_errors_keep_the_page(client, people):
    client.force_login(people.collector)
    response = client.post(reverse("indicators:runs"), {"source": "nonsense"})
    assert response.status_code == 400
    assert response.context["form"].errors


def test_import_now_starts_the_task_and_polls(
    client, people, sotkanet_ready, source_server, django_capture_on_commit_callbacks
):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.collector)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("indicators:import", args=[indicator.pk]))
    assert response.status_code == 302
    run = ImportRun.objects.get(kind="values:1086")
    assert run.status == "succeeded" and run.triggered_by == people.collector
    page = client.get(reverse("indicators:runs"), headers={"HX-Request": "true"})
    assert page.context["polling"] is True
    assert 'hx-trigger="every 2s"' in page.content.decode()


def test_member_cannot_start_imports(client, people, sotkanet_ready):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.member)
    assert client.post(reverse("indicators:import", args=[indicator.pk])).status_code == 403
    assert client.post(reverse("indicators:source_refresh", args=["regions"])).status_code == 403
    assert not ImportRun.objects.filter(kind="values:1086").exists()


def test_run_detail_shows_errors(client, people, sotkanet_ready):
    from indicators.services.imports import file_import

    run = file_import(
        actor=None,
        kind="sotkanet-json",
        data=b'[{"indicator": 1086, "region": 4711, "year": 2023, "gender": "total", "value": 1}]',
    )
    client.force_login(people.collector)
    response = client.get(reverse("indicators:run_detail", args=[run.pk]))
    assert response.context["errors"][0]["line"] == 1
    assert client.get(reverse("indicators:run_detail", args=[999999])).status_code == 404


def test_runs_list_query_count(client, people, sotkanet_ready, django_assert_max_num_queries):
    from indicators.services.imports import file_import

    for _ in range(30):
        file_import(actor=people.admin, kind="sotkanet-json", data=b"[]")
    client.force_login(people.collector)
    with django_assert_max_num_queries(12):
        client.get(reverse("indicators:runs"))
