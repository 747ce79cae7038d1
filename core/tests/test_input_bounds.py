"""Odd input through the API: too many fields answers JSON; dates are bounded; bidi controls are
stripped from observations typed in the form and sent to the API."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from core.dates import date_out_of_range, validate_reasonable_date
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations.models import Observation
from observations.tests.factories import centre_with_municipality

pytestmark = pytest.mark.django_db

RLO = "\u202e"


@pytest.fixture
def professional():
    centre, municipality = centre_with_municipality("Nokia")
    user = MembershipFactory(group=GroupFactory(family_centre=centre), role=Membership.Role.MEMBER).user
    return user, municipality


def _api_payload(municipality, **extra):
    return {
        "text": "Lapset viettävät illat yksin kotona.",
        "kind": Observation.Kind.CONCERN,
        "environment": Observation.Environment.SCHOOL,
        "age_group": Observation.AgeGroup.AGE_7_12,
        "area": municipality.pk,
        "source": Observation.Source.OWN_WORK,
        **extra,
    }


def test_too_many_fields_answers_json(professional):
    user, _m = professional
    api = APIClient()
    api.force_authenticate(user)
    data = "&".join(f"f{i}=x" for i in range(1200))
    response = api.post("/api/v1/observations/", data, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_too_many_query_fields_answers_json_anonymously(client):
    response = client.get("/api/v1/public/observations/?" + "&".join(f"a{i}=" for i in range(1100)))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "value,ok",
    [
        (datetime.date(1, 1, 1), False),
        (datetime.date(1899, 12, 31), False),
        (datetime.date(1900, 1, 1), True),
        (datetime.date(9999, 12, 31), False),
    ],
)
def test_date_bounds(value, ok):
    assert (date_out_of_range(value) is None) == ok


def test_validator_takes_datetimes():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_reasonable_date(timezone.now().replace(year=timezone.now().year + 50))


def test_api_refuses_year_one(professional):
    user, municipality = professional
    api = APIClient()
    api.force_authenticate(user)
    response = api.post("/api/v1/observations/", _api_payload(municipality, observed_on="0001-01-01"))
    assert response.status_code == 400 and "observed_on" in response.json()
    assert not Observation.objects.exists()


def test_form_refuses_year_one_and_keeps_the_text(client, professional):
    user, municipality = professional
    client.force_login(user)
    with translation.override("fi"):
        path = reverse("observations:create")
    payload = _api_payload(municipality, observed_on="0001-01-01")
    response = client.post(path, payload)
    assert response.status_code in (200, 400)
    assert not Observation.objects.exists()
    assert "Lapset viettävät illat yksin kotona." in response.content.decode()


def test_api_strips_bidi_controls(professional):
    user, municipality = professional
    api = APIClient()
    api.force_authenticate(user)
    text = f"Nuoret {RLO}ilta{RLO} pelaavat myöhään."
    response = api.post("/api/v1/observations/", _api_payload(municipality, text=text))
    assert response.status_code == 201, response.content
    assert RLO not in Observation.objects.get().text


def test_form_strips_bidi_controls(client, professional):
    user, municipality = professional
    client.force_login(user)
    with translation.override("fi"):
        path = reverse("observations:create")
    payload = _api_payload(municipality, text=f"Nuoret {RLO}ilta pelaavat myöhään.")
    client.post(path, {**payload, "observed_on": timezone.localdate().isoformat()})
    observation = Observation.objects.get()
    assert RLO not in observation.text and "ilta pelaavat" in observation.text
