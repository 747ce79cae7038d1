"""The open form's live personal-data check: a family that types an identity code is told as it types,
with the same check as the server, and may remove what was found; if it sends anyway the text is held."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core import pii
from observations.tests.factories import centre_with_municipality
from observations.views import public

pytestmark = pytest.mark.django_db

CODE = "131052-308T"


def url(name: str, *args) -> str:
    with translation.override("fi"):
        return reverse(name, args=args)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_public_check_warns_anonymous_family_and_offers_the_text_without_it(client):
    response = client.post(url("observations:public_check"), {"text": f"lapseni {CODE} on sairas"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "henkilötunnus" in body and '<mark class="pii-mark"' in body
    assert 'data-pii-remove="lapseni on sairas"' in body


def test_public_check_says_nothing_for_ordinary_text(client):
    response = client.post(url("observations:public_check"), {"text": "Koulun jälkeen ei ole paikkaa"})
    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_public_check_refuses_get_and_odd_input(client):
    assert client.get(url("observations:public_check")).status_code == 405
    assert client.post(url("observations:public_check"), {"text": "x" * 50_000}).status_code == 200
    assert client.post(url("observations:public_check"), {}).status_code == 200


def test_public_check_needs_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url("observations:public_check"), {"text": CODE}).status_code == 403


def test_public_check_over_the_limit_answers_nothing(client, monkeypatch):
    monkeypatch.setattr(public, "PUBLIC_CHECK_LIMIT", 2)
    for _ in range(2):
        assert client.post(url("observations:public_check"), {"text": f"x {CODE}"}).status_code == 200
    assert client.post(url("observations:public_check"), {"text": f"x {CODE}"}).status_code == 204


def test_open_form_has_the_live_check_on_its_text_field(client):
    centre, _municipality = centre_with_municipality("Nokia")
    body = client.get(url("observations:public_form_centre", centre.slug)).content.decode()
    assert f'hx-post="{url("observations:public_check")}"' in body
    assert 'hx-include="#id_text"' in body and 'data-pii-for="id_text"' in body
    assert "core/personal_data.js" in body


def test_remove_keeps_the_rest_of_the_text():
    assert pii.remove(f"lapseni {CODE} on sairas") == "lapseni on sairas"
    assert pii.remove("Soita 040 123 4567, kiitos.\nToinen rivi") == "Soita, kiitos.\nToinen rivi"
    assert pii.remove("ei mitään") == "ei mitään"
