from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from core import finnish
from core.errors import ConflictError, DomainError
from core.models import Notification
from familycentres.tests.factories import MeetingFactory
from phenomena import services as phenomena_services
from phenomena.models import Initiative

from ...models import Proposal
from ...services import proposals
from ..factories import world

pytestmark = pytest.mark.django_db


_DEFAULT = object()


def _submit(w, actor=None, member=_DEFAULT, **kwargs):
    return proposals.proposal_submit(
        actor=actor or w.reps[0],
        network=w.network,
        family_centre=w.centre,
        kind=kwargs.pop("kind", "development"),
        title=kwargs.pop("title", "Nuorten ilta-aukiolo"),
        description=kwargs.pop("description", "Nuoret toivovat iltoja."),
        member=w.members[0] if member is _DEFAULT else member,
        **kwargs,
    )


def test_youth_council_proposal_becomes_initiative_decided_and_feedback_public():
    w = world(1)
    w.members[0].kind = "youth_council"
    w.members[0].save()
    proposal = _submit(w)
    assert proposal.status == Proposal.Status.RECEIVED
    proposal = proposals.proposal_forward(
        actor=w.coordinator,
        proposal=proposal,
        group=w.steering,
        rationale="Verkosto esittää",
        initiative_proposal="codevelopment",
    )
    assert proposal.status == Proposal.Status.FORWARDED
    initiative = proposal.initiative
    assert initiative.group == w.steering and initiative.status == Initiative.Status.SUBMITTED
    meeting = MeetingFactory(group=w.steering, started=True)
    phenomena_services.initiative_put_on_agenda(actor=w.secretary, initiative=initiative, meeting=meeting)
    phenomena_services.decision_record(
        actor=w.secretary,
        initiative=initiative,
        kind="information",
        reasons="Otetaan tiedoksi",
        meeting=meeting,
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECIDED
    assert Notification.objects.filter(verb="influencernet.proposal_decided", recipient=w.reps[0]).exists()
    proposal = proposals.proposal_feedback(actor=w.coordinator, proposal=proposal, feedback="Asia etenee.")
    assert proposal.status == Proposal.Status.FEEDBACK_GIVEN
    from ...selectors.public import proposal_trail

    assert [s["step"] for s in proposal_trail(proposal)] == [
        "received",
        "forwarded",
        "agenda",
        "decision",
        "feedback",
    ]


def test_proposal_submit_rules():
    w = world(2)
    with pytest.raises(PermissionDenied):
        _submit(w, actor=w.outsider)
    with pytest.raises(DomainError):
        _submit(w, actor=w.reps[0], member=w.members[1])
    with pytest.raises(DomainError) as exc:
        _submit(w, description="Yhteys: 040 123 4567")
    assert exc.value.code == "personal_data"
    # The coordinator may propose on the network's own behalf.
    assert _submit(w, actor=w.coordinator, member=None).member is None


def test_forward_rules():
    w = world(1)
    proposal = _submit(w)
    with pytest.raises(PermissionDenied):
        proposals.proposal_forward(
            actor=w.reps[0],
            proposal=proposal,
            group=w.steering,
            rationale="x",
            initiative_proposal="codevelopment",
        )
    with pytest.raises(DomainError):
        proposals.proposal_forward(
            actor=w.coordinator,
            proposal=proposal,
            group=w.network.group,
            rationale="x",
            initiative_proposal="codevelopment",
        )
    with pytest.raises(DomainError):
        proposals.proposal_forward(
            actor=w.coordinator,
            proposal=proposal,
            group=w.steering,
            rationale="",
            initiative_proposal="codevelopment",
        )
    proposals.proposal_forward(
        actor=w.coordinator,
        proposal=proposal,
        group=w.steering,
        rationale="x",
        initiative_proposal="information",
    )
    with pytest.raises(ConflictError):
        proposals.proposal_forward(
            actor=w.coordinator,
            proposal=proposal,
            group=w.steering,
            rationale="x",
            initiative_proposal="information",
        )


def test_feedback_before_decision_refused():
    w = world(1)
    proposal = _submit(w)
    with pytest.raises(ConflictError):
        proposals.proposal_feedback(actor=w.coordinator, proposal=proposal, feedback="x")


@pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko")
def test_proposal_naming_a_person_refused():
    w = world(1)
    with pytest.raises(DomainError) as exc:
        _submit(w, description="Mikolle pitää järjestää oma ilta.")
    assert exc.value.code == "personal_data"
