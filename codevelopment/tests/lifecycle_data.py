"""Processes brought to a given stage through the real services, for the life cycle tests."""

from __future__ import annotations

import datetime

from codevelopment import services
from codevelopment.tests.factories import decided
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory
from phenomena import services as phenomena_services

REACH = {
    "target_group": "Ekaluokkalaisten vanhemmat",
    "channel": "in_person",
    "environment": "Koulun vanhempainilta",
    "vulnerable_reached": "partly",
    "vulnerable_how": "Koulukuraattori kutsui mukaan perheet, jotka eivät tavallisesti tule vanhempainiltoihin.",
}


def opened():
    decision, chair = decided()
    process = services.process_open_from_decision(actor=chair, decision=decision)
    process.chair = chair
    return process


def understood():
    """Opened, with a root cause recorded (root causes come first)."""
    process = opened()
    services.root_cause_add(actor=process.chair, process=process, text="Iltapäivätoimintaa on liian vähän.")
    return process


def reached(process):
    """A dialogue with its reach recorded, so that the process's proposal can be sent."""
    services.dialogue_add(
        actor=process.chair,
        process=process,
        method="eratauko",
        held_on=datetime.date(2026, 9, 1),
        question="Mikä auttaisi iltapäivisin?",
        participants="kuusi vanhempaa",
        heard="Kerhoja toivotaan kouluille.",
        reach=REACH,
    )
    return process


def designing():
    process = understood()
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
    process = reached(drafted())
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
