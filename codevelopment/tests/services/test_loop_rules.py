"""Root causes first, and the reach of surveys and dialogues before a proposal is sent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from codevelopment import services
from codevelopment.models import DevelopmentProcess, DialogueRecord, Survey
from codevelopment.tests import lifecycle_data as h
from codevelopment.tests.factories import DialogueRecordFactory, SurveyFactory
from core.errors import DomainError
from core.models import AuditEvent
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
Stage = DevelopmentProcess.Stage


def _member(process):
    return MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user


# Root causes first ---------------------------------------------------------------------------------------


def test_no_designing_without_root_causes():
    process = h.opened()
    with translation.override("en"), pytest.raises(DomainError) as caught:
        services.process_advance(actor=process.chair, process=process, stage="designing")
    assert caught.value.code == "root_causes_missing"
    assert "Root causes" in caught.value.message
    process.refresh_from_db()
    assert process.stage == Stage.UNDERSTANDING


def test_no_proposal_draft_without_root_causes():
    process = h.opened()
    with pytest.raises(DomainError) as caught:
        services.proposal_save(actor=process.chair, process=process, solutions="a", plan="b", measurement="c")
    assert caught.value.code == "root_causes_missing"
    assert not process.proposals.exists()


def test_a_recorded_reason_lets_the_group_go_on_and_is_audited():
    process = h.opened()
    services.root_causes_skip(
        actor=process.chair, process=process, reason="Juurisyyt selvitettiin jo edellisessä ryhmässä."
    )
    process.refresh_from_db()
    assert process.no_root_causes_reason.startswith("Juurisyyt selvitettiin")
    event = AuditEvent.objects.get(action="codevelopment.root_causes_skip")
    assert event.after["no_root_causes_reason"].startswith("Juurisyyt")
    services.process_advance(actor=process.chair, process=process, stage="designing")
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING


def test_reason_must_be_written_and_only_editors_write_it():
    process = h.opened()
    with pytest.raises(DomainError) as caught:
        services.root_causes_skip(actor=process.chair, process=process, reason=" \x00 ")
    assert caught.value.code == "reason_required"
    with pytest.raises(PermissionDenied):
        services.root_causes_skip(actor=_member(process), process=process, reason="Syy")


# Reach ---------------------------------------------------------------------------------------------------


def test_proposal_is_not_sent_without_any_recorded_reach():
    process = h.drafted()
    with translation.override("en"), pytest.raises(DomainError) as caught:
        services.proposal_send(actor=process.chair, process=process)
    assert caught.value.code == "reach_missing"
    assert "vulnerable children, young people and families" in caught.value.message
    process.refresh_from_db()
    assert process.stage == Stage.DESIGNING
    assert not process.proposals.filter(sent_at__isnull=False).exists()


def test_every_dialogue_and_opened_survey_needs_its_reach():
    process = h.reached(h.drafted())
    DialogueRecordFactory(process=process, question="Mitä kuuluu iltaisin?")
    SurveyFactory(process=process, title="Luonnoskysely")  # a draft survey never ran: not asked
    with pytest.raises(DomainError) as caught:
        services.proposal_send(actor=process.chair, process=process)
    assert "Mitä kuuluu iltaisin?" in caught.value.message
    assert "Luonnoskysely" not in caught.value.message
    opened = SurveyFactory(process=process, title="Avoin kysely", status=Survey.Status.OPEN)
    dialogue = DialogueRecord.objects.get(process=process, question="Mitä kuuluu iltaisin?")
    services.reach_record(actor=process.chair, record=dialogue, **h.REACH)
    with pytest.raises(DomainError) as caught:
        services.proposal_send(actor=process.chair, process=process)
    assert "Avoin kysely" in caught.value.message
    services.reach_record(actor=process.chair, record=opened, **{**h.REACH, "channel": "online"})
    proposal = services.proposal_send(actor=process.chair, process=process)
    # The steering group reads whom the group reached in the initiative.
    assert "Ekaluokkalaisten vanhemmat" in proposal.initiative.rationale
    assert "Koulukuraattori kutsui" in proposal.initiative.rationale


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"target_group": ""}, "target_group_required"),
        ({"channel": "pigeon"}, "channel_required"),
        ({"environment": " "}, "environment_required"),
        ({"vulnerable_reached": ""}, "vulnerable_required"),
        ({"vulnerable_how": ""}, "vulnerable_how_required"),
        (
            {"vulnerable_how": "Soitin Maija Meikäläiselle numeroon 040 1234567."},
            "vulnerable_how_personal_data",
        ),
    ],
)
def test_reach_needs_every_part_and_no_personal_data(change, code):
    process = h.understood()
    dialogue = DialogueRecordFactory(process=process)
    with pytest.raises(DomainError) as caught:
        services.reach_record(actor=process.chair, record=dialogue, **{**h.REACH, **change})
    assert caught.value.code == code
    dialogue.refresh_from_db()
    assert not dialogue.reach_recorded


def test_reach_is_audited_and_only_editors_record_it():
    process = h.understood()
    dialogue = DialogueRecordFactory(process=process)
    with pytest.raises(PermissionDenied):
        services.reach_record(actor=_member(process), record=dialogue, **h.REACH)
    services.reach_record(actor=process.chair, record=dialogue, **h.REACH)
    dialogue.refresh_from_db()
    assert dialogue.reach_recorded and dialogue.vulnerable_reached == "partly"
    event = AuditEvent.objects.get(action="codevelopment.reach_record")
    assert event.after["target_group"] == "Ekaluokkalaisten vanhemmat"


def test_dialogue_with_half_a_reach_is_refused():
    process = h.understood()
    with pytest.raises(DomainError) as caught:
        services.dialogue_add(
            actor=process.chair,
            process=process,
            method="eratauko",
            held_on=h.datetime.date(2026, 9, 1),
            question="Kysymys",
            participants="vanhemmat",
            heard="Kuultiin",
            reach={"target_group": "Vanhemmat"},
        )
    assert caught.value.code == "channel_required"
    assert not process.dialogues.exists()
