"""The indicators panel on a phenomenon's page, through phenomena's panel registry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.models import Indicator, PhenomenonIndicator
from indicators.services.imports import file_import
from indicators.tests.conftest import sample
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phenomenon(people, sotkanet_ready, pirkanmaa):
    file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    return PhenomenonFactory(family_centre=pirkanmaa.centre, area=pirkanmaa.tampere)


def test_collector_links_indicator_and_sees_it_on_the_page(client, people, phenomenon):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.collector)
    page = client.get(phenomenon.get_absolute_url()).content.decode()
    assert 'id="indicators"' in page and "indicator" in page
    response = client.post(
        reverse("indicators:phenomenon_link", args=[phenomenon.pk]), {"indicator": indicator.pk}
    )
    assert response.status_code == 302
    assert PhenomenonIndicator.objects.filter(phenomenon=phenomenon, indicator=indicator).exists()
    page = client.get(phenomenon.get_absolute_url()).content.decode()
    assert "<svg" in page and "Tampere" in page and indicator.title_fi in page
    client.post(reverse("indicators:phenomenon_link", args=[phenomenon.pk]), {"remove": indicator.pk})
    assert not PhenomenonIndicator.objects.exists()


def test_member_sees_but_cannot_link(client, people, phenomenon):
    indicator = Indicator.objects.get(source_id="1086")
    PhenomenonIndicator.objects.create(phenomenon=phenomenon, indicator=indicator)
    client.force_login(people.member)
    page = client.get(phenomenon.get_absolute_url()).content.decode()
    assert indicator.title_fi in page
    assert reverse("indicators:phenomenon_link", args=[phenomenon.pk]) not in page
    assert (
        client.post(
            reverse("indicators:phenomenon_link", args=[phenomenon.pk]), {"remove": indicator.pk}
        ).status_code
        == 403
    )
    assert PhenomenonIndicator.objects.exists()


def test_bad_link_input(client, people, phenomenon):
    client.force_login(people.collector)
    url = reverse("indicators:phenomenon_link", args=[phenomenon.pk])
    assert client.post(url, {"indicator": "nope"}).status_code == 302
    assert client.post(url, {"remove": "x"}).status_code == 404
    assert (
        client.post(reverse("indicators:phenomenon_link", args=[999999]), {"indicator": 1}).status_code == 404
    )
    assert not PhenomenonIndicator.objects.exists()
