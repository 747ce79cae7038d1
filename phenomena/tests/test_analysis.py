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
from familycentres.tests.factories import GroupFactory, MembershipFactory, OrganisationFactory
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


# --- The people picker's search (the invitation form lists no one until searched) -----------------------


def _search(client, path, q, *, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(path, {"q": q}, **headers)


@pytest.fixture
def people(ana):
    """Professionals to find: one by name, one by the organisation of a current membership only, one whose
    name is markup, one whose matching membership has ended, and the invited colleague."""
    n = ana
    n.maija = MembershipFactory(
        group=n.team, role=Membership.Role.MEMBER, user__full_name="Maija Virtanen", user__title="kuraattori"
    ).user
    church = OrganisationFactory(name="Nokian seurakunta")
    n.pekka = MembershipFactory(
        group=n.other_group, role=Membership.Role.MEMBER, organisation=church, user__full_name="Pekka Ojala"
    ).user
    n.markup = MembershipFactory(
        group=n.team, role=Membership.Role.MEMBER, user__full_name="<b>Virta</b> & Co"
    ).user
    former = MembershipFactory(group=n.team, role=Membership.Role.MEMBER, user__full_name="Ville Virtala")
    former.ended_on = former.started_on
    former.save()
    n.former = former.user
    n.client_rep.full_name = "Virpi Asiakas"
    n.client_rep.save()
    analysis_services.analysis_contributors_invite(
        actor=n.analyser, phenomenon=n.phenomenon, user_ids=[n.colleague.pk]
    )
    return n


def test_contributors_search_finds_professionals_by_name_and_organisation(client, people):
    n = people
    path = url("contributors_search", n.phenomenon.pk)
    client.force_login(n.analyser)
    response = _search(client, path, "virta")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="listbox"' in body and f'data-value="{n.maija.pk}"' in body
    assert "people_picker.html" not in body
    assert "Maija Virtanen (kuraattori)" in body
    # Markup in a name is text, never markup.
    assert "&lt;b&gt;Virta&lt;/b&gt; &amp; Co" in body and "<b>Virta</b>" not in body
    # Only those the form accepts: not a client representative, not someone whose membership ended.
    assert f'data-value="{n.former.pk}"' not in body
    assert "2 people found." in body
    assert "Virpi" not in _search(client, path, "virpi").content.decode()
    # By the organisation of a current membership; every word must match.
    body = _search(client, path, "seurakunta nokian").content.decode()
    assert f'data-value="{n.pekka.pk}"' in body and "Nokian seurakunta" in body
    assert "Pekka" not in _search(client, path, "seurakunta maija").content.decode()
    # Someone already invited is not offered again.
    assert (
        f'data-value="{n.colleague.pk}"' not in _search(client, path, n.colleague.full_name).content.decode()
    )


def test_contributors_search_denied(client, people):
    n = people
    path = url("contributors_search", n.phenomenon.pk)
    response = _search(client, path, "virta")
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    # A professional who reads the phenomenon but does not analyse it.
    client.force_login(n.professional)
    assert _search(client, path, "virta").status_code == 403
    assert _search(client, path, "virta", htmx=False).status_code == 403
    assert client.post(path, {"q": "virta"}).status_code == 403
    # Those who do not read the phenomenon at all.
    for user in (n.outsider, n.client_rep, n.other_collector):
        client.force_login(user)
        assert _search(client, path, "virta").status_code == 404
    # The phenomenon's editor may invite, so may search.
    client.force_login(n.collector)
    assert _search(client, path, "virta").status_code == 200
    # Never by GET: what is typed would be in the address and the server's log.
    assert client.get(path, {"q": "virta"}, HTTP_HX_REQUEST="true").status_code == 405


@pytest.mark.parametrize(
    "q",
    [
        "x" * 10_000,
        "vir\x00ta",
        "\x00",
        "<script>alert(1)</script>",
        "%' OR 1=1 --",
        "a b c d e f g h i j k",
        "\u202evirta",
        "",
        "   ",
    ],
)
def test_contributors_search_odd_input_is_answered(client, people, q):
    n = people
    path = url("contributors_search", n.phenomenon.pk)
    client.force_login(n.analyser)
    # The search is always a POST (a name typed is never in an address): a NUL is searched without it.
    for htmx in (True, False):
        response = _search(client, path, q, htmx=htmx)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()
    response = client.post(path, {"q": q, "users": ["x", "-1", "9" * 30, "\x00"]})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_contributors_search_queries_do_not_grow_with_the_matches(
    client, people, django_assert_max_num_queries
):
    n = people
    path = url("contributors_search", n.phenomenon.pk)
    client.force_login(n.analyser)
    with django_assert_max_num_queries(12) as few:
        assert _search(client, path, "virta").status_code == 200
    for i in range(30):
        MembershipFactory(group=n.team, role=Membership.Role.MEMBER, user__full_name=f"Virta {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = _search(client, path, "virta").content.decode()
    assert body.count('role="option"') == 20
    assert "Only the first 20 are shown" in body


def test_phenomenon_page_lists_no_one_until_searched(client, people):
    n = people
    client.force_login(n.analyser)
    body = client.get(n.phenomenon.get_absolute_url()).content.decode()
    assert 'id="invite-people-q"' in body
    assert f"/phenomena/{n.phenomenon.pk}/contributors/search/" in body
    assert "Maija Virtanen" not in body and "Pekka Ojala" not in body
    assert "people_picker.html" not in body  # the template's own comment is not shown
    # Who may not invite gets no picker.
    client.force_login(n.professional)
    assert 'id="invite-people-q"' not in client.get(n.phenomenon.get_absolute_url()).content.decode()


def test_search_without_javascript_keeps_the_chosen_and_invites(client, people):
    n = people
    client.force_login(n.analyser)
    # The picker's search button sends the invitation form (with who was chosen) to the search page.
    response = client.post(
        url("contributors_search", n.phenomenon.pk), {"q": "seurakunta", "users": [str(n.maija.pk)]}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'name="users" value="{n.maija.pk}" id="invite-people-user-{n.maija.pk}" checked' in body
    assert f'name="users" value="{n.pekka.pk}" id="invite-people-match-{n.pekka.pk}">' in body
    assert 'value="seurakunta"' in body and "1 person found." in body
    # Ticking the match and sending the form invites both.
    response = client.post(
        url("contributors_invite", n.phenomenon.pk), {"q": "seurakunta", "users": [n.maija.pk, n.pekka.pk]}
    )
    assert response.status_code == 302
    invited = set(AnalysisContributor.objects.values_list("user_id", flat=True))
    assert {n.maija.pk, n.pekka.pk} <= invited


def test_refused_invitation_shows_the_chosen_people_again(client, people):
    n = people
    client.force_login(n.analyser)
    response = client.post(
        url("contributors_invite", n.phenomenon.pk), {"q": "maija", "users": [n.maija.pk, n.client_rep.pk]}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f'value="{n.maija.pk}" id="invite-people-user-{n.maija.pk}" checked' in body
    assert 'value="maija"' in body
    assert 'class="errorlist' in body
    assert not AnalysisContributor.objects.filter(user=n.maija).exists()
