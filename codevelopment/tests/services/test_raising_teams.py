"""The local team that raised the matter hears of every step of the co-development that follows:
the developer group started, its public updates, the decision on its proposal, the follow-up results."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from codevelopment import services
from codevelopment.tests.factories import decided
from core.models import AuditEvent, Notification
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services as phenomena_services
from phenomena.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def raised():
    """A start-co-development decision on an initiative a local team raised; the team's members."""
    decision, chair = decided()
    team = GroupFactory(
        kind=Group.Kind.LOCAL_TEAM, family_centre=decision.group.family_centre, parent=decision.group
    )
    Initiative.objects.filter(pk=decision.initiative_id).update(raised_by_team=team)
    member = MembershipFactory(group=team, role=Membership.Role.MEMBER).user
    client_rep = MembershipFactory(group=team, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    return decision, chair, team, member, client_rep


def _verbs(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("verb", flat=True))


def test_every_codevelopment_step_tells_the_raising_team_once(raised):
    decision, chair, team, member, client_rep = raised
    process = services.process_open_from_decision(actor=chair, decision=decision)
    services.update_post(
        actor=chair, process=process, title="Sisäinen", body="Vain ryhmälle", is_public=False
    )
    services.update_post(
        actor=chair, process=process, title="Työ alkoi", body="Kokoonnumme syksyllä", is_public=True
    )
    # Root causes first, then the design; a proposal needs a dialogue that reached vulnerable families.
    services.root_cause_add(actor=chair, process=process, text="Kerhopaikkoja on liian vähän.")
    services.dialogue_add(
        actor=chair,
        process=process,
        method="eratauko",
        held_on=timezone.localdate(),
        question="Millainen iltapäivä olisi turvallinen?",
        participants="Vanhempia ja opettajia.",
        heard="Maksuton kerho auttaisi.",
        reach={
            "target_group": "Ekaluokkalaisten vanhemmat",
            "channel": "in_person",
            "environment": "Perhekahvila",
            "vulnerable_reached": "yes",
            "vulnerable_how": "Perhetyö kutsui perheet henkilökohtaisesti.",
        },
    )
    services.process_advance(actor=chair, process=process, stage="designing")
    services.proposal_save(
        actor=chair, process=process, solutions="Kerho", plan="Syksyllä", measurement="Paikat"
    )
    proposal = services.proposal_send(actor=chair, process=process)
    owner = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    phenomena_services.decision_record(
        actor=chair,
        initiative=proposal.initiative,
        kind="approve_implementation",
        reasons="Hyvä ehdotus.",
        follow_up_owner=owner,
    )
    process.refresh_from_db()
    metric = services.metric_add(
        actor=chair,
        process=process,
        name="Kerhopaikat",
        unit="paikkaa",
        baseline=10,
        target=20,
        method="Laskenta",
    )
    point = services.point_schedule(
        actor=chair, metric=metric, due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    services.point_record(actor=owner, point=point, value="15.5", more_development_needed=False)

    assert _verbs(member) == [
        "codevelopment.started",
        "codevelopment.update",
        "initiative.proposal_decided",
        "codevelopment.follow_up",
    ]
    texts = list(Notification.objects.filter(recipient=member).order_by("pk").values_list("text", flat=True))
    assert "Työ alkoi" in texts[1] and "Sisäinen" not in " ".join(texts)
    # The number as the member's language writes it (a decimal comma in Finnish), not "15.50".
    assert "Kerhopaikat 15,5 paikkaa" in texts[3]
    # SECURITY: the team's client representative hears none of it.
    assert _verbs(client_rep) == []
    # Each step is in the initiative's history.
    events = AuditEvent.objects.filter(action="initiative.teams_told").order_by("pk")
    assert [e.after["event"] for e in events] == [
        "codevelopment.started",
        "codevelopment.update",
        "initiative.proposal_decided",
        "codevelopment.follow_up",
    ]


def test_a_team_member_in_the_developer_group_hears_of_a_public_update_once(raised):
    decision, chair, team, member, _client_rep = raised
    process = services.process_open_from_decision(actor=chair, decision=decision)
    MembershipFactory(group=process.group, user=member, role=Membership.Role.MEMBER)
    services.update_post(actor=chair, process=process, title="Työ alkoi", body="Syksyllä", is_public=True)
    assert _verbs(member).count("codevelopment.update") == 1


def test_no_team_no_notification_and_no_history(raised):
    decision, chair, team, member, _client_rep = raised
    Initiative.objects.filter(pk=decision.initiative_id).update(raised_by_team=None)
    services.process_open_from_decision(actor=chair, decision=decision)
    assert _verbs(member) == []
    assert not AuditEvent.objects.filter(action="initiative.teams_told").exists()
