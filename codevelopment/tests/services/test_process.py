from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DevelopmentProcess, Hypothesis, WorkLogEntry
from codevelopment.tests.factories import decided
from core.errors import ConflictError, DomainError
from core.models import AuditEvent
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened():
    decision, chair = decided()
    return services.process_open_from_decision(actor=chair, decision=decision), chair


def test_open_creates_working_group_with_actor_as_coordinator(opened):
    process, chair = opened
    group = process.group
    assert group.kind == Group.Kind.WORKING_GROUP
    assert group.level == Group.Level.LOCAL
    assert group.name.startswith("Developer group:") or group.name.startswith("Kehittäjäryhmä:")
    assert Membership.objects.filter(group=group, user=chair, role=Membership.Role.COORDINATOR).exists()
    assert process.scope == "local" and not process.is_learning_network
    assert WorkLogEntry.objects.filter(process=process).count() == 1
    assert AuditEvent.objects.filter(action="codevelopment.process_open").exists()


def test_open_twice_conflict(opened):
    process, chair = opened
    with pytest.raises(ConflictError):
        services.process_open_from_decision(actor=chair, decision=process.decision)


def test_open_wrong_decision_kind_refused():
    decision, chair = decided(kind="information")
    with pytest.raises(DomainError):
        services.process_open_from_decision(actor=chair, decision=decision)
    assert not DevelopmentProcess.objects.exists()


def test_open_without_role_denied():
    decision, _chair = decided()
    with pytest.raises(PermissionDenied):
        services.process_open_from_decision(actor=UserFactory(), decision=decision)


def test_open_by_responsible_person_and_county_scope_learning_network():
    person = UserFactory()
    decision, _chair = decided(scope="county", responsible_users=[person])
    process = services.process_open_from_decision(actor=person, decision=decision, name="Oma ryhmä")
    assert process.group.name == "Oma ryhmä"
    assert process.group.level == Group.Level.COUNTY
    assert process.is_learning_network


def test_open_by_staff_with_existing_group():
    decision, _chair = decided()
    existing = GroupFactory()
    admin = UserFactory(staff=True)
    process = services.process_open_from_decision(actor=admin, decision=decision, group=existing)
    assert process.group == existing


def test_open_existing_group_not_visible_refused():
    decision, chair = decided()
    person = UserFactory()
    decision.responsible_users.add(person)
    MembershipFactory(user=person, role=Membership.Role.CLIENT_REPRESENTATIVE)
    other = GroupFactory()
    with pytest.raises(DomainError):
        services.process_open_from_decision(actor=person, decision=decision, group=other)


def test_update_and_items_write_log(opened):
    process, chair = opened
    services.process_update(actor=chair, process=process, core_question="Miksi?", working_method="Erätauko")
    milestone = services.milestone_add(actor=chair, process=process, title="Kartoitus valmis")
    services.milestone_complete(actor=chair, milestone=milestone)
    hypothesis = services.hypothesis_add(actor=chair, process=process, statement="Paikat eivät riitä")
    services.hypothesis_set_status(actor=chair, hypothesis=hypothesis, status=Hypothesis.Status.SUPPORTED)
    services.root_cause_add(actor=chair, process=process, text="Resurssit")
    services.member_add(actor=chair, process=process, user=UserFactory(), role=Membership.Role.FACILITATOR)
    process.refresh_from_db()
    milestone.refresh_from_db()
    hypothesis.refresh_from_db()
    assert process.core_question == "Miksi?"
    assert milestone.done_at is not None
    assert hypothesis.status == "supported"
    assert WorkLogEntry.objects.filter(process=process).count() == 8


def test_milestone_complete_twice_conflict(opened):
    process, chair = opened
    milestone = services.milestone_add(actor=chair, process=process, title="A")
    services.milestone_complete(actor=chair, milestone=milestone)
    with pytest.raises(ConflictError):
        services.milestone_complete(actor=chair, milestone=milestone)


def test_empty_texts_refused(opened):
    process, chair = opened
    with pytest.raises(DomainError):
        services.milestone_add(actor=chair, process=process, title="  ")
    with pytest.raises(DomainError):
        services.hypothesis_add(actor=chair, process=process, statement="")
    with pytest.raises(DomainError):
        services.root_cause_add(actor=chair, process=process, text="")


def test_hypothesis_invalid_or_same_status_refused(opened):
    process, chair = opened
    hypothesis = services.hypothesis_add(actor=chair, process=process, statement="H")
    with pytest.raises(DomainError):
        services.hypothesis_set_status(actor=chair, hypothesis=hypothesis, status="bogus")
    with pytest.raises(ConflictError):
        services.hypothesis_set_status(actor=chair, hypothesis=hypothesis, status="open")


def test_member_add_invalid_role_and_duplicate(opened):
    process, chair = opened
    person = UserFactory()
    with pytest.raises(DomainError):
        services.member_add(actor=chair, process=process, user=person, role=Membership.Role.CHAIR)
    services.member_add(actor=chair, process=process, user=person, role=Membership.Role.MEMBER)
    with pytest.raises(ConflictError):
        services.member_add(actor=chair, process=process, user=person, role=Membership.Role.MEMBER)


@pytest.mark.parametrize("role", [None, Membership.Role.MEMBER, Membership.Role.CLIENT_REPRESENTATIVE])
def test_edits_denied_without_editor_role(opened, role):
    process, _chair = opened
    user = UserFactory()
    if role:
        MembershipFactory(group=process.group, user=user, role=role)
    with pytest.raises(PermissionDenied):
        services.process_update(actor=user, process=process, core_question="x", working_method="y")
    with pytest.raises(PermissionDenied):
        services.milestone_add(actor=user, process=process, title="x")
    with pytest.raises(PermissionDenied):
        services.hypothesis_add(actor=user, process=process, statement="x")
    with pytest.raises(PermissionDenied):
        services.root_cause_add(actor=user, process=process, text="x")
    with pytest.raises(PermissionDenied):
        services.member_add(actor=user, process=process, user=user, role=Membership.Role.COORDINATOR)


def test_facilitator_may_edit(opened):
    process, _chair = opened
    facilitator = MembershipFactory(group=process.group, role=Membership.Role.FACILITATOR).user
    services.root_cause_add(actor=facilitator, process=process, text="Syy")


def test_closed_process_refuses_edits(opened):
    process, chair = opened
    DevelopmentProcess.objects.filter(pk=process.pk).update(
        stage=DevelopmentProcess.Stage.CLOSED, closed_at=timezone.now()
    )
    with pytest.raises(ConflictError):
        services.root_cause_add(actor=chair, process=process, text="Syy")
