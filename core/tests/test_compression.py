"""JSON answers are compressed for clients that accept gzip; HTML pages never are (BREACH)."""

from __future__ import annotations

import gzip
import json

import pytest
from django.urls import reverse

from familycentres.tests.factories import GroupFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    for n in range(30):
        MembershipFactory(group=GroupFactory(name=f"Ryhmä {n}"), organisation=OrganisationFactory())


def test_json_answer_is_gzipped_when_accepted(client, network):
    plain = client.get("/api/v1/network-map/")
    packed = client.get("/api/v1/network-map/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    assert len(packed.content) < len(plain.content)


def test_json_answer_is_plain_without_accept_encoding(client, network):
    assert not client.get("/api/v1/network-map/").has_header("Content-Encoding")


def test_html_page_is_never_gzipped(client, network):
    response = client.get(reverse("familycentres:network_map"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not response.has_header("Content-Encoding")
