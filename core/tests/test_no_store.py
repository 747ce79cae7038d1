"""Responses to signed-in requests are never cached (personal and client data on shared computers)."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token

from accounts.tests.factories import UserFactory
from core.middleware import PrivateNoStoreMiddleware
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def member():
    group = GroupFactory()
    user = MembershipFactory(group=group, role=Membership.Role.COLLECTOR).user
    observation = ObservationFactory(family_centre=group.family_centre, author=user)
    meeting = MeetingFactory(group=group)
    return user, group, observation, meeting


def _paths(group, observation, meeting) -> list[str]:
    with translation.override("fi"):
        return [
            reverse("home"),
            reverse("profile"),
            reverse("familycentres:group_detail", args=[group.pk]),
            reverse("familycentres:meeting_detail", args=[meeting.pk]),
            reverse("observations:detail", args=[observation.pk]),
            reverse("observations:triage"),
            f"/api/v1/observations/{observation.pk}/",
            "/api/v1/observations/",
            "/api/v1/groups/",
        ]


def test_signed_in_pages_and_api_are_no_store(client, member):
    user, group, observation, meeting = member
    client.force_login(user)
    for path in _paths(group, observation, meeting):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), path


def test_token_api_answers_are_no_store(client, member):
    user, _group, observation, _meeting = member
    token = Token.objects.create(user=user)
    response = client.get(f"/api/v1/observations/{observation.pk}/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and _no_store(response)


def test_anonymous_public_pages_stay_cacheable(client):
    with translation.override("fi"):
        response = client.get(reverse("home"))
    assert response.status_code == 200 and not _no_store(response)


def test_a_view_that_sets_its_own_cache_control_keeps_it():
    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "private, max-age=60"
        return response

    request = RequestFactory().get("/")
    request.user = UserFactory()
    response = PrivateNoStoreMiddleware(view)(request)
    assert response["Cache-Control"] == "private, max-age=60"
