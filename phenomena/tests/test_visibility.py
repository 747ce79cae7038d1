"""Who reads a phenomenon: one rule in Phenomenon.visible_to, which the initiative page follows too. The
members of a group that handles or decided an initiative read its phenomenon; a limited (client
representative) account reads none, not even its analysis through an initiative's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena.models import Decision, Initiative, Phenomenon, PhenomenonObservation
from phenomena.tests.factories import InitiativeFactory, PhenomenonFactory

pytestmark = pytest.mark.django_db

ANALYSIS = "Iltapäivätoiminnan paikat eivät riitä kolmasluokkalaisille."


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"phenomena:{name}", args=args)


@pytest.fixture
def county(network):
    group = GroupFactory(
        name="Maakunnallinen ohjausryhmä",
        kind=Group.Kind.COUNTY_STEERING,
        level=Group.Level.COUNTY,
        family_centre=None,
    )
    chair = MembershipFactory(group=group, role=Membership.Role.CHAIR).user
    rep = MembershipFactory(group=group, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    phenomenon = PhenomenonFactory(
        family_centre=network.other_centre,
        status=Phenomenon.Status.INITIATIVE_MADE,
        analysis_understanding=ANALYSIS,
    )
    initiative = InitiativeFactory(phenomenon=phenomenon, group=group)
    return group, chair, rep, phenomenon, initiative


def test_chair_of_deciding_group_reads_the_phenomenon(client, county):
    group, chair, _rep, phenomenon, initiative = county
    Decision.objects.create(
        initiative=initiative,
        group=group,
        year=timezone.now().year,
        number=1,
        kind=Decision.Kind.INFORMATION,
        reasons="Merkitään tiedoksi.",
    )
    initiative.status = Initiative.Status.DECIDED
    initiative.group = None
    initiative.other_body = "muu"
    initiative.save()
    assert Phenomenon.objects.visible_to(chair).filter(pk=phenomenon.pk).exists()
    client.force_login(chair)
    assert client.get(url("detail", phenomenon.pk)).status_code == 200


def test_member_of_group_handling_the_initiative_reads_the_phenomenon(client, county):
    _group, chair, _rep, phenomenon, initiative = county
    client.force_login(chair)
    assert client.get(url("detail", phenomenon.pk)).status_code == 200
    body = client.get(url("initiative_detail", initiative.pk)).content.decode()
    assert ANALYSIS in body


def test_outsider_still_does_not_read_it(client, network, county):
    _group, _chair, _rep, phenomenon, _initiative = county
    client.force_login(network.professional)
    assert client.get(url("detail", phenomenon.pk)).status_code == 404


def test_limited_account_sees_no_analysis_on_initiative_page(client, county):
    _group, _chair, rep, phenomenon, initiative = county
    client.force_login(rep)
    assert client.get(url("detail", phenomenon.pk)).status_code == 404
    response = client.get(url("initiative_detail", initiative.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert ANALYSIS not in body and phenomenon.description not in body


# The observation's page names its phenomena ---------------------------------------------------------


def test_observation_page_names_its_phenomenon_and_leaves_it_out_of_suggestions(client, network):
    from observations.tests.factories import ObservationFactory

    obs = ObservationFactory(
        family_centre=network.centre, area=network.municipality, text="Nuoret ovat yksinäisiä iltaisin"
    )
    linked = PhenomenonFactory(
        family_centre=network.centre, title="Nuorten yksinäisyys iltaisin", status=Phenomenon.Status.DRAFT
    )
    PhenomenonObservation.objects.create(phenomenon=linked, observation=obs)
    client.force_login(network.collector)
    with translation.override("en"):
        body = client.get(obs.get_absolute_url()).content.decode()
    assert "This observation belongs to the phenomenon" in body
    assert "Nuorten yksinäisyys iltaisin" in body
    assert "No open phenomenon shares" not in body
    assert url("link", linked.pk, obs.pk) not in body


def test_observation_page_held_observation_cannot_be_linked(client, network):
    from observations.tests.factories import ObservationFactory

    PhenomenonFactory(
        family_centre=network.centre, title="Ruutuaika iltaisin", status=Phenomenon.Status.DRAFT
    )
    obs = ObservationFactory(
        family_centre=network.centre,
        area=network.municipality,
        text="Ruutuaika iltaisin, soittakaa 040 123 4567",
        held=True,
        held_reasons=["phone"],
    )
    client.force_login(network.collector)
    with translation.override("en"):
        body = client.get(obs.get_absolute_url()).content.decode()
    assert "/link/" not in body
    assert "only after a collector has redacted it" in body


def test_link_service_refuses_held_observation(client, network):
    from core.errors import DomainError
    from observations.tests.factories import ObservationFactory
    from phenomena import services

    phenomenon = PhenomenonFactory(family_centre=network.centre, status=Phenomenon.Status.DRAFT)
    obs = ObservationFactory(
        family_centre=network.centre,
        area=network.municipality,
        text="soittakaa 040 123 4567",
        held=True,
        held_reasons=["phone"],
    )
    with pytest.raises(DomainError) as refused:
        services.phenomenon_observations_add(
            actor=network.collector, phenomenon=phenomenon, observation_ids=[obs.pk]
        )
    assert refused.value.code == "observation_held"
    assert not PhenomenonObservation.objects.filter(observation=obs).exists()
    client.force_login(network.collector)
    response = client.post(url("link", phenomenon.pk, obs.pk), follow=True)
    assert "Redact it first" in response.content.decode() or response.status_code in (400, 409)
    assert not PhenomenonObservation.objects.filter(observation=obs).exists()


def test_each_way_of_seeing_finds_its_phenomenon_and_nothing_else(network):
    """visible_to unites one look-up per way of seeing: each of them, and only they, admit a phenomenon."""
    from phenomena.models import AnalysisContributor

    user, team, other = network.professional, network.team, network.other_centre
    seen = {
        "own centre": PhenomenonFactory(family_centre=network.centre),
        "county level": PhenomenonFactory(family_centre=None),
        "created": PhenomenonFactory(family_centre=other, created_by=user),
        "analyser": PhenomenonFactory(family_centre=other, analyser_user=user),
        "analysing team": PhenomenonFactory(family_centre=other, analyser_group=team),
        "invited": PhenomenonFactory(family_centre=other),
        "initiative with the team": InitiativeFactory(
            phenomenon=PhenomenonFactory(family_centre=other), group=team
        ).phenomenon,
        "decided by the team": PhenomenonFactory(family_centre=other),
    }
    AnalysisContributor.objects.create(phenomenon=seen["invited"], user=user)
    initiative = InitiativeFactory(phenomenon=seen["decided by the team"], group=None, other_body="muu")
    Decision.objects.create(
        initiative=initiative,
        group=team,
        year=timezone.now().year,
        number=1,
        kind=Decision.Kind.INFORMATION,
        reasons="Merkitään tiedoksi.",
    )
    hidden = PhenomenonFactory(family_centre=other)
    InitiativeFactory(phenomenon=hidden)  # with another group
    visible = set(Phenomenon.objects.visible_to(user).values_list("pk", flat=True))
    assert visible == {p.pk for p in seen.values()}
    assert Phenomenon.objects.visible_to(user).filter(status=Phenomenon.Status.UNDER_ANALYSIS).count() == 8
