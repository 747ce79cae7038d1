from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from indicators.models import Indicator, PackageEntry
from indicators.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("limited", 403), ("member", 200), ("admin", 200)]
)
def test_catalogue_access(client, people, sotkanet_ready, who, status):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    assert client.get(reverse("indicators:catalogue")).status_code == status


def test_catalogue_search_and_filters(client, people, sotkanet_ready):
    IndicatorFactory(title_fi="Päihdepalvelut", source="statfin")
    client.force_login(people.member)
    page = client.get(reverse("indicators:catalogue"), {"q": "lastensuojelu"}).context["page"]
    assert {i.source_id for i in page.object_list} == {"1086", "1245"}
    page = client.get(reverse("indicators:catalogue"), {"source": "statfin"}).context["page"]
    assert [i.title_fi for i in page.object_list] == ["Päihdepalvelut"]
    response = client.get(reverse("indicators:catalogue"), {"q": "x" * 500})
    assert response.status_code == 200


def test_catalogue_query_count_few_and_many(client, people, sotkanet_ready, django_assert_max_num_queries):
    client.force_login(people.member)
    with django_assert_max_num_queries(12):
        client.get(reverse("indicators:catalogue"))
    IndicatorFactory.create_batch(60)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("indicators:catalogue"))
    assert len(response.context["page"].object_list) == 50


def test_detail_unknown_is_404(client, people):
    client.force_login(people.member)
    assert client.get(reverse("indicators:detail", args=[999999])).status_code == 404


def test_collector_adds_and_removes_package_entry(client, people, sotkanet_ready, pirkanmaa):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.collector)
    page = client.get(reverse("indicators:detail", args=[indicator.pk]))
    assert page.context["centres"][0]["centre"] == pirkanmaa.centre
    url = reverse("indicators:package_toggle", args=[indicator.pk, pirkanmaa.centre.pk])
    client.post(url, {"action": "add"})
    assert PackageEntry.objects.filter(family_centre=pirkanmaa.centre, indicator=indicator).exists()
    assert AuditEvent.objects.filter(action="indicators.package_add").exists()
    client.post(url, {"action": "remove"})
    assert not PackageEntry.objects.exists()


def test_member_may_not_change_package(client, people, sotkanet_ready, pirkanmaa):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.member)
    response = client.post(
        reverse("indicators:package_toggle", args=[indicator.pk, pirkanmaa.centre.pk]), {"action": "add"}
    )
    assert response.status_code == 403
    assert not PackageEntry.objects.exists()


def test_schedule_set_by_collector_only(client, people, sotkanet_ready):
    indicator = Indicator.objects.get(source_id="1086")
    url = reverse("indicators:schedule", args=[indicator.pk])
    client.force_login(people.member)
    assert client.post(url, {"schedule": "daily"}).status_code == 403
    client.force_login(people.collector)
    client.post(url, {"schedule": "daily"})
    indicator.refresh_from_db()
    assert indicator.schedule == "daily"
    client.post(url, {"schedule": "hourly"})
    indicator.refresh_from_db()
    assert indicator.schedule == "daily"
