from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.tests.factories import UserFactory

from .. import permissions as perms
from ..models import Matter, Network
from ..services import members
from .factories import open_matter, world

pytestmark = pytest.mark.django_db


def test_network_visibility_limited_account_sees_only_own_network():
    w = world(1)
    other = world(1)
    assert set(Network.objects.visible_to(w.reps[0])) == {w.network}
    assert set(Network.objects.visible_to(w.outsider)) == {w.network, other.network}
    assert not Network.objects.visible_to(AnonymousUser()).exists()
    assert Matter.objects.visible_to(w.reps[0]).count() == 0


def test_manage_roles():
    w = world(1)
    staff = UserFactory(is_staff=True)
    assert perms.can_manage_network(w.coordinator, w.network)
    assert perms.can_manage_network(w.facilitator, w.network)
    assert perms.can_manage_network(staff, w.network)
    for user in (w.secretary, w.reps[0], w.outsider, AnonymousUser()):
        assert not perms.can_manage_network(user, w.network)
    assert perms.can_decide_term(w.coordinator, w.network)
    assert not perms.can_decide_term(w.facilitator, w.network)


def test_bring_and_handle_matter():
    w = world(1)
    assert perms.can_bring_matter(w.secretary, w.network)
    assert not perms.can_bring_matter(w.reps[0], w.network)
    assert not perms.can_bring_matter(w.outsider, w.network)
    matter = open_matter(w)
    assert perms.can_handle_matter(w.secretary, matter)
    assert perms.can_handle_matter(w.coordinator, matter)
    assert not perms.can_handle_matter(w.reps[0], matter)


def test_answer_only_own_asked_current_member():
    w = world(2)
    matter = open_matter(w, members=[w.members[0]])
    assert perms.can_answer_matter(w.reps[0], matter, w.members[0])
    assert not perms.can_answer_matter(w.reps[1], matter, w.members[1])
    assert not perms.can_answer_matter(w.reps[1], matter, w.members[0])
    members.member_leave(actor=w.coordinator, member=w.members[0])
    rep = type(w.reps[0]).objects.get(pk=w.reps[0].pk)
    assert not perms.can_answer_matter(rep, matter, w.members[0])


def test_contacts_only_for_managers():
    w = world(1)
    assert perms.can_export_contacts(w.coordinator, w.network)
    assert not perms.can_export_contacts(w.reps[0], w.network)
    assert not perms.can_export_contacts(w.outsider, w.network)
