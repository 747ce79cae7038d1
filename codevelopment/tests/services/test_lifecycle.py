"""Stages, the proposal to the steering group and its decision, and closing: services and pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DevelopmentProcess, Proposal, StageChange, WorkLogEntry
from codevelopment.selectors.lifecycle import next_manual_stage
from codevelopment.tests import lifecycle_data as h
from core.errors import ConflictError, DomainError
from core.models import Notification
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory
from phenomena import services as phenomena_services
from phenomena.models import Decision, Initiative

pytestmark = pytest.mark.django_db
Stage = DevelopmentProcess.Stage


def _stages(process):
    return list(StageChange.objects.filter(process=process).values_list("stage", flat=True))


def _member(process, role=Membership.Role.MEMBER):
    return MembershipFactory(group=process.group, role=role).user


# Stages --------------------------------------------------------------------------------------------------


def test_opening_writes_the_first_stage_change():
    process = h.opened()
    assert _stages(process) == ["understanding"]


def test_advance_to_designing_writes_change_log_and_audit():
    from core.models import AuditEvent

    process = h.understood()
    lines = WorkLogEntry.objects.filter(process=process).count()
    services.process_advance(actor=process.chair, process=process, stage="designing")
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING
    assert _stages(process) == ["understanding", "designing"]
    assert WorkLogEntry.objects.filter(process=process).count() == lines + 1
    assert AuditEvent.objects.filter(action="codevelopment.process_advance").exists()


def test_facilitator_advances_but_member_does_not():
    process = h.understood()
    with pytest.raises(PermissionDenied):
        services.process_advance(actor=_member(process), process=process, stage="designing")
    facilitator = _member(process, Membership.Role.FACILITATOR)
    services.process_advance(actor=facilitator, process=process, stage="designing")
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING


@pytest.mark.parametrize("stage", ["proposal", "implementation", "follow_up", "closed", "understanding", "x"])
def test_illegal_jumps_from_understanding_conflict(stage):
    process = h.opened()
    with pytest.raises(ConflictError):
        services.process_advance(actor=process.chair, process=process, stage=stage)
    process.refresh_from_db()
    assert process.stage == Stage.UNDERSTANDING
    assert _stages(process) == ["understanding"]


def test_designing_cannot_jump_to_implementation():
    process = h.designing()
    with pytest.raises(ConflictError):
        services.process_advance(actor=process.chair, process=process, stage="implementation")


def test_follow_up_owner_moves_implementation_to_follow_up():
    process = h.implementing()
    services.process_advance(actor=process.owner, process=process, stage="follow_up")
    process.refresh_from_db()
    assert process.stage == Stage.FOLLOW_UP


def test_withdrawn_proposal_lets_the_group_go_back_to_designing():
    process = h.sent()
    with pytest.raises(ConflictError):
        services.process_advance(actor=process.chair, process=process, stage="designing")
    phenomena_services.initiative_withdraw(actor=process.chair, initiative=process.proposal.initiative)
    assert next_manual_stage(process.chair, process) == Stage.DESIGNING
    services.process_advance(actor=process.chair, process=process, stage="designing")
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING


# Proposal ------------------------------------------------------------------------------------------------


def test_proposal_draft_is_edited_while_unsent():
    process = h.drafted()
    services.proposal_save(
        actor=process.chair, process=process, solutions="Uusi", plan="Suunnitelma", measurement="Mittari"
    )
    assert Proposal.objects.filter(process=process).count() == 1
    assert Proposal.objects.get(process=process).solutions == "Uusi"


def test_proposal_requires_all_parts():
    process = h.designing()
    with pytest.raises(DomainError):
        services.proposal_save(actor=process.chair, process=process, solutions="x", plan=" ", measurement="y")


def test_member_cannot_write_a_proposal():
    process = h.designing()
    with pytest.raises(PermissionDenied):
        services.proposal_save(
            actor=_member(process), process=process, solutions="a", plan="b", measurement="c"
        )


def test_send_makes_an_implementation_initiative_for_the_deciding_group():
    process = h.sent()
    proposal = process.proposal
    initiative = proposal.initiative
    assert proposal.sent_at is not None
    assert initiative.proposal == Initiative.Proposal.IMPLEMENTATION
    assert initiative.group == process.decision.group
    assert initiative.phenomenon == process.phenomenon
    assert initiative.status == Initiative.Status.SUBMITTED
    assert "Iltapäiväkerho koululle." in initiative.rationale
    assert process.stage == Stage.PROPOSAL
    assert _stages(process)[-1] == "proposal"


def test_send_notifies_chair_and_secretary():
    process = h.reached(h.drafted())
    secretary = MembershipFactory(group=process.decision.group, role=Membership.Role.SECRETARY).user
    services.proposal_send(actor=process.chair, process=process)
    assert Notification.objects.filter(recipient=secretary, verb="codevelopment.proposal").exists()


def test_send_needs_designing_and_a_draft():
    process = h.understood()
    services.proposal_save(actor=process.chair, process=process, solutions="a", plan="b", measurement="c")
    with pytest.raises(ConflictError):
        services.proposal_send(actor=process.chair, process=process)
    process = h.designing()
    with pytest.raises(DomainError):
        services.proposal_send(actor=process.chair, process=process)
    process = h.sent()
    with pytest.raises(ConflictError):
        services.proposal_send(actor=process.chair, process=process)


# The decision --------------------------------------------------------------------------------------------


def test_approval_starts_implementation_with_the_follow_up_owner():
    process = h.implementing()
    assert process.stage == Stage.IMPLEMENTATION
    assert process.follow_up_owner == process.owner
    assert _stages(process)[-1] == "implementation"
    assert Notification.objects.filter(recipient=process.owner, verb="codevelopment.approved").exists()
    decision = Decision.objects.get(initiative=process.proposals.get().initiative)
    assert decision.follow_up_owner == process.owner


def test_the_developer_group_hears_of_the_decision_on_its_proposal_in_each_members_language():
    process = h.sent()
    swedish = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    swedish.language = "sv"
    swedish.save(update_fields=["language"])
    process.chair.language = "en"
    process.chair.save(update_fields=["language"])
    phenomena_services.decision_record(
        actor=process.chair, initiative=process.proposal.initiative, kind="reject", reasons="Ei vielä."
    )
    note = Notification.objects.get(recipient=swedish, verb="codevelopment.not_approved")
    assert note.text == f"Förslaget från {process.group.name} godkändes inte: avslås."


@pytest.mark.parametrize("kind", ["reject", "information"])
def test_not_approving_sends_the_group_back_to_designing_for_a_new_proposal(kind):
    process = h.sent()
    phenomena_services.decision_record(
        actor=process.chair, initiative=process.proposal.initiative, kind=kind, reasons="Ei vielä."
    )
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING
    assert process.follow_up_owner is None
    services.proposal_save(actor=process.chair, process=process, solutions="B", plan="B", measurement="B")
    second = services.proposal_send(actor=process.chair, process=process)
    assert Proposal.objects.filter(process=process).count() == 2
    assert second.pk != process.proposal.pk


def test_approval_requires_a_follow_up_owner_among_the_groups():
    process = h.sent()
    initiative = process.proposal.initiative
    with pytest.raises(DomainError):
        phenomena_services.decision_record(
            actor=process.chair, initiative=initiative, kind="approve_implementation", reasons="Ok"
        )
    with pytest.raises(DomainError):
        phenomena_services.decision_record(
            actor=process.chair,
            initiative=initiative,
            kind="approve_implementation",
            reasons="Ok",
            follow_up_owner=UserFactory(),
        )
    process.refresh_from_db()
    assert process.stage == Stage.PROPOSAL


def test_codevelopment_kinds_are_not_for_proposals():
    process = h.sent()
    with pytest.raises(DomainError):
        phenomena_services.decision_record(
            actor=process.chair,
            initiative=process.proposal.initiative,
            kind="start_codevelopment",
            reasons="Ok",
            scope="local",
            responsible_progress="X",
        )


# Closing -------------------------------------------------------------------------------------------------


def test_close_records_owner_summary_and_stage():
    process = h.implementing()
    services.process_close(
        actor=process.chair, process=process, follow_up_owner=process.chair, summary="Valmis."
    )
    process.refresh_from_db()
    assert process.stage == Stage.CLOSED
    assert process.closed_at is not None
    assert process.closing_summary == "Valmis."
    assert process.follow_up_owner == process.chair
    assert _stages(process)[-1] == "closed"
    with pytest.raises(ConflictError):
        services.process_close(
            actor=process.chair, process=process, follow_up_owner=process.chair, summary="x"
        )


def test_close_rules():
    process = h.sent()
    with pytest.raises(ConflictError):
        services.process_close(
            actor=process.chair, process=process, follow_up_owner=process.chair, summary="x"
        )
    process = h.implementing()
    with pytest.raises(PermissionDenied):
        services.process_close(
            actor=process.owner, process=process, follow_up_owner=process.owner, summary="x"
        )
    with pytest.raises(DomainError):
        services.process_close(actor=process.chair, process=process, follow_up_owner=None, summary="x")
    with pytest.raises(DomainError):
        services.process_close(
            actor=process.chair, process=process, follow_up_owner=UserFactory(), summary="x"
        )
    with pytest.raises(DomainError):
        services.process_close(
            actor=process.chair, process=process, follow_up_owner=process.owner, summary=" "
        )
