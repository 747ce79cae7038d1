from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from core.errors import ConflictError, DomainError
from core.models import Notification
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
from observations.models import Observation
from observations.selectors import public_status
from observations.tests.factories import (
    FamilyObservationFactory,
    ObservationFactory,
    centre_with_municipality,
)
from phenomena import services
from phenomena.models import Decision, Initiative, Phenomenon
from phenomena.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Local steering → regional coordination → county steering (top). A local team in the municipality."""
    centre, municipality = centre_with_municipality("Nokia")
    county = GroupFactory(
        name="Maakunnallinen ohjausryhmä", kind=Group.Kind.COUNTY_STEERING, level="county", family_centre=None
    )
    regional = GroupFactory(
        name="Alueellinen koordinaatioryhmä",
        kind=Group.Kind.REGIONAL_COORDINATION,
        level="regional",
        family_centre=None,
        parent=county,
    )
    local = GroupFactory(name="Nokian ohjausryhmä", family_centre=centre, parent=regional)
    team = GroupFactory(
        name="Nokian tiimi", kind=Group.Kind.LOCAL_TEAM, family_centre=centre, area=municipality
    )
    people = {
        "collector": MembershipFactory(group=local, role=Membership.Role.COLLECTOR).user,
        "local_secretary": MembershipFactory(group=local, role=Membership.Role.SECRETARY).user,
        "local_member": MembershipFactory(group=local, role=Membership.Role.MEMBER).user,
        "regional_chair": MembershipFactory(group=regional, role=Membership.Role.CHAIR).user,
        "county_chair": MembershipFactory(group=county, role=Membership.Role.CHAIR).user,
        "team_member": MembershipFactory(group=team, role=Membership.Role.MEMBER).user,
    }
    return (
        centre,
        municipality,
        {"local": local, "regional": regional, "county": county, "team": team},
        people,
    )


def test_full_chain_to_county_decision_with_feedback(chain, django_capture_on_commit_callbacks):
    from django.core import mail

    centre, municipality, groups, people = chain
    obs = ObservationFactory(family_centre=centre, area=municipality)
    family = FamilyObservationFactory(
        family_centre=centre, area=municipality, contact_email="perhe@example.test"
    )
    ph = services.phenomenon_create(
        actor=people["collector"],
        title="Nuorten yksinäisyys",
        description="Monet havainnot",
        kind="concern",
        scale="county",
        analyser_kind="team",
        observation_ids=[obs.pk, family.pk],
    )
    assert ph.family_centre == centre and ph.observations.count() == 2
    assert public_status(family)["step"] == "phenomenon"
    initiative = services.initiative_create(
        actor=people["collector"],
        phenomenon=ph,
        proposal="codevelopment",
        rationale="Koskee koko maakuntaa",
        group=groups["local"],
    )
    meeting = MeetingFactory(group=groups["local"], started=True)
    services.initiative_put_on_agenda(actor=people["local_member"], initiative=initiative, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        d1 = services.decision_record(
            actor=people["local_secretary"],
            initiative=initiative,
            kind="forward",
            reasons="Laajempi kuin paikallinen asia",
            meeting=meeting,
        )
    initiative.refresh_from_db()
    assert (
        d1.forwarded_to == groups["regional"]
        and initiative.group == groups["regional"]
        and initiative.status == "submitted"
    )
    d2 = services.decision_record(
        actor=people["regional_chair"], initiative=initiative, kind="forward", reasons="Maakunnallinen"
    )
    assert d2.forwarded_to == groups["county"]
    with django_capture_on_commit_callbacks(execute=True):
        d3 = services.decision_record(
            actor=people["county_chair"],
            initiative=initiative,
            kind="start_codevelopment",
            reasons="Käynnistetään",
            scope="county",
            responsible_progress="Perhekeskuskoordinaattori",
            responsible_users=[people["county_chair"]],
        )
    initiative.refresh_from_db()
    assert initiative.status == "decided" and d3.label == f"1/{d3.year}"
    status = public_status(family)
    assert status["step"] == "decided" and status["decision"] == d3
    assert Notification.objects.filter(recipient=obs.author, verb="decision").count() == 3
    # The team of the observations' area hears of each step: on the agenda, two forwards and the decision.
    team_verbs = list(
        Notification.objects.filter(recipient=people["team_member"])
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert team_verbs == [
        "initiative.on_agenda",
        "initiative.forwarded",
        "initiative.forwarded",
        "initiative.decided",
    ]
    assert any("perhe@example.test" in m.to for m in mail.outbox)


def test_forward_above_top_level_rejected(chain):
    _c, _m, groups, people = chain
    initiative = InitiativeFactory(group=groups["county"])
    with pytest.raises(DomainError):
        services.decision_record(
            actor=people["county_chair"], initiative=initiative, kind="forward", reasons="x"
        )
    assert not Decision.objects.exists()


def test_deciding_twice_and_without_role(chain):
    _c, _m, groups, people = chain
    initiative = InitiativeFactory(group=groups["local"])
    with pytest.raises(PermissionDenied):
        services.decision_record(
            actor=people["local_member"], initiative=initiative, kind="information", reasons="x"
        )
    services.decision_record(
        actor=people["local_secretary"], initiative=initiative, kind="information", reasons="Tiedoksi"
    )
    with pytest.raises(ConflictError):
        services.decision_record(
            actor=people["local_secretary"], initiative=initiative, kind="reject", reasons="y"
        )
    assert Decision.objects.count() == 1


def test_deciding_withdrawn_initiative_rejected(chain):
    _c, _m, groups, people = chain
    initiative = InitiativeFactory(group=groups["local"], created_by=people["collector"])
    services.initiative_withdraw(actor=people["collector"], initiative=initiative)
    with pytest.raises(ConflictError):
        services.decision_record(
            actor=people["local_secretary"], initiative=initiative, kind="information", reasons="x"
        )


def test_codevelopment_needs_scope_and_responsible(chain):
    _c, _m, groups, people = chain
    initiative = InitiativeFactory(group=groups["local"])
    with pytest.raises(DomainError):
        services.decision_record(
            actor=people["local_secretary"], initiative=initiative, kind="start_codevelopment", reasons="x"
        )
    with pytest.raises(DomainError):
        services.decision_record(
            actor=people["local_secretary"],
            initiative=initiative,
            kind="start_codevelopment",
            reasons="x",
            scope="local",
        )
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.SUBMITTED


def test_decision_numbers_run_per_group_and_year(chain):
    _c, _m, groups, people = chain
    labels = []
    for _ in range(3):
        initiative = InitiativeFactory(group=groups["local"])
        labels.append(
            services.decision_record(
                actor=people["local_secretary"], initiative=initiative, kind="information", reasons="x"
            ).number
        )
    assert labels == [1, 2, 3]


def test_agenda_only_by_members_of_the_group(chain):
    _c, _m, groups, people = chain
    initiative = InitiativeFactory(group=groups["local"])
    meeting = MeetingFactory(group=groups["local"])
    with pytest.raises(PermissionDenied):
        services.initiative_put_on_agenda(actor=people["team_member"], initiative=initiative, meeting=meeting)
    other_meeting = MeetingFactory(group=groups["regional"])
    with pytest.raises(DomainError):
        services.initiative_put_on_agenda(
            actor=people["local_member"], initiative=initiative, meeting=other_meeting
        )
    entry = services.initiative_put_on_agenda(
        actor=people["local_member"], initiative=initiative, meeting=meeting
    )
    assert entry.agenda_item.meeting == meeting
    with pytest.raises(ConflictError):
        services.initiative_put_on_agenda(
            actor=people["local_member"], initiative=initiative, meeting=meeting
        )


def test_phenomenon_states(chain):
    centre, _m, groups, people = chain
    ph = services.phenomenon_create(
        actor=people["collector"],
        title="Arjen ilo",
        description="",
        kind="positive",
        scale="local_area",
        analyser_kind="person",
    )
    services.phenomenon_start_analysis(actor=people["collector"], phenomenon=ph)
    with pytest.raises(ConflictError):
        services.phenomenon_start_analysis(actor=people["collector"], phenomenon=ph)
    with pytest.raises(DomainError):
        services.phenomenon_close(actor=people["collector"], phenomenon=ph, reason="")
    services.phenomenon_close(actor=people["collector"], phenomenon=ph, reason="Ei vaadi toimia")
    ph.refresh_from_db()
    assert ph.status == Phenomenon.Status.CLOSED
    with pytest.raises(ConflictError):
        services.initiative_create(
            actor=people["collector"],
            phenomenon=ph,
            proposal="information",
            rationale="x",
            group=groups["local"],
        )


def test_phenomenon_rejects_invisible_observations(chain):
    _c, _m, _g, people = chain
    hidden = ObservationFactory()  # another centre
    with pytest.raises(DomainError):
        services.phenomenon_create(
            actor=people["team_member"],
            title="x",
            description="",
            kind="concern",
            scale="local_area",
            analyser_kind="person",
            observation_ids=[hidden.pk],
        )


def test_edit_rights(chain):
    _c, _m, _g, people = chain
    ph = services.phenomenon_create(
        actor=people["team_member"],
        title="x",
        description="",
        kind="concern",
        scale="local_area",
        analyser_kind="person",
    )
    with pytest.raises(PermissionDenied):
        services.phenomenon_update(actor=people["local_member"], phenomenon=ph, title="y")
    services.phenomenon_update(
        actor=people["team_member"], phenomenon=ph, title="Uusi otsikko", analysis_root_causes="Juurisyy"
    )
    ph.refresh_from_db()
    assert ph.title == "Uusi otsikko"
    assert Observation.objects.count() == 0
