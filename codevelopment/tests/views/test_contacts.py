"""The developer group's contact list and its CSV: for the group's members only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment.tests.factories import DevelopmentProcessFactory
from core.models import AuditEvent
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    process = DevelopmentProcessFactory()
    process.member = MembershipFactory(
        group=process.group,
        role=Membership.Role.MEMBER,
        background=Membership.Background.CLIENT_DEVELOPER,
        organisation=OrganisationFactory(name="Perhejärjestö ry"),
        user=UserFactory(full_name="Kaisa Kehittäjä", email="kaisa@example.org"),
    ).user
    return process


def test_contacts_page_for_member_with_fixed_queries(client, process, django_assert_max_num_queries):
    client.force_login(process.member)
    with django_assert_max_num_queries(20) as few:
        response = client.get(reverse("codevelopment:contacts", args=[process.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kaisa Kehittäjä" in body and "kaisa@example.org" in body and "Perhejärjestö ry" in body
    for _ in range(12):
        MembershipFactory(group=process.group, organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("codevelopment:contacts", args=[process.pk])).status_code == 200


def test_contacts_csv_for_member_is_audited(client, process):
    client.force_login(process.member)
    response = client.get(reverse("codevelopment:contacts_csv", args=[process.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    line = next(row for row in body.splitlines() if row.startswith("Kaisa"))
    assert line.endswith(";Perhejärjestö ry;kaisa@example.org")
    assert AuditEvent.objects.filter(action="codevelopment.contacts_export", actor=process.member).exists()


def test_contacts_denied_to_non_members(client, process):
    for name in ("codevelopment:contacts", "codevelopment:contacts_csv"):
        target = reverse(name, args=[process.pk])
        client.logout()
        assert client.get(target).status_code == 302
        # A professional of the network sees the workspace but not the group's contact details.
        client.force_login(UserFactory())
        assert client.get(target).status_code == 403
        # A client representative elsewhere (a limited account) does not see the process at all.
        client.force_login(MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user)
        assert client.get(target).status_code == 404
    assert not AuditEvent.objects.filter(action="codevelopment.contacts_export").exists()
