"""The dashboard, the comparison and their exports: who may see them, what they show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.models import Indicator
from indicators.services.imports import file_import
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(sotkanet_ready):
    run = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    assert run.status == "succeeded"
    return Indicator.objects.get(source_id="1086")


def _url(indicator, **params):
    from urllib.parse import urlencode

    return (
        reverse("indicators:dashboard")
        + "?"
        + urlencode({"indicator": indicator.pk, "area": "837", **params})
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("limited", 403), ("outsider", 200), ("member", 200), ("admin", 200)],
)
def test_dashboard_access(client, people, figures, who, status):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    assert client.get(_url(figures)).status_code == status


def test_dashboard_shows_trend_and_comparison_with_tampere_highlighted(client, people, figures):
    client.force_login(people.member)
    response = client.get(_url(figures))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 2
    assert 'class="own"' in html and "Tampere" in html
    # Nokia 2023 rests on 3 persons: shown as "< 5", never its value.
    assert "&lt; 5" in html and "0,1" not in html
    # Tampere 8,4 % of 3 790: its Wilson interval is in the table.
    assert "8,4" in html and "8,1–8,7" in html
    # Men and women beside the total, where the source has them.
    assert "Miehet ja pojat" in html and "8,8" in html
    panel = response.context["panels"][0]
    assert [p.region.code for p in panel.compare["rows"]] == ["020", "837", "536"]
    akaa = panel.compare["rows"][0]
    assert akaa.noise is False or akaa.noise is True


def test_dashboard_csv_is_what_is_shown_without_small_numbers(client, people, figures):
    client.force_login(people.member)
    response = client.get(_url(figures, format="csv"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("source;source_id;indicator;area")
    assert any(";837;Tampere;2023;total;8.4" in line for line in lines)
    assert any(";837;Tampere;2023;female;8.8" in line for line in lines)
    assert not any(";536;" in line and ";2023;" in line for line in lines)  # "< 5" left out


def test_dashboard_pdf(client, people, figures):
    client.force_login(people.member)
    response = client.get(_url(figures, format="pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_dashboard_bad_selection_is_400_not_500(client, people, figures):
    client.force_login(people.member)
    assert client.get(_url(figures, year_from="abc")).status_code == 400
    assert client.get(reverse("indicators:dashboard") + "?indicator=999999&area=\x00").status_code == 400
    assert client.get(_url(figures, year_from=2024, year_to=2020)).status_code == 400


def test_dashboard_default_shows_the_package(client, people, figures):
    client.force_login(people.member)
    response = client.get(reverse("indicators:dashboard"))
    assert response.status_code == 200
    assert len(response.context["panels"]) == 3


def test_dashboard_query_count_does_not_grow_with_rows(
    client, people, figures, django_assert_max_num_queries
):
    client.force_login(people.member)
    with django_assert_max_num_queries(40):
        client.get(_url(figures))


def test_comparison_page_other_year_and_csv(client, people, figures):
    client.force_login(people.member)
    url = reverse("indicators:compare", args=[figures.pk])
    response = client.get(url, {"area": "020", "year": "2022"})
    assert response.status_code == 200
    assert response.context["data"]["year"] == 2022
    assert [p.is_own for p in response.context["data"]["rows"] if p.region.code == "020"] == [True]
    csv = b"".join(
        client.get(url, {"area": "020", "year": "2022", "format": "csv"}).streaming_content
    ).decode()
    assert ";020;Akaa;2022;total;7.2" in csv


def test_comparison_unknown_indicator_is_404(client, people):
    client.force_login(people.member)
    assert client.get(reverse("indicators:compare", args=[999999])).status_code == 404


def test_dashboard_queries_do_not_grow_with_indicators(client, people, figures):
    from urllib.parse import urlencode

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.models import Value

    others = []
    for n in range(4):
        other = Indicator.objects.create(
            source="sotkanet", source_id=f"99{n}", title_fi=f"Testi {n}", value_type="PROS"
        )
        Value.objects.bulk_create(
            Value(
                indicator=other,
                region_id=v.region_id,
                year=v.year,
                gender=v.gender,
                value=v.value,
                abs_value=v.abs_value,
            )
            for v in Value.objects.filter(indicator=figures)
        )
        others.append(other)
    client.force_login(people.member)
    with CaptureQueriesContext(connection) as one:
        client.get(_url(figures))
    url = (
        reverse("indicators:dashboard")
        + "?"
        + urlencode([("indicator", i.pk) for i in [figures, *others]] + [("area", "837")])
    )
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["panels"]) == 5
    # One read of the values serves every panel.
    assert len(five) == len(one)


def test_dashboard_shows_month_and_group_tables_of_own_figures(client, people, sotkanet_ready):
    from familycentres.tests.factories import GroupFactory
    from indicators.models import Region, Value

    own = Indicator.objects.create(
        source="platform",
        source_id="observations",
        title_fi="Havainnot, lkm",
        value_type="COUNT",
        decimals=0,
        has_months=True,
        has_groups=True,
    )
    tampere = Region.objects.get(code="837")
    group = GroupFactory(name="Tampereen ohjausryhmä")
    Value.objects.create(indicator=own, region=tampere, year=2024, value=9)
    Value.objects.create(indicator=own, region=tampere, year=2024, month=5, value=4)
    Value.objects.create(indicator=own, region=tampere, year=2024, group=group, value=2)
    client.force_login(people.member)
    response = client.get(_url(own, year_from=2020, year_to=2025))
    assert response.status_code == 200
    panel = response.context["panels"][0]
    assert panel.month_rows == [{"label": "5/2024", "value": "4"}]
    assert [(r["group"], r["value"]) for r in panel.group_rows] == [("Tampereen ohjausryhmä", "2")]
    # The yearly trend holds the whole year only, not the month or the group's figure.
    assert [row["cells"][0]["value"] for row in panel.trend_rows if row["year"] == 2024] == ["9"]
    html = response.content.decode()
    assert "Tampereen ohjausryhmä" in html and "5/2024" in html
