from __future__ import annotations

import datetime
import hashlib
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import Invitation
from codevelopment.tests.factories import decided
from core.errors import ConflictError, DomainError
from core.models import AuditEvent
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Kevätaamun-kerho-2026"


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _url(process):
    return reverse("codevelopment:invitations", args=[process.pk])


def _accept_path(token):
    return reverse("codevelopment:invitation_accept", args=[token])


def _link_from_mail(message) -> str:
    match = re.search(r"https?://\S+/codevelopment/invitation/[^/\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def _invite(process, email="vanhempi@example.test", **kwargs) -> tuple[Invitation, str]:
    """Invites through the service and returns the invitation and the token from the email."""
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        invitation = services.invitation_create(actor=process.chair, process=process, email=email, **kwargs)
    link = _link_from_mail(mail.outbox[-1])
    return invitation, urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]


def test_end_to_end_new_client_representative_sees_only_own_workspace(
    client, process, django_capture_on_commit_callbacks
):
    other_decision, other_chair = decided()
    other = services.process_open_from_decision(actor=other_chair, decision=other_decision)
    client.force_login(process.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(process),
            {
                "full_name": "Sari Vanhempi",
                "email": "Sari.Vanhempi@example.test",
                "role": "client_representative",
                "background": "client_developer",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(process=process)
    assert invitation.email == "sari.vanhempi@example.test"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sari.vanhempi@example.test"]
    link = _link_from_mail(message)
    assert link.startswith(settings.SITE_URL)
    token = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
    # Only a hash of the token is stored.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13)

    client.logout()
    path = urlsplit(link).path
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["form"]["full_name"].value() == "Sari Vanhempi"
    response = client.post(
        path, {"full_name": "Sari Vanhempi", "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["password1"]
    assert not get_user_model().objects.filter(email="sari.vanhempi@example.test").exists()
    response = client.post(
        path, {"full_name": "Sari V.", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url()

    user = get_user_model().objects.get(email="sari.vanhempi@example.test")
    assert user.full_name == "Sari V." and user.check_password(GOOD_PASSWORD)
    membership = Membership.objects.get(group=process.group, user=user)
    assert membership.role == "client_representative" and membership.background == "client_developer"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at
    assert AuditEvent.objects.filter(action="codevelopment.invitation_accept").exists()

    # Signed in: the new account sees its own workspace only.
    own = client.get(process.get_absolute_url())
    assert own.status_code == 200 and own.wsgi_request.user == user
    listing = client.get(reverse("codevelopment:list"))
    assert [p.pk for p in listing.context["processes"]] == [process.pk]
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("codevelopment:documents", args=[other.pk])).status_code == 404
    assert client.get(reverse("phenomena:list")).status_code == 403
    assert client.get(reverse("observations:triage")).status_code in (403, 404)
    # The link works once.
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert response.context["code"] == "accepted" and response.context["message"] in response.text


def test_unknown_expired_revoked_links_get_a_clear_page(client, process):
    assert client.get(_accept_path("no-such-token")).status_code == 404
    assert client.post(_accept_path("x" * 500), {"full_name": "x"}).status_code == 404
    invitation, token = _invite(process)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(_accept_path(token))
    assert response.status_code == 410
    assert response.context["code"] == "expired" and response.context["message"] in response.text
    response = client.post(
        _accept_path(token), {"full_name": "X", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert response.status_code == 410
    assert not get_user_model().objects.filter(email="vanhempi@example.test").exists()
    second, token2 = _invite(process, email="toinen@example.test")
    services.invitation_revoke(actor=process.chair, invitation=second)
    response = client.get(_accept_path(token2))
    assert response.status_code == 410 and response.context["code"] == "revoked"


def test_existing_account_must_sign_in_as_that_email(client, process):
    person = UserFactory(email="ammattilainen@example.test")
    invitation, token = _invite(process, email=person.email, role="member", background="professional")
    path = _accept_path(token)
    response = client.get(path)
    assert response.status_code == 200 and response.context["has_account"]
    assert reverse("account_login") in response.text
    response = client.post(path)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory())
    response = client.post(path)
    assert response.status_code == 400
    assert not Membership.objects.filter(group=process.group, user=person).exists()
    client.force_login(person)
    response = client.post(path)
    assert response.status_code == 302
    membership = Membership.objects.get(group=process.group, user=person)
    assert membership.role == "member" and membership.background == "professional"
    assert client.post(path).status_code == 410
    assert Membership.objects.filter(group=process.group, user=person).count() == 1


def test_professional_role_needs_an_existing_account(client, process):
    with pytest.raises(DomainError):
        services.invitation_create(
            actor=process.chair, process=process, email="uusi@example.test", role="coordinator"
        )
    client.force_login(process.chair)
    response = client.post(_url(process), {"email": "uusi@example.test", "role": "member", "full_name": ""})
    assert response.status_code == 400 and response.context["form"].errors["role"]


def test_duplicate_open_invitation_is_a_form_error(client, process):
    _invite(process)
    client.force_login(process.chair)
    response = client.post(_url(process), {"email": "VANHEMPI@example.test", "role": "client_representative"})
    assert response.status_code == 409
    assert response.context["form"].errors["email"]
    assert response.context["form"]["email"].value() == "VANHEMPI@example.test"
    assert Invitation.objects.count() == 1


def test_resend_makes_a_new_link_and_the_old_stops_working(
    client, process, django_capture_on_commit_callbacks
):
    invitation, old_token = _invite(process)
    client.force_login(process.chair)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("codevelopment:invitation_resend", args=[process.pk, invitation.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    new_token = urlsplit(_link_from_mail(mail.outbox[0])).path.rstrip("/").rsplit("/", 1)[-1]
    assert new_token != old_token
    client.logout()
    assert client.get(_accept_path(old_token)).status_code == 404
    assert client.get(_accept_path(new_token)).status_code == 200


def test_revoke_with_confirmation(client, process):
    invitation, token = _invite(process)
    url = reverse("codevelopment:invitation_revoke", args=[process.pk, invitation.pk])
    client.force_login(process.chair)
    response = client.get(url)
    assert response.status_code == 200 and invitation.email in response.text
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    response = client.post(url)
    assert response.status_code == 409  # already revoked: a clear conflict, not a 500
    with pytest.raises(ConflictError):
        services.invitation_resend(actor=process.chair, invitation=invitation)
    statuses = {i.email: i.status for i in client.get(_url(process)).context["page"].object_list}
    assert statuses == {invitation.email: "revoked"}


def test_list_statuses(client, process):
    open_one, _t = _invite(process, email="a@example.test")
    expired, _t = _invite(process, email="b@example.test")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    used, token = _invite(process, email="c@example.test")
    services.invitation_accept_new_account(token=token, full_name="C", password=GOOD_PASSWORD)
    client.force_login(process.chair)
    page = client.get(_url(process)).context["page"]
    assert {i.email: i.status for i in page.object_list} == {
        "a@example.test": "open",
        "b@example.test": "expired",
        "c@example.test": "accepted",
    }


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.CLIENT_REPRESENTATIVE])
def test_members_cannot_invite(client, process, role):
    invitation, _token = _invite(process)
    client.force_login(MembershipFactory(group=process.group, role=role).user)
    assert client.get(_url(process)).status_code == 403
    assert (
        client.post(_url(process), {"email": "x@example.test", "role": "client_representative"}).status_code
        == 403
    )
    assert (
        client.post(reverse("codevelopment:invitation_resend", args=[process.pk, invitation.pk])).status_code
        == 403
    )
    assert (
        client.post(reverse("codevelopment:invitation_revoke", args=[process.pk, invitation.pk])).status_code
        == 403
    )


def test_outsiders_get_404_and_anonymous_login(client, process):
    response = client.get(_url(process))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(_url(process)).status_code == 404
    client.force_login(process.chair)
    assert (
        client.post(reverse("codevelopment:invitation_resend", args=[process.pk, 99999])).status_code == 404
    )


def test_facilitator_and_staff_invite(client, process):
    for user in (MembershipFactory(group=process.group, role="facilitator").user, UserFactory(staff=True)):
        client.force_login(user)
        email = f"{user.pk}@example.test"
        response = client.post(_url(process), {"email": email, "role": "client_representative"})
        assert response.status_code == 302
        assert Invitation.objects.filter(email=email, created_by=user).exists()


def test_bad_input_never_500(client, process):
    client.force_login(process.chair)
    for data in (
        {"email": "not an address", "role": "client_representative"},
        {"email": "a@example.test", "role": "chair"},
        {"email": "a@example.test", "role": "client_representative", "background": "king"},
        {"email": "a@example.test\x00", "role": "client_representative", "full_name": "x" * 500},
    ):
        assert client.post(_url(process), data).status_code == 400, data
    assert not Invitation.objects.exists()


def test_list_query_count_same_for_few_and_many(client, process):
    _invite(process, email="p0@example.test")
    client.force_login(process.chair)
    client.get(_url(process))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(process))
    for n in range(1, 10):
        _invite(process, email=f"p{n}@example.test")
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(process))
    assert len(response.context["page"].object_list) == 10
    assert len(many) == len(few)


def test_invitations_link_in_header_only_for_editors(client, process):
    link = _url(process)
    client.force_login(process.chair)
    assert link in client.get(process.get_absolute_url()).text
    client.force_login(MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user)
    page = client.get(process.get_absolute_url()).text
    assert link not in page
    assert reverse("codevelopment:documents", args=[process.pk]) in page
    assert reverse("codevelopment:meetings", args=[process.pk]) in page
    assert reverse("codevelopment:dialogues", args=[process.pk]) in page
