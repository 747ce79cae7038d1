"""Odd input gets a clear page in the user's language, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("fi", "Sivua ei löytynyt"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_404_page_in_users_language(client, prefix, text):
    response = client.get(f"/{prefix}/ei-tallaista-sivua/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_unknown_language_prefix_is_404_not_500(client):
    response = client.get("/de/network/groups/")
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


def test_root_redirects_to_finnish_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/")


def test_huge_query_string_is_400_page(client, user):
    client.force_login(user)
    response = client.get(reverse("familycentres:group_list") + "?q=" + "a" * 10_000)
    assert response.status_code == 400
    assert "<h1>" in response.content.decode()


def test_nul_in_query_string_is_400_page(client, user):
    client.force_login(user)
    response = client.get(reverse("familycentres:group_list") + "?q=abc%00def")
    assert response.status_code == 400


def test_malformed_utf8_query_string_does_not_fail(client, user):
    client.force_login(user)
    response = client.get(reverse("familycentres:group_list") + "?q=%ff%fe")
    assert response.status_code in (200, 400)


def test_too_many_fields_is_400(client, user):
    client.force_login(user)
    query = "&".join(f"f{i}=1" for i in range(600))
    response = client.get(reverse("familycentres:group_list") + "?" + query)
    assert response.status_code == 400


def test_csrf_failure_shows_clear_page_in_language(user):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    response = csrf_client.post("/sv/accounts/logout/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>" in body
    assert 'lang="sv"' in body


def test_403_page_in_users_language(client):
    from familycentres.tests.factories import MeetingFactory, MembershipFactory

    meeting = MeetingFactory()
    member = MembershipFactory(group=meeting.group).user
    client.force_login(member)
    response = client.get(f"/en/network/meetings/{meeting.pk}/edit/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_500_page_renders_without_database(rf):
    from core.views import server_error

    request = rf.get("/fi/")
    response = server_error(request)
    assert response.status_code == 500
    assert "<h1>" in response.content.decode()


def test_accessibility_statement_is_public(client):
    for prefix in ("fi", "sv", "en"):
        assert client.get(f"/{prefix}/accessibility/").status_code == 200


def test_language_switcher_links_keep_the_page(client, user):
    client.force_login(user)
    response = client.get("/fi/network/groups/?q=tiimi")
    links = {item["code"]: item["url"] for item in response.context["language_links"]}
    assert links["sv"] == "/sv/network/groups/?q=tiimi"
    assert links["en"] == "/en/network/groups/?q=tiimi"


def test_security_headers_present(client):
    response = client.get("/fi/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
