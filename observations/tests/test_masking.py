"""Held text (personal data waiting for a collector's redaction) is shown masked in every list, search
result, CSV export and API response; in full only on its own page to the collector, and that read is in
the access log. A held observation is redacted before it is merged or linked into a phenomenon."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from core import pii
from core.errors import DomainError
from core.models import AccessLogEntry
from observations import services
from observations.models import Observation
from observations.tests.factories import FamilyObservationFactory, ObservationFactory

pytestmark = pytest.mark.django_db

CODE = "131052-308T"
PHONE = "040 123 4567"
HELD_TEXT = f"Lapseni {CODE} tarvitsee apua, soittakaa {PHONE} iltaisin"


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def held(network):
    return FamilyObservationFactory(
        family_centre=network.centre,
        area=network.municipality,
        text=HELD_TEXT,
        held=True,
        held_reasons=["identity_code", "phone"],
    )


def _reads(observation) -> int:
    return AccessLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Observation), object_id=str(observation.pk)
    ).count()


def test_mask_replaces_personal_data_by_its_kind():
    with translation.override("fi"):
        assert pii.mask(f"lapseni {CODE}") == "lapseni [henkilötunnus]"
    with translation.override("en"):
        assert pii.mask(f"soita {PHONE} pian") == "soita [phone number] pian"


def test_shown_text_masks_only_held_text():
    assert Observation(text=f"soita {PHONE}", held=False).shown_text == f"soita {PHONE}"
    with translation.override("en"):
        assert Observation(text=f"soita {PHONE}", held=True).shown_text == "soita [phone number]"
        # Held for a reason no longer found: nothing of the text is shown.
        assert Observation(text="tavallinen", held=True).shown_text == "[held for review]"


def test_queue_shows_held_text_masked(client, network, held):
    client.force_login(network.collector)
    body = client.get(url("observations:triage"), {"status": "all"}).content.decode()
    assert CODE not in body and PHONE not in body
    assert "[personal identity code]" in body and "[phone number]" in body
    assert _reads(held) == 0


def test_queue_search_result_masked(client, network, held):
    client.force_login(network.collector)
    body = client.get(url("observations:triage"), {"status": "all", "q": "apua"}).content.decode()
    assert "tarvitsee apua" in body and CODE not in body


def test_csv_export_masks_held_text(client, network, held):
    client.force_login(network.collector)
    response = client.get(url("observations:export"), {"status": "all"})
    raw = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    assert CODE not in raw and PHONE not in raw
    assert "[personal identity code]" in rows[1][11]


def test_api_list_and_detail_mask_held_text(api_client, network, held):
    api_client.force_login(network.collector)
    with translation.override("en"):
        listing = api_client.get("/api/v1/observations/", HTTP_ACCEPT_LANGUAGE="en").json()
        detail = api_client.get(f"/api/v1/observations/{held.pk}/").json()
    texts = [row["text"] for row in listing["results"]]
    assert texts and all(CODE not in t and PHONE not in t for t in texts)
    assert CODE not in detail["text"] and "tarvitsee apua" in detail["text"]


def test_detail_shows_full_text_to_collector_and_logs_the_read(client, network, held):
    client.force_login(network.collector)
    body = client.get(url("observations:detail", held.pk)).content.decode()
    assert CODE in body and PHONE in body
    entry = AccessLogEntry.objects.get(object_id=str(held.pk))
    assert entry.user == network.collector and entry.kind == AccessLogEntry.Kind.READ
    assert entry.purpose


def test_detail_masks_held_text_for_author_and_logs_nothing(client, network):
    obs = ObservationFactory(
        family_centre=network.centre,
        area=network.municipality,
        author=network.professional,
        text=HELD_TEXT,
        held=True,
        held_reasons=["identity_code"],
    )
    client.force_login(network.professional)
    body = client.get(url("observations:detail", obs.pk)).content.decode()
    assert CODE not in body and "[personal identity code]" in body
    assert _reads(obs) == 0


def test_detail_of_redacted_text_logs_nothing(client, network):
    obs = ObservationFactory(family_centre=network.centre, area=network.municipality, text="Tavallinen")
    client.force_login(network.collector)
    client.get(url("observations:detail", obs.pk))
    assert _reads(obs) == 0


def test_merge_refuses_held_observation(network, held):
    keep = ObservationFactory(family_centre=network.centre, area=network.municipality)
    with pytest.raises(DomainError) as refused:
        services.observation_merge(actor=network.collector, duplicate=held, keep=keep)
    assert refused.value.code == "merge_held"
    with pytest.raises(DomainError):
        services.observation_merge(actor=network.collector, duplicate=keep, keep=held)
    held.refresh_from_db()
    assert held.status == Observation.Status.NEW


def test_merge_page_says_to_redact_first(client, network, held):
    keep = ObservationFactory(family_centre=network.centre, area=network.municipality)
    client.force_login(network.collector)
    response = client.post(url("observations:merge", held.pk), {"keep": keep.pk, "confirm": "1"}, follow=True)
    body = response.content.decode()
    assert "Redact it first" in body
    held.refresh_from_db()
    assert held.status == Observation.Status.NEW


def test_merge_allowed_after_redaction(network, held):
    keep = ObservationFactory(family_centre=network.centre, area=network.municipality)
    services.observation_redact(actor=network.collector, observation=held, text="Lapsi tarvitsee apua")
    held.refresh_from_db()
    services.observation_merge(actor=network.collector, duplicate=held, keep=keep)
    held.refresh_from_db()
    assert held.status == Observation.Status.MERGED


def test_redact_page_read_of_held_text_is_logged(client, network, held):
    client.force_login(network.collector)
    body = client.get(url("observations:redact", held.pk)).content.decode()
    assert CODE in body
    assert _reads(held) == 1
