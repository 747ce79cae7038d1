from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from codevelopment import services as codev_services
from codevelopment.models import Invitation
from codevelopment.tests.factories import decided
from core.errors import ConflictError, DomainError
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory

from ...models import Nomination
from ...services import calls, glossary
from ..factories import world

pytestmark = pytest.mark.django_db


def _call(w, process=None):
    return calls.call_create(
        actor=w.coordinator,
        network=w.network,
        title="Uusi kehittäjäryhmä",
        description="Nuoria ja vanhempia",
        how_many=2,
        deadline=timezone.localdate() + timedelta(days=7),
        process=process,
    )


def test_nominate_accept_invites_to_developer_group():
    w = world(2)
    decision, chair = decided()
    process = codev_services.process_open_from_decision(actor=chair, decision=decision)
    MembershipFactory(group=process.group, user=w.coordinator, role=Membership.Role.COORDINATOR)
    call = _call(w, process)
    nomination = calls.nomination_add(
        actor=w.reps[0],
        call=call,
        member=w.members[0],
        full_name="Nuori Kehittäjä",
        email="kehittaja@example.test",
    )
    with pytest.raises(ConflictError):
        calls.nomination_add(
            actor=w.reps[1], call=call, member=w.members[1], full_name="X", email="kehittaja@example.test"
        )
    decided_nomination = calls.nomination_decide(
        actor=w.coordinator, nomination=nomination, accept=True, reason="Sopii hyvin"
    )
    assert decided_nomination.status == Nomination.Status.ACCEPTED
    invitation = Invitation.objects.get(email="kehittaja@example.test")
    assert invitation.process == process and invitation.role == Membership.Role.CLIENT_REPRESENTATIVE
    assert decided_nomination.invitation == invitation


def test_decline_needs_reason_and_decides_once():
    w = world(1)
    call = _call(w)
    nomination = calls.nomination_add(
        actor=w.reps[0], call=call, member=w.members[0], full_name="A", email="a@example.test"
    )
    with pytest.raises(DomainError):
        calls.nomination_decide(actor=w.coordinator, nomination=nomination, accept=False, reason="")
    with pytest.raises(PermissionDenied):
        calls.nomination_decide(actor=w.reps[0], nomination=nomination, accept=False, reason="x")
    calls.nomination_decide(
        actor=w.coordinator, nomination=nomination, accept=False, reason="Ryhmä on täynnä"
    )
    with pytest.raises(ConflictError):
        calls.nomination_decide(actor=w.coordinator, nomination=nomination, accept=True, reason="x")


def test_accept_needs_developer_group_coordination():
    w = world(1)
    decision, chair = decided()
    process = codev_services.process_open_from_decision(actor=chair, decision=decision)
    call = _call(w, process)
    nomination = calls.nomination_add(
        actor=w.reps[0], call=call, member=w.members[0], full_name="A", email="a@example.test"
    )
    with pytest.raises(DomainError) as exc:
        calls.nomination_decide(actor=w.coordinator, nomination=nomination, accept=True, reason="x")
    assert exc.value.code == "cannot_invite"


def test_call_rules_and_closing():
    w = world(1)
    with pytest.raises(PermissionDenied):
        calls.call_create(
            actor=w.reps[0],
            network=w.network,
            title="T",
            description="D",
            how_many=1,
            deadline=timezone.localdate(),
        )
    with pytest.raises(DomainError):
        calls.call_create(
            actor=w.coordinator,
            network=w.network,
            title="T",
            description="D",
            how_many=1,
            deadline=timezone.localdate() - timedelta(days=1),
        )
    call = _call(w)
    with pytest.raises(PermissionDenied):
        calls.nomination_add(
            actor=w.outsider, call=call, member=w.members[0], full_name="A", email="a@example.test"
        )
    calls.call_close(actor=w.coordinator, call=call)
    with pytest.raises(ConflictError):
        calls.nomination_add(
            actor=w.reps[0], call=call, member=w.members[0], full_name="A", email="a@example.test"
        )
    with pytest.raises(ConflictError):
        calls.call_close(actor=w.coordinator, call=call)


def test_glossary_change_proposed_by_member_approved_by_coordinator_with_history():
    w = world(1)
    change = glossary.term_change_propose(
        actor=w.reps[0], network=w.network, term_fi="Osallisuus", meaning_fi="Mukana olo"
    )
    with pytest.raises(PermissionDenied):
        glossary.term_change_decide(actor=w.facilitator, change=change, approve=True)
    glossary.term_change_decide(actor=w.coordinator, change=change, approve=True)
    term = w.network.terms.get()
    edit = glossary.term_change_propose(
        actor=w.reps[0],
        network=w.network,
        term=term,
        term_fi="Osallisuus",
        meaning_fi="Vaikuttaminen",
        meaning_sv="Delaktighet",
    )
    glossary.term_change_decide(actor=w.coordinator, change=edit, approve=True)
    term.refresh_from_db()
    assert term.meaning_fi == "Vaikuttaminen" and term.changes.count() == 2
    with pytest.raises(ConflictError):
        glossary.term_change_decide(actor=w.coordinator, change=edit, approve=False)
    with pytest.raises(PermissionDenied):
        glossary.term_change_propose(actor=w.outsider, network=w.network, term_fi="X", meaning_fi="Y")
