"""Processes brought to a given stage through the real services, for the life cycle tests."""

from __future__ import annotations

from codevelopment import services
from codevelopment.tests.factories import decided
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory
from phenomena import services as phenomena_services


def opened():
    decision, chair = decided()
    process = services.process_open_from_decision(actor=chair, decision=decision)
    process.chair = chair
    return process


def designing():
    process = opened()
    services.process_advance(actor=process.chair, process=process, stage="designing")
    process.refresh_from_db()
    return process


def drafted():
    process = designing()
    services.proposal_save(
        actor=process.chair,
        process=process,
        solutions="Iltapäiväkerho koululle.",
        plan="Syksyllä kokeilu, keväällä laajennus.",
        measurement="Kerhopaikkojen määrä.",
    )
    return process


def sent():
    process = drafted()
    proposal = services.proposal_send(actor=process.chair, process=process)
    process.refresh_from_db()
    process.proposal = proposal
    return process


def implementing(owner=None):
    process = sent()
    chair = process.chair
    if owner is None:
        owner = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    phenomena_services.decision_record(
        actor=chair,
        initiative=process.proposal.initiative,
        kind="approve_implementation",
        reasons="Hyvä ehdotus.",
        follow_up_owner=owner,
    )
    process.refresh_from_db()
    process.chair = chair
    process.owner = owner
    return process
