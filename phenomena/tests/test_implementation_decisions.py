"""The decision on a developer group's proposal to implement: which kinds are offered and allowed, the
follow-up owner, the decision_recorded signal, and how the owner shows in the public register."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.errors import DomainError
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services
from phenomena.models import Decision, Initiative
from phenomena.signals import decision_recorded
from phenomena.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _steering():
    group = GroupFactory()
    chair = MembershipFactory(group=group, role=Membership.Role.CHAIR).user
    return group, chair


def test_approve_implementation_is_refused_for_other_initiatives():
    group, chair = _steering()
    initiative = InitiativeFactory(group=group)
    with pytest.raises(DomainError):
        services.decision_record(
            actor=chair,
            initiative=initiative,
            kind="approve_implementation",
            reasons="x",
            follow_up_owner=chair,
        )
    assert not Decision.objects.exists()


@pytest.mark.parametrize("kind", ["start_codevelopment", "local_action", "forward"])
def test_other_kinds_are_refused_for_implementation_initiatives(kind):
    group, chair = _steering()
    initiative = InitiativeFactory(group=group, proposal=Initiative.Proposal.IMPLEMENTATION)
    with pytest.raises(DomainError):
        services.decision_record(
            actor=chair,
            initiative=initiative,
            kind=kind,
            reasons="x",
            scope="local",
            responsible_progress="X",
            working_group=GroupFactory(),
        )


def test_approval_needs_an_owner_from_the_group():
    group, chair = _steering()
    initiative = InitiativeFactory(group=group, proposal=Initiative.Proposal.IMPLEMENTATION)
    with pytest.raises(DomainError) as missing:
        services.decision_record(
            actor=chair, initiative=initiative, kind="approve_implementation", reasons="x"
        )
    assert missing.value.code == "follow_up_owner_required"
    with pytest.raises(DomainError) as outsider:
        services.decision_record(
            actor=chair,
            initiative=initiative,
            kind="approve_implementation",
            reasons="x",
            follow_up_owner=UserFactory(),
        )
    assert outsider.value.code == "follow_up_owner_invalid"
    decision = services.decision_record(
        actor=chair, initiative=initiative, kind="approve_implementation", reasons="x", follow_up_owner=chair
    )
    assert decision.follow_up_owner == chair


def test_reject_stays_possible_and_drops_an_owner():
    group, chair = _steering()
    initiative = InitiativeFactory(group=group, proposal=Initiative.Proposal.IMPLEMENTATION)
    decision = services.decision_record(
        actor=chair, initiative=initiative, kind="reject", reasons="x", follow_up_owner=chair
    )
    assert decision.follow_up_owner is None


def test_signal_is_sent_inside_the_transaction():
    group, chair = _steering()
    initiative = InitiativeFactory(group=group)
    seen = []

    def receiver(sender, *, decision, actor, **kwargs):
        seen.append((decision.pk, actor.pk))

    decision_recorded.connect(receiver)
    try:
        decision = services.decision_record(
            actor=chair, initiative=initiative, kind="information", reasons="x"
        )
    finally:
        decision_recorded.disconnect(receiver)
    assert seen == [(decision.pk, chair.pk)]


def test_a_failing_receiver_undoes_the_decision():
    group, chair = _steering()
    initiative = InitiativeFactory(group=group)

    def receiver(sender, **kwargs):
        raise DomainError("no", code="no")

    decision_recorded.connect(receiver)
    try:
        with pytest.raises(DomainError):
            services.decision_record(actor=chair, initiative=initiative, kind="information", reasons="x")
    finally:
        decision_recorded.disconnect(receiver)
    assert not Decision.objects.exists()
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.SUBMITTED


def test_decide_form_does_not_offer_approval_for_ordinary_initiatives(client):
    group, chair = _steering()
    initiative = InitiativeFactory(group=group)
    client.force_login(chair)
    response = client.get(reverse("phenomena:decide", args=[initiative.pk]))
    kinds = {v for v, _label in response.context["form"].fields["kind"].choices}
    assert "approve_implementation" not in kinds and "start_codevelopment" in kinds
    response = client.post(
        reverse("phenomena:decide", args=[initiative.pk]),
        {"kind": "approve_implementation", "reasons": "x", "follow_up_owner": chair.pk},
    )
    assert response.status_code == 400


def test_register_names_no_follow_up_owner(client):
    group, chair = _steering()
    chair.full_name = "Paula Puheenjohtaja"
    chair.save()
    initiative = InitiativeFactory(group=group, proposal=Initiative.Proposal.IMPLEMENTATION)
    services.decision_record(
        actor=chair, initiative=initiative, kind="approve_implementation", reasons="x", follow_up_owner=chair
    )
    content = client.get(reverse("phenomena:register")).content.decode()
    assert "Paula Puheenjohtaja" not in content
    assert initiative.phenomenon.title in content


def test_minutes_pdf_and_history_name_the_follow_up_owner(client):
    import subprocess
    import tempfile

    from django.utils import translation

    from familycentres.models import Meeting
    from familycentres.tests.factories import MeetingFactory

    group, chair = _steering()
    owner = MembershipFactory(group=group, role=Membership.Role.MEMBER, user__full_name="Olli Omistaja").user
    initiative = InitiativeFactory(group=group, proposal=Initiative.Proposal.IMPLEMENTATION)
    meeting = MeetingFactory(group=group, started=True)
    services.initiative_put_on_agenda(actor=chair, initiative=initiative, meeting=meeting)
    services.decision_record(
        actor=chair,
        initiative=initiative,
        kind="approve_implementation",
        reasons="Hyväksytään.",
        meeting=meeting,
        follow_up_owner=owner,
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    client.force_login(chair)
    with translation.override("en"):
        minutes = reverse("phenomena:minutes_pdf", args=[meeting.pk])
        detail = reverse("phenomena:initiative_detail", args=[initiative.pk])
    response = client.get(minutes)
    assert response.status_code == 200
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(response.content)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "Olli Omistaja" in text and "Who follows up the implementation" in text
    assert "Olli Omistaja" in client.get(detail).content.decode()
