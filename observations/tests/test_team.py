"""The local family-centre team's view of its area's observations, its PDF, and the review recorded in a
team meeting: who may and who may not, the period, grouping by theme, query counts, a real PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from familycentres.models import Area, Group, Meeting, Membership
from familycentres.tests.factories import AreaFactory, GroupFactory, MeetingFactory, MembershipFactory
from observations.models import Observation, TeamReview
from observations.tests.factories import (
    FamilyObservationFactory,
    ObservationFactory,
    centre_with_municipality,
)
from observations.views import team as team_views

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def net():
    centre, municipality = centre_with_municipality("Nokia")
    team = GroupFactory(
        name="Nokian perhekeskustiimi",
        kind=Group.Kind.LOCAL_TEAM,
        family_centre=centre,
        area=municipality,
    )
    steering = GroupFactory(name="Ohjausryhmä", family_centre=centre)
    member = MembershipFactory(group=team, role=Membership.Role.MEMBER).user
    outsider = MembershipFactory(group=steering, role=Membership.Role.MEMBER).user
    collector = MembershipFactory(group=steering, role=Membership.Role.COLLECTOR).user
    other_area = AreaFactory(kind=Area.Kind.MUNICIPALITY, parent=municipality.parent, name_fi="Pirkkala")
    centre.municipalities.add(other_area)
    previous = MeetingFactory(
        group=team,
        title="Edellinen tapaaminen",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=1),
        status=Meeting.Status.HELD,
    )
    upcoming = MeetingFactory(group=team, title="Seuraava tapaaminen")

    class Net:
        pass

    n = Net()
    n.centre, n.municipality, n.team, n.steering = centre, municipality, team, steering
    n.member, n.outsider, n.collector, n.other_area = member, outsider, collector, other_area
    n.previous, n.upcoming = previous, upcoming
    n.staff = UserFactory(staff=True)
    return n


def _obs(net, *, days_ago: int = 1, **kw):
    kw.setdefault("family_centre", net.centre)
    kw.setdefault("area", net.municipality)
    obs = ObservationFactory(**kw)
    obs.created_at = timezone.now() - timedelta(days=days_ago)
    obs.save(update_fields=["created_at"])
    return obs


# The team view: who may -------------------------------------------------------------------------------


def test_team_view_redirects_anonymous_to_login(client, net):
    response = client.get(url("observations:team_view", net.team.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_team_view_allowed_to_member(client, net):
    client.force_login(net.member)
    response = client.get(url("observations:team_view", net.team.pk))
    assert response.status_code == 200
    assert response.context["group"] == net.team and net.team.name in response.content.decode()


def test_team_view_allowed_to_staff(client, net):
    client.force_login(net.staff)
    response = client.get(url("observations:team_view", net.team.pk))
    assert response.status_code == 200
    assert response.context["group"] == net.team and net.team.name in response.content.decode()


def test_team_view_denied_to_professional_outside_team(client, net):
    client.force_login(net.outsider)
    assert client.get(url("observations:team_view", net.team.pk)).status_code == 403


def test_team_view_denied_to_collector_outside_team(client, net):
    client.force_login(net.collector)
    assert client.get(url("observations:team_view", net.team.pk)).status_code == 403


def test_team_view_of_group_that_is_not_a_team_is_404(client, net):
    MembershipFactory(group=net.steering, user=net.member)
    client.force_login(net.member)
    assert client.get(url("observations:team_view", net.steering.pk)).status_code == 404


def test_team_view_unknown_group_is_404(client, net):
    client.force_login(net.staff)
    assert client.get(url("observations:team_view", 999_999)).status_code == 404


def test_team_view_hidden_from_client_representative_of_other_group(client, net):
    other = GroupFactory(kind=Group.Kind.WORKING_GROUP)
    rep = MembershipFactory(group=other, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    client.force_login(rep)
    assert client.get(url("observations:team_view", net.team.pk)).status_code == 404


# The team view: what it shows -------------------------------------------------------------------------


def test_team_view_shows_area_observations_since_previous_meeting(client, net):
    _obs(net, text="Tuore havainto", days_ago=3)
    _obs(net, text="Ennen edellistä tapaamista", days_ago=40)
    _obs(net, text="Toisen kunnan havainto", area=net.other_area)
    FamilyObservationFactory(
        family_centre=net.centre,
        area=net.municipality,
        text="Soita 040 123 4567",
        held=True,
        held_reasons=["phone"],
    )
    keep = _obs(net, text="Säilytetty")
    _obs(net, text="Yhdistetty kaksoiskappale", status=Observation.Status.MERGED, merged_into=keep)
    client.force_login(net.member)
    body = client.get(url("observations:team_view", net.team.pk)).content.decode()
    assert "Tuore havainto" in body
    assert "Ennen edellistä tapaamista" not in body
    assert "Toisen kunnan havainto" not in body
    assert "040 123 4567" not in body
    assert "Yhdistetty kaksoiskappale" not in body
    assert "Edellinen tapaaminen" in body


def test_team_view_includes_local_areas_of_the_municipality(client, net):
    local = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=net.municipality, name_fi="Kankaantaka")
    _obs(net, text="Paikallisalueelta", area=local)
    client.force_login(net.member)
    body = client.get(url("observations:team_view", net.team.pk)).content.decode()
    assert "Paikallisalueelta" in body


def test_team_view_counts_themes_and_lists_each_observation_once(client, net):
    _obs(net, text="Kaksi teemaa", themes=["yksinäisyys", "ruutuaika"])
    _obs(net, text="Yksi teema", themes=["yksinäisyys"])
    _obs(net, text="Ei teemaa")
    client.force_login(net.member)
    response = client.get(url("observations:team_view", net.team.pk))
    counts = [(t["name"], t["count"]) for t in response.context["themes"]]
    assert counts == [("yksinäisyys", 2), ("ruutuaika", 1), ("No theme", 1)]
    body = response.content.decode()
    assert body.count("Kaksi teemaa") == 1
    assert "3 observations" in body
    assert "Themes: ruutuaika, yksinäisyys" in body


def test_team_view_narrows_to_one_theme_and_to_those_without(client, net):
    _obs(net, text="Kaksi teemaa", themes=["yksinäisyys", "ruutuaika"])
    _obs(net, text="Yksi teema", themes=["yksinäisyys"])
    _obs(net, text="Ei teemaa")
    client.force_login(net.member)
    base = url("observations:team_view", net.team.pk)
    response = client.get(base + "?theme=ruutuaika")
    assert [o.text for o in response.context["observations"]] == ["Kaksi teemaa"]
    assert response.context["theme"]["count"] == 1
    # The summary still counts the whole period, and links back to it.
    assert [t["count"] for t in response.context["themes"]] == [2, 1, 1]
    assert "All observations of the period" in response.content.decode()
    response = client.get(base + "?theme=-")
    assert [o.text for o in response.context["observations"]] == ["Ei teemaa"]
    # An unknown theme shows the whole period, not an error.
    response = client.get(base + "?theme=%3Cscript%3E")
    assert response.status_code == 200
    assert len(response.context["observations"]) == 3
    assert response.context["theme"] is None


def test_team_view_theme_links_keep_the_period(client, net):
    _obs(net, text="Kuukausi sitten", days_ago=40, themes=["ruutuaika"])
    client.force_login(net.member)
    since = (timezone.localdate() - timedelta(days=50)).isoformat()
    response = client.get(url("observations:team_view", net.team.pk) + f"?since={since}")
    assert response.context["themes"][0]["query"] == f"since={since}&theme=ruutuaika"


def test_team_view_pages_through_a_long_period(client, net, monkeypatch):
    monkeypatch.setattr(team_views, "TEAM_VIEW_PAGE_SIZE", 2)
    for i in range(5):
        _obs(net, text=f"Havainto {i}", days_ago=5 - i, themes=["ruutuaika"])
    client.force_login(net.member)
    base = url("observations:team_view", net.team.pk)
    first = client.get(base)
    assert [o.text for o in first.context["observations"]] == ["Havainto 4", "Havainto 3"]
    assert first.context["total"] == 5
    assert first.context["themes"][0]["count"] == 5
    last = client.get(base + "?page=3")
    assert [o.text for o in last.context["observations"]] == ["Havainto 0"]
    assert "Page 3 of 3" in last.content.decode()


def test_team_view_without_previous_meeting_shows_60_days(client, net):
    net.previous.delete()
    _obs(net, text="Kuukausi sitten", days_ago=35)
    _obs(net, text="Kolme kuukautta sitten", days_ago=90)
    client.force_login(net.member)
    body = client.get(url("observations:team_view", net.team.pk)).content.decode()
    assert "Kuukausi sitten" in body and "Kolme kuukautta sitten" not in body


def test_team_view_since_date_chosen(client, net):
    _obs(net, text="Kuukausi sitten", days_ago=40)
    client.force_login(net.member)
    since = (timezone.localdate() - timedelta(days=50)).isoformat()
    body = client.get(url("observations:team_view", net.team.pk) + f"?since={since}").content.decode()
    assert "Kuukausi sitten" in body


@pytest.mark.parametrize("since", ["abc", "2024-13-45", "99999-01-01", "", "%22%3E%3Cscript%3E"])
def test_team_view_bad_since_never_fails(client, net, since):
    _obs(net, text="Tuore havainto")
    client.force_login(net.member)
    response = client.get(url("observations:team_view", net.team.pk) + f"?since={since}")
    assert response.status_code == 200
    assert "Tuore havainto" in response.content.decode()


def test_team_view_empty_state(client, net):
    client.force_login(net.member)
    body = client.get(url("observations:team_view", net.team.pk)).content.decode()
    assert "No observations from the team's area in this period." in body


def test_team_view_query_count_does_not_grow(client, net, django_assert_max_num_queries):
    client.force_login(net.member)
    _obs(net, themes=["yksinäisyys"])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url("observations:team_view", net.team.pk))
    few = len(ctx.captured_queries)
    for i in range(30):
        _obs(net, themes=[f"teema {i % 5}", "ruutuaika"])
    with django_assert_max_num_queries(few):
        client.get(url("observations:team_view", net.team.pk))


# The PDF ----------------------------------------------------------------------------------------------


def test_team_pdf_is_a_pdf_with_the_observations(client, net, tmp_path):
    _obs(net, text="Iltapäiväkerhon jonot ovat pitkät", themes=["iltapäivätoiminta"])
    _obs(net, text="Vanhemmat kaipaavat vertaistukea", themes=["vertaistuki", "iltapäivätoiminta"])
    client.force_login(net.member)
    response = client.get(url("observations:team_view_pdf", net.team.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the PDF's text was not checked")
    path = tmp_path / "team.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nokian perhekeskustiimi" in text
    assert "Iltapäivätoiminta (2)" in text and "Vertaistuki (1)" in text
    assert "Iltapäiväkerhon jonot ovat pitkät" in text


def test_team_pdf_denied_to_outsider(client, net):
    client.force_login(net.outsider)
    assert client.get(url("observations:team_view_pdf", net.team.pk)).status_code == 403


def test_team_pdf_redirects_anonymous(client, net):
    assert client.get(url("observations:team_view_pdf", net.team.pk)).status_code == 302


def test_team_pdf_empty_period_still_a_pdf(client, net):
    client.force_login(net.staff)
    response = client.get(url("observations:team_view_pdf", net.team.pk))
    assert response.content.startswith(b"%PDF")


# The review -------------------------------------------------------------------------------------------


def _review_url(net, meeting=None):
    return url("observations:team_review", net.team.pk, (meeting or net.upcoming).pk)


def test_review_redirects_anonymous(client, net):
    assert client.get(_review_url(net)).status_code == 302


def test_review_denied_to_outsider(client, net):
    client.force_login(net.outsider)
    assert client.get(_review_url(net)).status_code == 403
    assert client.post(_review_url(net), {"raised": "x"}).status_code == 403
    assert not TeamReview.objects.exists()


def test_review_of_meeting_of_another_group_is_404(client, net):
    other_meeting = MeetingFactory(group=net.steering)
    client.force_login(net.member)
    assert client.get(_review_url(net, other_meeting)).status_code == 404


def test_review_form_lists_team_observations(client, net):
    obs = _obs(net, text="Tiimin havainto")
    _obs(net, text="Toisen kunnan", area=net.other_area)
    client.force_login(net.member)
    body = client.get(_review_url(net)).content.decode()
    assert f'value="{obs.pk}"' in body and "Tiimin havainto" in body
    assert "Toisen kunnan" not in body


def test_review_saved_and_shown_on_meeting_page(client, net):
    first = _obs(net, text="Käsitelty havainto")
    _obs(net, text="Käsittelemätön havainto")
    client.force_login(net.member)
    response = client.post(
        _review_url(net), {"observations": [first.pk], "raised": "Iltapäivätoiminnan jonot ohjausryhmälle."}
    )
    assert response.status_code == 302
    review = TeamReview.objects.get(meeting=net.upcoming)
    assert list(review.observations.all()) == [first]
    assert review.raised == "Iltapäivätoiminnan jonot ohjausryhmälle."
    body = client.get(net.upcoming.get_absolute_url()).content.decode()
    assert "Iltapäivätoiminnan jonot ohjausryhmälle." in body
    assert "Käsitelty havainto" in body and "Käsittelemätön havainto" not in body


def test_review_saved_again_replaces(client, net):
    first, second = _obs(net), _obs(net)
    client.force_login(net.member)
    client.post(_review_url(net), {"observations": [first.pk], "raised": "Eka"})
    client.post(_review_url(net), {"observations": [second.pk], "raised": "Toka"})
    review = TeamReview.objects.get(meeting=net.upcoming)
    assert list(review.observations.all()) == [second] and review.raised == "Toka"
    body = client.get(_review_url(net)).content.decode()
    assert f'value="{second.pk}" id="obs-{second.pk}" checked' in body


@pytest.mark.parametrize("forged", ["other_area", "unknown", "abc"])
def test_review_forged_observation_gives_form_error(client, net, forged):
    values = {"other_area": _obs(net, area=net.other_area).pk, "unknown": 999_999, "abc": "abc"}
    client.force_login(net.member)
    response = client.post(_review_url(net), {"observations": [values[forged]], "raised": "Jotain"})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not TeamReview.objects.exists()


def test_review_in_cancelled_meeting_refused(client, net):
    net.upcoming.status = Meeting.Status.CANCELLED
    net.upcoming.save()
    client.force_login(net.member)
    response = client.post(_review_url(net), {"raised": "Jotain"})
    assert response.status_code == 400
    assert not TeamReview.objects.exists()


def test_review_with_nul_and_html_stored_as_text(client, net):
    client.force_login(net.member)
    client.post(_review_url(net), {"raised": "<script>alert(1)</script>\x00 ok"})
    review = TeamReview.objects.get()
    assert "\x00" not in review.raised
    body = client.get(net.upcoming.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_meeting_page_hides_discussed_observations_from_other_centres(client, net):
    obs = _obs(net, text="Vain keskuksen väelle")
    client.force_login(net.member)
    client.post(_review_url(net), {"observations": [obs.pk], "raised": "Nostot"})
    stranger = UserFactory()
    client.force_login(stranger)
    body = client.get(net.upcoming.get_absolute_url()).content.decode()
    assert "Nostot" in body
    assert "Vain keskuksen väelle" not in body


def _en(obj) -> str:
    """The page of `obj` in English, so that its links are the English URLs that `url()` gives."""
    with translation.override("en"):
        return obj.get_absolute_url()


def test_group_page_links_team_view_for_member_only(client, net):
    link = url("observations:team_view", net.team.pk)
    client.force_login(net.member)
    assert link in client.get(_en(net.team)).content.decode()
    client.force_login(net.outsider)
    assert link not in client.get(_en(net.team)).content.decode()


def test_meeting_page_links_review_for_member(client, net):
    client.force_login(net.member)
    body = client.get(_en(net.upcoming)).content.decode()
    assert _review_url(net) in body


def test_steering_meeting_page_has_no_review(client, net):
    meeting = MeetingFactory(group=net.steering)
    client.force_login(net.staff)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "/review/" not in body


def test_team_view_leaves_out_archived(client, net):
    _obs(net, text="Arkistoitu testiviesti", status=Observation.Status.ARCHIVED, archive_reason="Testi")
    _obs(net, text="Luettu havainto", status=Observation.Status.READ)
    client.force_login(net.member)
    body = client.get(url("observations:team_view", net.team.pk)).content.decode()
    assert "Luettu havainto" in body and "Arkistoitu testiviesti" not in body


def test_review_of_past_meeting_offers_observations_up_to_its_end(client, net):
    before = _obs(net, text="Ennen kokousta", days_ago=35)
    after = _obs(net, text="Kokouksen jälkeen", days_ago=5)
    older = MeetingFactory(
        group=net.team,
        starts_at=timezone.now() - timedelta(days=70),
        ends_at=timezone.now() - timedelta(days=70) + timedelta(hours=1),
        status=Meeting.Status.HELD,
    )
    assert older.pk
    client.force_login(net.member)
    body = client.get(_review_url(net, net.previous)).content.decode()
    assert f'value="{before.pk}"' in body
    assert f'value="{after.pk}"' not in body


# The review: professional members only, and its history ------------------------------------------------


@pytest.fixture
def rep(net):
    """A client representative in the team: a limited account that sees the team's view."""
    return MembershipFactory(group=net.team, role=Membership.Role.CLIENT_REPRESENTATIVE).user


