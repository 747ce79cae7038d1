"""The named analyser: told when named (a person, or a team's members), reads and writes the analysis,
invites the people the analysis needs; they read the phenomenon and write in its discussion; every step
in the phenomenon's history; every page allowed and denied."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from core.errors import DomainError
from core.models import AuditEvent, Notification
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import analysis_services, services
from phenomena.models import AnalysisContributor, Phenomenon, PhenomenonComment
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"phenomena:{name}", args=args)


@pytest.fixture
def ana(network):
    """A phenomenon of the network's centre, opened by its collector, analysed by a professional of the
    other family centre (who would not otherwise see it)."""
    n = network
    n.analyser = MembershipFactory(group=n.other_group, role=Membership.Role.MEMBER).user
    n.phenomenon = services.phenomenon_create(
        actor=n.collector,
        title="Nuorten yksinäisyys",
        description="Havaintoja iltaisin.",
        kind="concern",
        scale="family_centre_area",
        analyser_kind=Phenomenon.AnalyserKind.PERSON,
        analyser_user=n.analyser,
        family_centre=n.centre,
    )
    return n


def test_named_person_is_notified_once_and_it_is_in_the_history(ana):
    n = ana
    assert Notification.objects.filter(recipient=n.analyser, verb="phenomenon.analyser_named").count() == 1
    # Saving the phenomenon again without changing the analyser tells no one again.
    services.phenomenon_update(
        actor=n.collector, phenomenon=n.phenomenon, title="Nuorten yksinäisyys iltaisin"
    )
    assert Notification.objects.filter(verb="phenomenon.analyser_named").count() == 1
    assert (
        AuditEvent.objects.filter(action="phenomenon.analyser_named", object_id=str(n.phenomenon.pk)).count()
        == 1
    )
    text = Notification.objects.get(recipient=n.analyser).text
    assert "Nuorten yksinäisyys" in text


def test_naming_a_team_notifies_its_professionals_not_its_client_representative(ana):
    n = ana
    services.phenomenon_update(
        actor=n.collector,
        phenomenon=n.phenomenon,
        analyser_kind=Phenomenon.AnalyserKind.TEAM,
        analyser_group=n.team,
    )
    notified = set(
        Notification.objects.filter(verb="phenomenon.analyser_named").values_list("recipient_id", flat=True)
    )
    assert {n.professional.pk, n.colleague.pk, n.analyser.pk} <= notified
    assert n.client_rep.pk not in notified
    assert n.collector.pk not in notified  # the actor is not told of their own naming


def test_analyser_from_elsewhere_reads_and_writes_the_analysis(client, ana):
    n = ana
    client.force_login(n.analyser)
    assert client.get(n.phenomenon.get_absolute_url()).status_code == 200
    assert client.get(url("analysis_write", n.phenomenon.pk)).status_code == 200
    response = client.post(
        url("analysis_write", n.phenomenon.pk),
        {
            "analysis_understanding": "Iltaisin ei ole paikkoja.",
            "analysis_root_causes": "",
            "analysis_open_questions": "",
        },
    )
    assert response.status_code == 302
    n.phenomenon.refresh_from_db()
    assert n.phenomenon.analysis_understanding == "Iltaisin ei ole paikkoja."
    assert n.phenomenon.title == "Nuorten yksinäisyys"
    assert AuditEvent.objects.filter(
        action="phenomenon.analysis_write", object_id=str(n.phenomenon.pk)
    ).exists()


def test_analysis_write_denied(client, ana):
    n = ana
    assert client.get(url("analysis_write", n.phenomenon.pk)).status_code == 302
    # A professional who reads the phenomenon but is not its analyser.
    client.force_login(n.professional)
    assert client.get(url("analysis_write", n.phenomenon.pk)).status_code == 403
    assert (
        client.post(url("analysis_write", n.phenomenon.pk), {"analysis_understanding": "x"}).status_code
        == 403
    )
    for user in (n.client_rep, n.outsider, n.other_collector):
        client.force_login(user)
        assert client.get(url("analysis_write", n.phenomenon.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        analysis_services.phenomenon_analysis_write(
            actor=n.professional, phenomenon=n.phenomenon, analysis_understanding="x"
        )


def test_invited_contributor_is_notified_reads_and_comments(client, ana):
    n = ana
    client.force_login(n.analyser)
    response = client.post(url("contributors_invite", n.phenomenon.pk), {"users": [n.other_collector.pk]})
    assert response.status_code == 302
    assert (
        Notification.objects.filter(
            recipient=n.other_collector, verb="phenomenon.contributor_invited"
        ).count()
        == 1
    )
    # Inviting again is refused and tells no one twice.
    with pytest.raises(DomainError):
        analysis_services.analysis_contributors_invite(
            actor=n.analyser, phenomenon=n.phenomenon, user_ids=[n.other_collector.pk]
        )
    assert (
        Notification.objects.filter(
            recipient=n.other_collector, verb="phenomenon.contributor_invited"
        ).count()
        == 1
    )
    client.force_login(n.other_collector)
    assert client.get(n.phenomenon.get_absolute_url()).status_code == 200
    response = client.post(url("comment_add", n.phenomenon.pk), {"text": "Orivedellä sama ilmiö."})
    assert response.status_code == 302
    comment = PhenomenonComment.objects.get()
    assert comment.created_by == n.other_collector
    # Everyone who reads the phenomenon sees the discussion and who was invited.
    client.force_login(n.professional)
    body = client.get(n.phenomenon.get_absolute_url()).content.decode()
    assert "Orivedellä sama ilmiö." in body
    assert n.other_collector.full_name in body
    assert "People invited to the analysis" in body  # the history


def test_invite_refuses_people_outside_the_network_and_limited_accounts(ana):
    n = ana
    for user in (n.outsider, n.client_rep):
        with pytest.raises(DomainError) as exc:
            analysis_services.analysis_contributors_invite(
                actor=n.analyser, phenomenon=n.phenomenon, user_ids=[user.pk]
            )
        assert exc.value.code == "contributors_invalid"
    with pytest.raises(DomainError):
        analysis_services.analysis_contributors_invite(
            actor=n.analyser, phenomenon=n.phenomenon, user_ids=["x"]
        )
    assert not AnalysisContributor.objects.exists()


def test_contributors_invite_denied(client, ana):
    n = ana
    assert (
        client.post(url("contributors_invite", n.phenomenon.pk), {"users": [n.colleague.pk]}).status_code
        == 302
    )
    client.force_login(n.professional)
    assert (
        client.post(url("contributors_invite", n.phenomenon.pk), {"users": [n.colleague.pk]}).status_code
        == 403
    )
    client.force_login(n.outsider)
    assert (
        client.post(url("contributors_invite", n.phenomenon.pk), {"users": [n.colleague.pk]}).status_code
        == 404
    )
    client.force_login(n.analyser)
    response = client.post(url("contributors_invite", n.phenomenon.pk), {"users": ["999999"]})
    assert response.status_code == 400
    assert not AnalysisContributor.objects.exists()


def test_comment_add_denied_and_bad_input(client, ana):
    n = ana
    assert client.post(url("comment_add", n.phenomenon.pk), {"text": "x"}).status_code == 302
    # A reader who is neither analyser nor invited does not write in the discussion.
    client.force_login(n.professional)
    assert client.post(url("comment_add", n.phenomenon.pk), {"text": "x"}).status_code == 403
    client.force_login(n.client_rep)
    assert client.post(url("comment_add", n.phenomenon.pk), {"text": "x"}).status_code == 404
    client.force_login(n.analyser)
    response = client.post(url("comment_add", n.phenomenon.pk), {"text": " \x00 "})
    assert response.status_code == 400
    response = client.post(url("comment_add", n.phenomenon.pk), {"text": "y" * 6000})
    assert response.status_code == 400
    assert "y" * 100 in response.content.decode()  # what was typed is kept
    assert not PhenomenonComment.objects.exists()


def test_detail_queries_do_not_grow_with_the_discussion(client, ana, django_assert_max_num_queries):
    n = ana
    analysis_services.analysis_contributors_invite(
        actor=n.analyser, phenomenon=n.phenomenon, user_ids=[n.other_collector.pk]
    )
    analysis_services.phenomenon_comment_add(actor=n.analyser, phenomenon=n.phenomenon, text="Ensimmäinen")
    client.force_login(n.analyser)
    with django_assert_max_num_queries(60) as few:
        assert client.get(n.phenomenon.get_absolute_url()).status_code == 200
    for i in range(20):
        analysis_services.phenomenon_comment_add(
            actor=n.other_collector, phenomenon=n.phenomenon, text=f"Kommentti {i}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(n.phenomenon.get_absolute_url()).status_code == 200


def test_steering_group_as_analyser_sees_a_phenomenon_of_another_centre(ana):
    n = ana
    steering = GroupFactory(
        kind=Group.Kind.REGIONAL_COORDINATION, level=Group.Level.REGIONAL, family_centre=None
    )
    member = MembershipFactory(group=steering, role=Membership.Role.MEMBER).user
    other = PhenomenonFactory(
        family_centre=n.other_centre, analyser_kind="steering_group", analyser_group=steering
    )
    assert Phenomenon.objects.visible_to(member).filter(pk=other.pk).exists()
    assert not Phenomenon.objects.visible_to(n.professional).filter(pk=other.pk).exists()
