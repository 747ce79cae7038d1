"""The observations REST API: who may read and log what, the same rules as the pages (visibility, held
text, services), filters, query counts; the families' public endpoint with its honeypot and rate limit;
and that contact addresses and follow-up codes never leave through the API."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from core.models import AuditEvent
from observations.models import Observation
from observations.tests.factories import (
    FamilyObservationFactory,
    ObservationFactory,
)
from observations.tests.test_public import solve_altcha

pytestmark = pytest.mark.django_db

LIST = "/api/v1/observations/"
PUBLIC = "/api/v1/public/observations/"


@pytest.fixture(autouse=True)
def _clear_throttle_cache():
    # The rate limit counts in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def net(network):
    """The shared network of the root conftest."""
    return network


def _as(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _payload(net, **overrides) -> dict:
    data = {
        "text": "Nuoret kaipaavat iltaisin kokoontumispaikkaa.",
        "kind": "concern",
        "environment": "leisure",
        "age_group": "13-17",
        "area": net.municipality.pk,
        "source": "own_work",
        "themes": ["Nuorisotilat", "illat"],
    }
    data.update(overrides)
    return data


def _ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


# --- who may --------------------------------------------------------------------------------------


def test_list_denied_to_anonymous(api_client):
    assert api_client.get(LIST).status_code in (401, 403)
    assert api_client.post(LIST, {}, format="json").status_code in (401, 403)


def test_list_and_create_denied_to_client_representative(api_client, net):
    ObservationFactory(family_centre=net.centre)
    client = _as(api_client, net.client_rep)

    assert client.get(LIST).status_code == 403
    assert client.post(LIST, _payload(net), format="json").status_code == 403
    assert Observation.objects.count() == 1


def test_list_shows_only_visible_observations(api_client, net):
    own = ObservationFactory(family_centre=net.other_centre, author=net.outsider)
    centre_obs = ObservationFactory(family_centre=net.centre, author=net.colleague)
    held = ObservationFactory(
        family_centre=net.centre, author=net.colleague, held=True, held_reasons=["phone"]
    )
    other = ObservationFactory(family_centre=net.other_centre)

    assert _ids(_as(api_client, net.outsider).get(LIST)) == [own.pk]
    assert set(_ids(_as(api_client, net.professional).get(LIST))) == {centre_obs.pk}
    assert set(_ids(_as(api_client, net.collector).get(LIST))) == {centre_obs.pk, held.pk}
    assert other.pk not in _ids(_as(api_client, net.collector).get(LIST))


@pytest.mark.parametrize(("who", "status"), [("colleague", 200), ("collector", 200), ("outsider", 404)])
def test_detail_follows_visibility(api_client, net, who, status):
    observation = ObservationFactory(family_centre=net.centre, author=net.professional)

    response = _as(api_client, getattr(net, who)).get(f"{LIST}{observation.pk}/")

    assert response.status_code == status
    if status == 200:
        assert response.json()["text"] == observation.text


def test_detail_held_text_only_for_author_and_collector(api_client, net):
    held = ObservationFactory(
        family_centre=net.centre, author=net.professional, held=True, held_reasons=["email"]
    )

    assert _as(api_client, net.professional).get(f"{LIST}{held.pk}/").json()["held"] is True
    assert _as(api_client, net.collector).get(f"{LIST}{held.pk}/").status_code == 200
    assert _as(api_client, net.colleague).get(f"{LIST}{held.pk}/").status_code == 404


def test_contact_email_and_followup_code_never_exposed(api_client, net):
    family = FamilyObservationFactory(family_centre=net.centre, contact_email="perhe@example.test")
    client = _as(api_client, net.collector)

    for response in (client.get(LIST), client.get(f"{LIST}{family.pk}/")):
        body = response.content.decode()
        assert response.status_code == 200
        assert "perhe@example.test" not in body
        assert family.followup_code not in body
        assert "contact_email" not in body and "followup_code" not in body


def test_unsafe_methods_other_than_create_not_allowed(api_client, net):
    observation = ObservationFactory(family_centre=net.centre, author=net.professional)
    client = _as(api_client, net.professional)

    assert client.patch(f"{LIST}{observation.pk}/", {"text": "x"}, format="json").status_code == 405
    assert client.delete(f"{LIST}{observation.pk}/").status_code == 405


# --- create ---------------------------------------------------------------------------------------


def test_create_through_service(api_client, net):
    response = _as(api_client, net.professional).post(LIST, _payload(net), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    observation = Observation.objects.get()
    assert body["id"] == observation.pk
    assert body["family_centre"] == net.centre.pk
    assert body["themes"] == ["illat", "nuorisotilat"]
    assert body["observed_on"] == timezone.localdate().isoformat()
    assert body["status"] == "new" and body["author"] == net.professional.pk
    assert AuditEvent.objects.filter(action="observation.submit", object_id=str(observation.pk)).exists()


def test_create_ignores_read_only_fields(api_client, net):
    payload = _payload(
        net, status="archived", author=net.colleague.pk, family_centre=net.other_centre.pk, held=True
    )

    response = _as(api_client, net.professional).post(LIST, payload, format="json")

    observation = Observation.objects.get()
    assert response.status_code == 201
    assert observation.status == "new"
    assert observation.author == net.professional
    assert observation.family_centre == net.centre
    assert observation.held is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "a" * 50_000}, "detail"),
        ({"text": "teksti\x00"}, "text"),
        ({"text": "\u202e\u202c"}, "detail"),
        ({"area": 999999}, "area"),
        ({"area": "x"}, "area"),
        ({"kind": ""}, "kind"),
        ({"kind": "maybe"}, "kind"),
        ({"environment": "moon"}, "environment"),
        ({"source": "family_form"}, "detail"),
        ({"observed_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "detail"),
        ({"themes": [f"t{n}" for n in range(11)]}, "themes"),
        ({"themes": "not a list"}, "themes"),
    ],
)
def test_create_bad_input_is_400_and_stores_nothing(api_client, net, overrides, field):
    response = _as(api_client, net.professional).post(LIST, _payload(net, **overrides), format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Observation.objects.exists()


def test_create_unserved_area_is_400(api_client, net):
    county = net.municipality.parent
    client = _as(api_client, net.professional)

    assert client.post(LIST, _payload(net, area=county.pk), format="json").status_code == 400
    assert not Observation.objects.exists()


def test_create_html_and_emoji_stored_as_text(api_client, net):
    text = "<script>alert(1)</script> 😀 \u202eok"

    response = _as(api_client, net.professional).post(LIST, _payload(net, text=text), format="json")

    assert response.status_code == 201
    assert Observation.objects.get().text == "<script>alert(1)</script> 😀 ok"
    assert response["Content-Type"].startswith("application/json")


def test_create_with_session_needs_csrf(net):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(net.professional)

    assert client.post(LIST, _payload(net), format="json").status_code == 403
    assert not Observation.objects.exists()


# --- filters and lists ----------------------------------------------------------------------------


def test_list_filters_like_triage(api_client, net):
    today = timezone.localdate()
    a = ObservationFactory(
        family_centre=net.centre,
        area=net.local,
        environment="school",
        kind="positive",
        themes=["uni"],
        observed_on=today - timedelta(days=10),
        text="Koulun kerho toimii hyvin.",
    )
    b = ObservationFactory(
        family_centre=net.centre, area=net.municipality, environment="home", themes=["ruutuaika"]
    )
    client = _as(api_client, net.collector)

    assert _ids(client.get(LIST, {"environment": "school"})) == [a.pk]
    assert _ids(client.get(LIST, {"kind": "positive"})) == [a.pk]
    assert _ids(client.get(LIST, {"theme": "UNI"})) == [a.pk]
    assert set(_ids(client.get(LIST, {"area": net.municipality.pk}))) == {a.pk, b.pk}
    assert _ids(client.get(LIST, {"area": net.local.pk})) == [a.pk]
    assert _ids(client.get(LIST, {"date_to": (today - timedelta(days=5)).isoformat()})) == [a.pk]
    assert _ids(client.get(LIST, {"date_from": (today - timedelta(days=5)).isoformat()})) == [b.pk]
    assert _ids(client.get(LIST, {"q": "kerhot"})) == [a.pk]  # Finnish stemming
    assert _ids(client.get(LIST, {"status": "archived"})) == []


@pytest.mark.parametrize(
    "params",
    [{"environment": "moon"}, {"area": "abc"}, {"area": "1.5"}, {"date_from": "eilen"}, {"q": "x" * 201}],
)
def test_list_bad_filter_is_400(api_client, net, params):
    assert _as(api_client, net.collector).get(LIST, params).status_code == 400


def test_list_newest_first_and_paginated(api_client, net):
    first = ObservationFactory(family_centre=net.centre)
    Observation.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    second = ObservationFactory(family_centre=net.centre)

    body = _as(api_client, net.collector).get(LIST).json()

    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [second.pk, first.pk]


def test_list_query_count_constant_3_vs_30(api_client, net, django_assert_max_num_queries):
    client = _as(api_client, net.collector)
    for n in range(3):
        ObservationFactory(family_centre=net.centre, themes=[f"a{n}", "b"])
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(LIST).json()["results"]) == 3
    for n in range(27):
        ObservationFactory(family_centre=net.centre, area=net.local, themes=[f"c{n}", "d"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST).json()["results"]) == 30


# --- the public endpoint --------------------------------------------------------------------------


def _public(net, **overrides) -> dict:
    data = {
        "text": "Lapsille ei ole tekemistä kesälomalla.",
        "environment": "leisure",
        "age_group": "7-12",
        "area": net.municipality.pk,
        "altcha": solve_altcha(Client()),
    }
    data.update(overrides)
    return data


def test_public_create_returns_only_code_and_status_url(api_client, net):
    response = api_client.post(
        PUBLIC, _public(net, contact_email="perhe@example.test", language="sv"), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    observation = Observation.objects.get()
    assert set(body) == {"followup_code", "status_url"}
    assert body["followup_code"] == observation.followup_code
    assert body["status_url"].endswith(f"/sv/uppfoljning/{observation.followup_code}/")
    assert body["status_url"].startswith("http")
    assert observation.source == Observation.Source.FAMILY_FORM
    assert observation.author is None and observation.language == "sv"
    assert observation.family_centre == net.centre
    assert AuditEvent.objects.filter(action="observation.submit_public").count() == 1


def test_public_create_language_from_request(api_client, net):
    response = api_client.post(PUBLIC, _public(net), format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert "/en/follow-up/" in response.json()["status_url"]
    assert Observation.objects.get().language == "en"


def test_public_create_with_personal_data_is_held(api_client, net):
    response = api_client.post(PUBLIC, _public(net, text="Naapurin lapsi, puh 040 765 4321"), format="json")

    assert response.status_code == 201
    assert Observation.objects.get().held is True


def test_public_create_signed_in_session_is_ignored(api_client, net):
    api_client.force_login(net.professional)

    response = api_client.post(PUBLIC, _public(net), format="json")

    assert response.status_code == 201
    assert Observation.objects.get().author is None


def test_public_honeypot_rejected(api_client, net):
    response = api_client.post(PUBLIC, _public(net, website="http://spam.example"), format="json")

    assert response.status_code == 400
    assert "website" in response.json()
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "a" * 50_000}, "detail"),
        ({"text": "hei\x00"}, "text"),
        ({"text": "\u202e"}, "detail"),
        ({"area": 999999}, "area"),
        ({"environment": ""}, "environment"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"language": "de"}, "language"),
    ],
)
def test_public_bad_input_is_400_and_stores_nothing(api_client, net, overrides, field):
    response = api_client.post(PUBLIC, _public(net, **overrides), format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Observation.objects.exists()


def test_public_bad_input_answered_in_users_language(api_client, net):
    response = api_client.post(PUBLIC, _public(net, text=""), format="json", HTTP_ACCEPT_LANGUAGE="fi")

    assert response.status_code == 400
    assert response.json()["text"] != ["This field may not be blank."]


def test_public_rate_limited_per_address(api_client, net):
    statuses = [
        api_client.post(
            PUBLIC, _public(net, text=f"Havainto {n}"), format="json", REMOTE_ADDR="203.0.113.7"
        ).status_code
        for n in range(12)
    ]

    # The open form's limit (PUBLIC_FORM_RATE_LIMIT, 5 in 10 minutes), shared with it.
    assert statuses[:5] == [201] * 5
    assert set(statuses[5:]) == {429}
    assert Observation.objects.count() == 5
    # Another address is not affected.
    other = api_client.post(PUBLIC, _public(net), format="json", REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 201


def test_public_rate_limit_not_dodged_with_forwarded_for_header(api_client, net):
    statuses = [
        api_client.post(
            PUBLIC,
            _public(net, text=f"Havainto {n}"),
            format="json",
            REMOTE_ADDR="203.0.113.8",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(11)
    ]

    assert statuses[-1] == 429
    assert Observation.objects.count() == 5


def test_public_has_no_reads(api_client, net):
    family = FamilyObservationFactory(family_centre=net.centre)

    assert api_client.get(PUBLIC).status_code == 405
    assert api_client.get(f"{PUBLIC}{family.pk}/").status_code == 404


# --- schema ---------------------------------------------------------------------------------------


def test_schema_describes_observation_endpoints(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})

    document = json.loads(response.content)
    validate_schema(document)
    paths = document["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/observations/"])
    assert set(paths["/api/v1/public/observations/"]) == {"post"}
    schemas = document["components"]["schemas"]
    for name in ["ObservationKindEnum", "ObservationStatusEnum", "ObservationSourceEnum"]:
        assert name in schemas
    assert "contact_email" not in schemas["Observation"]["properties"]
    assert "followup_code" not in schemas["Observation"]["properties"]
    assert set(schemas["PublicObservationReceipt"]["properties"]) == {"followup_code", "status_url"}
