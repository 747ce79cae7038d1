from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied

from accounts.tests.factories import UserFactory
from core.errors import ConflictError, DomainError
from familycentres.models import Membership
from familycentres.permissions import is_limited_account

from ...models import Member, Network
from ...permissions import represented_members
from ...services import members
from ..factories import world

pytestmark = pytest.mark.django_db

PASSWORD = "Kevätaamun-kerho-2026"


def test_member_add_by_coordinator_and_facilitator_refused_for_others():
    w = world(0)
    m = members.member_add(
        actor=w.coordinator, network=w.network, name="Nuorisovaltuusto", kind="youth_council"
    )
    assert m.is_representative_group
    members.member_add(actor=w.facilitator, network=w.network, name="Seurakunta", kind="parish")
    for actor in (w.outsider, w.secretary):
        with pytest.raises(PermissionDenied):
            members.member_add(actor=actor, network=w.network, name="X", kind="ngo")


def test_member_add_duplicate_name_and_bad_kind_refused():
    w = world(1)
    with pytest.raises(ConflictError):
        members.member_add(actor=w.coordinator, network=w.network, name=w.members[0].name.upper(), kind="ngo")
    with pytest.raises(DomainError):
        members.member_add(actor=w.coordinator, network=w.network, name="Y", kind="nonsense")
    with pytest.raises(DomainError):
        members.member_add(actor=w.coordinator, network=w.network, name="<b>\x00</b>" * 100, kind="ngo")


def test_member_leave_ends_representatives_and_access():
    w = world(1)
    rep_user = w.reps[0]
    assert Network.objects.visible_to(rep_user).exists()
    members.member_leave(actor=w.coordinator, member=w.members[0])
    rep_user = get_user_model().objects.get(pk=rep_user.pk)
    assert not represented_members(rep_user, w.network).exists()
    assert not Network.objects.visible_to(rep_user).exists()
    assert is_limited_account(rep_user)
    with pytest.raises(ConflictError):
        members.member_leave(actor=w.coordinator, member=Member.objects.get(pk=w.members[0].pk))


def _token_from_mail() -> str:
    body = mail.outbox[-1].body
    return re.search(r"/invitation/([^/\s]+)/", body).group(1)


def test_invite_new_representative_makes_limited_account(django_capture_on_commit_callbacks):
    w = world(1)
    rep = members.representative_add(
        actor=w.coordinator, member=w.members[0], full_name="Nuori Edustaja", email="NUORI@example.test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        members.representative_invite(actor=w.coordinator, representative=rep)
    assert mail.outbox[-1].to == ["nuori@example.test"]
    token = _token_from_mail()
    user = members.representative_accept_new_account(
        token=token, full_name="Nuori Edustaja", password=PASSWORD
    )
    assert is_limited_account(user)
    assert (
        Membership.objects.current()
        .filter(group=w.network.group, user=user, role=Membership.Role.CLIENT_REPRESENTATIVE)
        .exists()
    )
    assert list(represented_members(user, w.network)) == [w.members[0]]
    with pytest.raises(members.InvitationUnusable) as exc:
        members.representative_for_token(token)
    assert exc.value.code in {"unknown", "accepted"}


def test_invite_existing_account_needs_same_email(django_capture_on_commit_callbacks):
    w = world(1)
    existing = UserFactory(email="olemassa@example.test")
    rep = members.representative_add(
        actor=w.coordinator, member=w.members[0], full_name="O", email=existing.email
    )
    with django_capture_on_commit_callbacks(execute=True):
        members.representative_invite(actor=w.coordinator, representative=rep)
    token = _token_from_mail()
    with pytest.raises(ConflictError):
        members.representative_accept_new_account(token=token, full_name="O", password=PASSWORD)
    with pytest.raises(DomainError):
        members.representative_accept_existing(token=token, user=w.outsider)
    members.representative_accept_existing(token=token, user=existing)
    assert represented_members(existing, w.network).exists()


def test_invite_refused_for_outsider_and_for_ended_representative():
    w = world(1)
    rep = members.representative_add(
        actor=w.coordinator, member=w.members[0], full_name="A", email="a@example.test"
    )
    with pytest.raises(PermissionDenied):
        members.representative_invite(actor=w.outsider, representative=rep)
    members.representative_end(actor=w.coordinator, representative=rep)
    with pytest.raises(ConflictError):
        members.representative_invite(actor=w.coordinator, representative=rep)


def test_representative_add_duplicate_and_bad_email_refused():
    w = world(1)
    members.representative_add(
        actor=w.coordinator, member=w.members[0], full_name="A", email="a@example.test"
    )
    with pytest.raises(ConflictError):
        members.representative_add(
            actor=w.coordinator, member=w.members[0], full_name="A", email="a@example.test"
        )
    with pytest.raises(DomainError):
        members.representative_add(actor=w.coordinator, member=w.members[0], full_name="A", email="nope")


def test_weak_password_refused_and_token_kept():
    w = world(1)
    rep = members.representative_add(
        actor=w.coordinator, member=w.members[0], full_name="A", email="a@example.test"
    )
    members.representative_invite(actor=w.coordinator, representative=rep)
    rep.refresh_from_db()
    # The token itself is not stored; a wrong one is unknown.
    with pytest.raises(members.InvitationUnusable):
        members.representative_for_token("wrong")
