"""The public API takes the open form's ALTCHA proof and shares its per-address limit."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from observations.models import Observation
from observations.tests.factories import centre_with_municipality
from observations.tests.test_public import form_data, solve_altcha

pytestmark = pytest.mark.django_db

PUBLIC = "/api/v1/public/observations/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def area():
    return centre_with_municipality("Nokia")[1]


def _payload(area, **overrides) -> dict:
    data = {
        "text": "Lapsille ei ole tekemistä kesälomalla.",
        "environment": "leisure",
        "age_group": "7-12",
        "area": area.pk,
        "altcha": solve_altcha(Client()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_without_proof_of_work_is_refused_and_nothing_stored(area):
    response = APIClient().post(PUBLIC, _payload(area, altcha=None), format="json")
    assert response.status_code == 400 and "altcha" in response.json()
    assert not Observation.objects.exists()


def test_forged_proof_is_refused(area):
    response = APIClient().post(PUBLIC, _payload(area, altcha="eyJmb28iOiAxfQ=="), format="json")
    assert response.status_code == 400 and "altcha" in response.json()


def test_a_proof_is_accepted_once(area):
    payload = _payload(area)
    api = APIClient()
    assert api.post(PUBLIC, payload, format="json").status_code == 201
    again = api.post(PUBLIC, payload, format="json")
    assert again.status_code == 400 and "altcha" in again.json()
    assert Observation.objects.count() == 1


def test_form_and_api_share_one_limit_per_address(area):
    form = Client(REMOTE_ADDR="203.0.113.20")
    for n in range(5):
        response = form.post("/fi/kerro/", form_data(form, area, text=f"Havainto lomasta {n}"))
        assert response.status_code == 302, n
    api = APIClient(REMOTE_ADDR="203.0.113.20")
    response = api.post(PUBLIC, _payload(area), format="json")
    assert response.status_code == 429 and "Retry-After" in response
    assert Observation.objects.count() == 5
    # Another address still gets through.
    other = APIClient(REMOTE_ADDR="198.51.100.20").post(PUBLIC, _payload(area), format="json")
    assert other.status_code == 201


def test_api_sends_count_against_the_form(area):
    api = APIClient(REMOTE_ADDR="203.0.113.21")
    for n in range(5):
        assert api.post(PUBLIC, _payload(area, text=f"Havainto {n}"), format="json").status_code == 201
    form = Client(REMOTE_ADDR="203.0.113.21")
    assert form.post("/fi/kerro/", form_data(form, area)).status_code == 429


def test_schema_documents_the_proof_field(client):
    document = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    request_schema = document["components"]["schemas"]["PublicObservation"]
    assert "altcha" in request_schema["properties"]
    assert "altcha" in request_schema["required"]
    assert "429" in document["paths"][PUBLIC]["post"]["responses"]
