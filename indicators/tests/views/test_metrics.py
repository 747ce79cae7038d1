"""A co-development follow-up metric read from an indicator: chosen by whoever manages the follow-up,
shown under the metric with the implementation year marked and the means before and after it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment.models import DevelopmentProcess, StageChange
from codevelopment.tests.factories import FollowUpMetricFactory
from core.models import AuditEvent
from indicators.models import Indicator, MetricIndicator
from indicators.services.imports import file_import
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(sotkanet_ready):
    assert (
        file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json")).status == "succeeded"
    )
    return Indicator.objects.get(source_id="1086")


def _post(client, url, metric, indicator, area="837"):
    prefix = f"mi{metric.pk}"
    return client.post(url, {f"{prefix}-indicator": indicator.pk, f"{prefix}-area": area})


def test_metric_read_from_indicator_with_implementation_marked(client, figures):
    metric = FollowUpMetricFactory()
    process = metric.process
    DevelopmentProcess.objects.filter(pk=process.pk).update(stage="implementation")
    StageChange.objects.create(process=process, stage="implementation")
    StageChange.objects.filter(process=process, stage="implementation").update(changed_at="2023-03-01T10:00Z")
    client.force_login(process.chair)
    response = _post(client, reverse("indicators:metric_link", args=[metric.pk]), metric, figures)
    assert response.status_code == 302
    link = MetricIndicator.objects.get(metric=metric)
    assert (link.indicator, link.region.code) == (figures, "837")
    assert AuditEvent.objects.filter(action="indicators.metric_link").exists()
    page = client.get(reverse("codevelopment:follow_up", args=[process.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "metric-indicator" in html
    # The implementation year is marked on the chart, and the means before and after it are tabled.
    assert 'stroke="#b01038"' in html
    assert "2023" in html


def test_metric_link_denied(client, figures):
    metric = FollowUpMetricFactory()
    url = reverse("indicators:metric_link", args=[metric.pk])
    response = _post(client, url, metric, figures)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory())
    response = _post(client, url, metric, figures)
    assert response.status_code in (403, 404)
    assert not MetricIndicator.objects.exists()
    client.force_login(UserFactory())
    assert client.post(reverse("indicators:metric_link", args=[999999])).status_code == 404
