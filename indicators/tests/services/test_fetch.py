"""The live HTTP path against a local server in the sources' shapes: User-Agent, retries, refusals,
timeouts; a failed fetch is a failed run that changes nothing."""

from __future__ import annotations

import pytest

from core.models import ImportRun
from indicators.models import Indicator, Region, Value
from indicators.services.catalogue import sotkanet_catalogue_fetch
from indicators.services.imports import indicator_fetch, sotkanet_regions_fetch
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


def test_regions_then_values_fetched_with_user_agent(pirkanmaa, source_server, settings):
    from indicators.services.catalogue import default_package_ensure

    settings.INDICATORS_USER_AGENT = "IlmioTest/1.0"
    assert sotkanet_regions_fetch().status == ImportRun.Status.SUCCEEDED
    assert Region.objects.get(code="020").sotkanet_id == 61
    default_package_ensure()
    indicator = Indicator.objects.get(source="sotkanet", source_id="1086")
    run = indicator_fetch(actor=None, indicator=indicator)
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert run.rows_created == 10
    indicator.refresh_from_db()
    assert indicator.description_fi.startswith("Indikaattori ilmaisee")  # HTML stripped
    assert indicator.has_genders and indicator.value_type == "PROS"
    assert all(headers.get("User-Agent") == "IlmioTest/1.0" for _m, _p, headers in source_server.requests)
    query = source_server.requests[-1][1]
    assert "indicator=1086" in query and "genders=female" in query and "years=" in query


def test_http_500_is_retried_then_fails_and_keeps_the_old_figures(sotkanet_ready, source_server):
    from indicators.services.imports import file_import

    file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    before = list(Value.objects.values_list("pk", "value", "updated_at"))
    source_server.fail = 500
    run = indicator_fetch(actor=None, indicator=Indicator.objects.get(source_id="1086"))
    assert run.status == ImportRun.Status.FAILED
    assert "HTTP 500" in run.error
    assert len(source_server.requests) == 3  # the first try and two retries
    assert list(Value.objects.values_list("pk", "value", "updated_at")) == before


def test_http_403_is_not_retried(sotkanet_ready, source_server):
    source_server.fail = 403
    run = indicator_fetch(actor=None, indicator=Indicator.objects.get(source_id="1086"))
    assert run.status == ImportRun.Status.FAILED
    assert "HTTP 403" in run.error
    assert len(source_server.requests) == 1


def test_timeout_fails_clearly(sotkanet_ready, source_server, settings):
    settings.INDICATORS_HTTP_TIMEOUT = 0.2
    settings.INDICATORS_HTTP_RETRIES = 0
    source_server.delay = 0.6
    run = indicator_fetch(actor=None, indicator=Indicator.objects.get(source_id="1086"))
    assert run.status == ImportRun.Status.FAILED
    assert "did not answer in time" in run.error


def test_catalogue_fetch_adds_new_and_keeps_names(sotkanet_ready, source_server):
    run = sotkanet_catalogue_fetch()
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert run.rows_created == 1  # 5000; 127 and 1086 were in the default package
    assert Indicator.objects.get(source_id="5000").title_en == "Example indicator"
    again = sotkanet_catalogue_fetch()
    assert (again.rows_created, again.rows_updated) == (0, 0)


def test_statfin_fetch_posts_the_query(sotkanet_ready, source_server):
    indicator = Indicator.objects.create(
        source="statfin",
        source_id="vaesto",
        title_fi="Väestö",
        pxweb_path="StatFin/vaerak/11ra.px",
        pxweb_query=[{"code": "Alue", "selection": {"filter": "item", "values": ["SSS", "KU837", "KU020"]}}],
    )
    run = indicator_fetch(actor=None, indicator=indicator)
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert source_server.requests[-1][0] == "POST"
    assert Value.objects.filter(indicator=indicator).count() == 18