def test_review_refused_to_limited_account_and_text_kept(client, net, rep):
    client.force_login(net.member)
    client.post(_review_url(net), {"raised": "Tiimin oma nosto"})
    client.force_login(rep)
    assert client.get(_review_url(net)).status_code == 403
    assert client.post(_review_url(net), {"raised": "Korvattu teksti"}).status_code == 403
    review = TeamReview.objects.get(meeting=net.upcoming)
    assert review.raised == "Tiimin oma nosto"
    assert review.versions.count() == 1


def test_review_service_refuses_limited_account(net, rep):
    from django.core.exceptions import PermissionDenied

    from observations import services

    with pytest.raises(PermissionDenied):
        services.team_review_record(actor=rep, meeting=net.upcoming, observation_ids=[], raised="x")
    assert not TeamReview.objects.exists()


def test_meeting_page_offers_review_to_member_not_to_limited_account(client, net, rep):
    client.force_login(rep)
    assert _review_url(net) not in client.get(_en(net.upcoming)).content.decode()


def test_review_keeps_its_history_with_who_and_when(client, net):
    colleague = MembershipFactory(group=net.team, role=Membership.Role.MEMBER).user
    colleague.full_name = "Kaisa Kollega"
    colleague.save()
    net.member.full_name = "Eka Kirjaaja"
    net.member.save()
    client.force_login(net.member)
    client.post(_review_url(net), {"raised": "Ensimmäinen versio"})
    client.force_login(colleague)
    client.post(_review_url(net), {"raised": "Korjattu versio"})
    review = TeamReview.objects.get(meeting=net.upcoming)
    assert review.raised == "Korjattu versio"
    assert review.created_by == net.member and review.updated_by == colleague
    versions = list(review.versions.order_by("saved_at", "id"))
    assert [(v.raised, v.saved_by) for v in versions] == [
        ("Ensimmäinen versio", net.member),
        ("Korjattu versio", colleague),
    ]
    body = client.get(_review_url(net)).content.decode()
    assert "Ensimmäinen versio" in body and "Korjattu versio" in body
    assert "Kaisa Kollega" in body and "Eka Kirjaaja" in body
    meeting_page = client.get(net.upcoming.get_absolute_url()).content.decode()
    assert "Kaisa Kollega" in meeting_page


def test_review_page_queries_do_not_grow_with_versions(client, net, django_assert_max_num_queries):
    client.force_login(net.member)
    client.post(_review_url(net), {"raised": "Yksi"})
    with CaptureQueriesContext(connection) as few:
        client.get(_review_url(net))
    few_count = len(few)
    for n in range(8):
        client.post(_review_url(net), {"raised": f"Versio {n}"})
    with django_assert_max_num_queries(few_count):
        assert client.get(_review_url(net)).status_code == 200
