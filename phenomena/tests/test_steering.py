"""The steering-group pages: initiative detail, withdraw, agenda, decide, group queue, the agenda and
minutes PDFs, the iCal invitation and the public decision register. Every page allowed and denied, bad
input, and query counts on the lists."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from familycentres.models import Attendance, Group, Meeting, Membership
from familycentres.tests.factories import (
    AttendanceFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
)
from observations.models import Observation
from observations.tests.factories import ObservationFactory, centre_with_municipality
from phenomena import services
from phenomena.models import Decision, Initiative, Phenomenon
from phenomena.tests.factories import InitiativeFactory, PhenomenonFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"phenomena:{name}", args=args)


@pytest.fixture
def net():
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
    working = GroupFactory(name="Nuorten työryhmä", kind=Group.Kind.WORKING_GROUP, family_centre=centre)

    class N:
        pass

    n = N()
    n.centre, n.municipality, n.county, n.regional, n.local, n.working = (
        centre,
        municipality,
        county,
        regional,
        local,
        working,
    )
    n.collector = MembershipFactory(group=local, role=Membership.Role.COLLECTOR).user
    n.secretary = MembershipFactory(
        group=local, role=Membership.Role.SECRETARY, user__full_name="Sanna Sihteeri"
    ).user
    n.chair = MembershipFactory(
        group=local, role=Membership.Role.CHAIR, user__full_name="Pekka Puheenjohtaja"
    ).user
    n.member = MembershipFactory(group=local, role=Membership.Role.MEMBER).user
    n.county_chair = MembershipFactory(group=county, role=Membership.Role.CHAIR).user
    other_centre, _m = centre_with_municipality("Orivesi")
    n.outsider = MembershipFactory(group=GroupFactory(family_centre=other_centre)).user
    n.client_rep = MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    n.observation = ObservationFactory(family_centre=centre, area=municipality)
    n.phenomenon = services.phenomenon_create(
        actor=n.collector,
        title="Nuorten yksinäisyys iltaisin",
        description="Useat havainnot",
        kind="concern",
        scale="county",
        analyser_kind="team",
        observation_ids=[n.observation.pk],
    )
    n.initiative = services.initiative_create(
        actor=n.collector,
        phenomenon=n.phenomenon,
        proposal="codevelopment",
        rationale="Koskee koko maakuntaa",
        group=local,
    )
    n.meeting = MeetingFactory(
        group=local, title="Ohjausryhmän kokous", location="Nokian perhekeskus", started=True
    )
    return n


# initiative_detail -------------------------------------------------------------------------------------


def test_initiative_detail_shows_phenomenon_and_actions_for_secretary(client, net):
    client.force_login(net.secretary)
    response = client.get(url("initiative_detail", net.initiative.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nuorten yksinäisyys iltaisin" in body and "Koskee koko maakuntaa" in body
    assert url("decide", net.initiative.pk) in body
    assert "Put on the agenda" in body


def test_initiative_detail_visible_to_professional_of_centre_without_actions(client, net):
    professional = MembershipFactory(
        group=GroupFactory(family_centre=net.centre, kind=Group.Kind.LOCAL_TEAM)
    ).user
    client.force_login(professional)
    response = client.get(url("initiative_detail", net.initiative.pk))
    assert response.status_code == 200
    assert url("decide", net.initiative.pk) not in response.content.decode()


def test_initiative_detail_visible_to_member_of_handling_group_without_phenomenon_access(client, net):
    services.decision_record(actor=net.secretary, initiative=net.initiative, kind="forward", reasons="Laaja")
    services.decision_record(
        actor=MembershipFactory(group=net.regional, role=Membership.Role.CHAIR).user,
        initiative=net.initiative,
        kind="forward",
        reasons="Maakunnallinen",
    )
    rep = MembershipFactory(group=net.county, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    client.force_login(rep)
    response = client.get(url("initiative_detail", net.initiative.pk))
    assert response.status_code == 200
    assert response.context["initiative"] == net.initiative


def test_initiative_detail_404_for_limited_account_outside_group(client, net):
    client.force_login(net.client_rep)
    assert client.get(url("initiative_detail", net.initiative.pk)).status_code == 404


def test_initiative_detail_redirects_anonymous_to_login(client, net):
    response = client.get(url("initiative_detail", net.initiative.pk))
    assert response.status_code == 302 and "login" in response["Location"]


# withdraw ----------------------------------------------------------------------------------------------


def test_withdraw_asks_confirmation_then_withdraws_for_creator(client, net):
    client.force_login(net.collector)
    assert "Yes, withdraw" in client.get(url("initiative_withdraw", net.initiative.pk)).content.decode()
    response = client.post(url("initiative_withdraw", net.initiative.pk))
    assert response.status_code == 302
    net.initiative.refresh_from_db()
    assert net.initiative.status == Initiative.Status.WITHDRAWN


def test_withdraw_forbidden_for_group_member(client, net):
    client.force_login(net.member)
    assert client.post(url("initiative_withdraw", net.initiative.pk)).status_code == 403
    net.initiative.refresh_from_db()
    assert net.initiative.status == Initiative.Status.SUBMITTED


# put on agenda ------------------------------------------------------------------------------------------


def test_agenda_puts_initiative_on_meeting_for_member(client, net):
    client.force_login(net.member)
    response = client.post(url("initiative_agenda", net.initiative.pk), {"meeting": net.meeting.pk})
    assert response.status_code == 302
    net.initiative.refresh_from_db()
    assert net.initiative.status == Initiative.Status.ON_AGENDA
    assert net.meeting.agenda_items.get().initiative_entry.initiative == net.initiative


def test_agenda_forbidden_for_non_member(client, net):
    client.force_login(net.collector.__class__.objects.get(pk=net.outsider.pk))
    # The outsider cannot even see the phenomenon of another family centre.
    assert (
        client.post(url("initiative_agenda", net.initiative.pk), {"meeting": net.meeting.pk}).status_code
        == 404
    )
    professional = MembershipFactory(group=GroupFactory(family_centre=net.centre)).user
    client.force_login(professional)
    assert (
        client.post(url("initiative_agenda", net.initiative.pk), {"meeting": net.meeting.pk}).status_code
        == 403
    )


def test_agenda_rejects_meeting_of_another_group(client, net):
    other = MeetingFactory(group=net.county)
    client.force_login(net.member)
    response = client.post(url("initiative_agenda", net.initiative.pk), {"meeting": other.pk})
    assert response.status_code == 400
    net.initiative.refresh_from_db()
    assert net.initiative.status == Initiative.Status.SUBMITTED


def test_agenda_twice_shows_clear_error(client, net):
    client.force_login(net.member)
    client.post(url("initiative_agenda", net.initiative.pk), {"meeting": net.meeting.pk})
    response = client.post(url("initiative_agenda", net.initiative.pk), {"meeting": net.meeting.pk})
    assert response.status_code == 403 or response.status_code == 400
    assert net.meeting.agenda_items.count() == 1


# decide -------------------------------------------------------------------------------------------------


def _decision_post(**extra):
    data = {
        "kind": "start_codevelopment",
        "reasons": "Käynnistetään",
        "scope": "local",
        "responsible_progress": "Perhekeskuskoordinaattori",
    }
    data.update(extra)
    return data


def test_decide_form_for_chair(client, net):
    client.force_login(net.chair)
    response = client.get(url("decide", net.initiative.pk))
    assert response.status_code == 200
    assert "Sanna Sihteeri" in response.content.decode()  # responsible people from the group


def test_decide_forbidden_for_member_and_collector(client, net):
    for user in (net.member, net.collector):
        client.force_login(user)
        assert client.get(url("decide", net.initiative.pk)).status_code == 403
        assert client.post(url("decide", net.initiative.pk), _decision_post()).status_code == 403
    assert not Decision.objects.exists()


def test_decide_records_and_redirects_with_number(client, net):
    client.force_login(net.secretary)
    response = client.post(
        url("decide", net.initiative.pk),
        _decision_post(meeting=net.meeting.pk, responsible_users=[net.chair.pk]),
        follow=True,
    )
    decision = Decision.objects.get()
    assert decision.responsible_users.get() == net.chair and decision.meeting == net.meeting
    assert f"1/{decision.year}" in response.content.decode()
    assert response.redirect_chain[-1][0] == url("initiative_detail", net.initiative.pk)


def test_decide_twice_shows_conflict_and_keeps_text(client, net):
    services.decision_record(
        actor=net.chair, initiative=net.initiative, kind="information", reasons="Tiedoksi"
    )
    client.force_login(net.secretary)
    response = client.post(url("decide", net.initiative.pk), _decision_post(reasons="Minun perusteluni"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "already been recorded" in body and "Minun perusteluni" in body
    assert Decision.objects.count() == 1


def test_decide_withdrawn_initiative_shows_conflict(client, net):
    services.initiative_withdraw(actor=net.collector, initiative=net.initiative)
    client.force_login(net.secretary)
    response = client.post(url("decide", net.initiative.pk), _decision_post())
    assert response.status_code == 400 and "withdrawn" in response.content.decode()
    assert not Decision.objects.exists()


def test_decide_codevelopment_without_scope_keeps_input(client, net):
    client.force_login(net.secretary)
    response = client.post(url("decide", net.initiative.pk), _decision_post(scope="", reasons="Tärkeä asia"))
    assert response.status_code == 400
    assert "Choose the scope" in response.content.decode() and "Tärkeä asia" in response.content.decode()


def test_decide_forward_above_top_level_shows_error(client, net):
    top = InitiativeFactory(group=net.county, phenomenon=net.phenomenon)
    client.force_login(net.county_chair)
    response = client.post(url("decide", top.pk), {"kind": "forward", "reasons": "Ylemmäs"})
    assert response.status_code == 400 and "top level" in response.content.decode()


def test_decide_local_action_needs_working_group(client, net):
    client.force_login(net.secretary)
    response = client.post(
        url("decide", net.initiative.pk), {"kind": "local_action", "reasons": "Paikallisesti"}
    )
    assert response.status_code == 400 and "working group" in response.content.decode()
    response = client.post(
        url("decide", net.initiative.pk),
        {"kind": "local_action", "reasons": "Paikallisesti", "working_group": net.working.pk},
    )
    assert response.status_code == 302
    assert Decision.objects.get().working_group == net.working


def test_decide_forward_moves_initiative_to_parent_queue(client, net):
    client.force_login(net.secretary)
    client.post(url("decide", net.initiative.pk), {"kind": "forward", "reasons": "Laajempi"})
    net.initiative.refresh_from_db()
    assert net.initiative.group == net.regional
    regional_member = MembershipFactory(group=net.regional).user
    client.force_login(regional_member)
    response = client.get(url("group_queue", net.regional.pk))
    assert "Nuorten yksinäisyys iltaisin" in response.content.decode()
    assert "1 earlier decision" in response.content.decode()


# group_queue --------------------------------------------------------------------------------------------


def test_group_queue_for_member_and_empty_state(client, net):
    client.force_login(net.member)
    assert "Nuorten yksinäisyys iltaisin" in client.get(url("group_queue", net.local.pk)).content.decode()
    empty = GroupFactory()
    MembershipFactory(group=empty, user=net.member)
    assert "No initiatives are waiting" in client.get(url("group_queue", empty.pk)).content.decode()


def test_group_queue_forbidden_for_non_member(client, net):
    client.force_login(net.outsider)
    assert client.get(url("group_queue", net.local.pk)).status_code == 403


def test_group_queue_query_count_is_fixed(client, net, django_assert_max_num_queries):
    client.force_login(net.member)
    with django_assert_max_num_queries(20) as few:
        client.get(url("group_queue", net.local.pk))
    for _i in range(15):
        InitiativeFactory(group=net.local, phenomenon=PhenomenonFactory(family_centre=net.centre))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("group_queue", net.local.pk))
    assert "16 initiatives to handle" in response.content.decode()


# PDFs and iCal -----------------------------------------------------------------------------------------


def _held_meeting_with_decision(net):
    services.initiative_put_on_agenda(actor=net.member, initiative=net.initiative, meeting=net.meeting)
    AttendanceFactory(meeting=net.meeting, user=net.chair, status=Attendance.Status.PRESENT)
    AttendanceFactory(meeting=net.meeting, user=net.member, status=Attendance.Status.ABSENT)
    services.decision_record(
        actor=net.secretary,
        initiative=net.initiative,
        kind="start_codevelopment",
        reasons="Käynnistetään yhteiskehittäminen",
        scope="county",
        responsible_progress="Koordinaattori",
        meeting=net.meeting,
    )
    Meeting.objects.filter(pk=net.meeting.pk).update(status=Meeting.Status.HELD)


def _pdf_text(content: bytes) -> str:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        return subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout


def test_agenda_pdf_for_member(client, net):
    services.initiative_put_on_agenda(actor=net.member, initiative=net.initiative, meeting=net.meeting)
    client.force_login(net.member)
    response = client.get(url("agenda_pdf", net.meeting.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "AGENDA" in text and re.search(r"1\s*§", text) and "Nuorten yksinäisyys iltaisin" in text


def test_minutes_pdf_shows_decision_and_attendance(client, net):
    _held_meeting_with_decision(net)
    client.force_login(net.member)
    response = client.get(url("minutes_pdf", net.meeting.pk))
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "MINUTES" in text and "Decision:" in text and f"1/{timezone.localdate().year}" in text
    assert "Pekka Puheenjohtaja" in text and "Sanna Sihteeri" in text


def test_minutes_pdf_404_before_meeting_is_held(client, net):
    client.force_login(net.member)
    assert client.get(url("minutes_pdf", net.meeting.pk)).status_code == 404


def test_meeting_documents_hidden_from_limited_and_anonymous(client, net):
    _held_meeting_with_decision(net)
    client.force_login(net.client_rep)
    for name in ("agenda_pdf", "minutes_pdf", "meeting_ics"):
        assert client.get(url(name, net.meeting.pk)).status_code == 404
    client.logout()
    for name in ("agenda_pdf", "minutes_pdf", "meeting_ics"):
        assert client.get(url(name, net.meeting.pk)).status_code == 302


def test_meeting_ics_is_request_invitation(client, net):
    client.force_login(net.member)
    response = client.get(url("meeting_ics", net.meeting.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "METHOD:REQUEST" in body and body.count("BEGIN:VEVENT") == 1 and net.meeting.uid in body


# register -----------------------------------------------------------------------------------------------


def test_register_public_without_personal_data(client, net):
    services.decision_record(
        actor=net.secretary, initiative=net.initiative, kind="forward", reasons="Ylemmäs"
    )
    regional_chair = MembershipFactory(group=net.regional, role=Membership.Role.CHAIR).user
    services.decision_record(
        actor=regional_chair,
        initiative=net.initiative,
        kind="start_codevelopment",
        reasons="Alueellinen kehittäminen",
        scope="region",
        responsible_progress="Maija Meikäläinen",
        responsible_users=[regional_chair],
    )
    response = client.get(url("register"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alueellinen kehittäminen" in body and "Nuorten yksinäisyys iltaisin" in body
    assert "Ylemmäs" not in body  # forwards are not in the register
    assert "Maija Meikäläinen" not in body and regional_chair.full_name not in body
    assert "2 responsibilities named" in body


def test_register_per_centre_and_search(client, net):
    services.decision_record(
        actor=net.secretary, initiative=net.initiative, kind="information", reasons="Tiedoksi"
    )
    other_centre, _m = centre_with_municipality("Orivesi")
    assert "Tiedoksi" in client.get(url("register_centre", net.centre.slug)).content.decode()
    assert "Tiedoksi" not in client.get(url("register_centre", other_centre.slug)).content.decode()
    assert "Tiedoksi" in client.get(url("register"), {"q": "yksinäisyys"}).content.decode()
    assert "No decisions match" in client.get(url("register"), {"q": "eiloydy"}).content.decode()
    year = timezone.localdate().year
    assert "Tiedoksi" in client.get(url("register"), {"q": f"1/{year}"}).content.decode()


def test_register_unknown_centre_404(client, net):
    assert client.get(url("register_centre", "ei-ole")).status_code == 404


def test_register_query_count_is_fixed(client, net, django_assert_max_num_queries):
    services.decision_record(
        actor=net.secretary, initiative=net.initiative, kind="information", reasons="Tiedoksi"
    )
    with django_assert_max_num_queries(15) as few:
        client.get(url("register"))
    for _i in range(12):
        initiative = InitiativeFactory(
            group=net.local, phenomenon=PhenomenonFactory(family_centre=net.centre)
        )
        services.decision_record(actor=net.secretary, initiative=initiative, kind="reject", reasons="Ei nyt")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("register"))
    assert "13 decisions" in response.content.decode()


def test_register_in_swedish(client, net):
    with translation.override("sv"):
        path = reverse("phenomena:register")
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()


def test_decide_on_meeting_default_from_agenda(client, net):
    services.initiative_put_on_agenda(actor=net.member, initiative=net.initiative, meeting=net.meeting)
    client.force_login(net.secretary)
    response = client.get(url("decide", net.initiative.pk))
    assert f'value="{net.meeting.pk}" selected' in response.content.decode()


def test_agenda_form_lists_only_planned_meetings(client, net):
    MeetingFactory(
        group=net.local,
        title="Peruttu kokous",
        status=Meeting.Status.CANCELLED,
        starts_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(net.member)
    body = client.get(url("initiative_detail", net.initiative.pk)).content.decode()
    assert "Ohjausryhmän kokous" in body and "Peruttu kokous" not in body


def test_staff_sees_initiative(client, net):
    client.force_login(UserFactory(staff=True))
    response = client.get(url("initiative_detail", net.initiative.pk))
    assert response.status_code == 200
    assert response.context["initiative"] == net.initiative


# links on other apps' pages ------------------------------------------------------------------------------


def _other(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_group_page_links_to_queue_for_members_only(client, net):
    client.force_login(net.member)
    body = client.get(_other("familycentres:group_detail", net.local.pk)).content.decode()
    assert url("group_queue", net.local.pk) in body and "Initiatives to handle (1)" in body
    client.force_login(net.outsider)
    assert (
        url("group_queue", net.local.pk)
        not in client.get(_other("familycentres:group_detail", net.local.pk)).content.decode()
    )


def test_meeting_page_links_documents_and_decide_for_secretary(client, net):
    services.initiative_put_on_agenda(actor=net.member, initiative=net.initiative, meeting=net.meeting)
    client.force_login(net.secretary)
    body = client.get(_other("familycentres:meeting_detail", net.meeting.pk)).content.decode()
    assert url("agenda_pdf", net.meeting.pk) in body and url("meeting_ics", net.meeting.pk) in body
    assert url("minutes_pdf", net.meeting.pk) not in body  # not held yet
    assert url("decide", net.initiative.pk) in body
    client.force_login(net.member)
    body = client.get(_other("familycentres:meeting_detail", net.meeting.pk)).content.decode()
    assert (
        url("initiative_detail", net.initiative.pk) in body and url("decide", net.initiative.pk) not in body
    )


def test_team_view_shows_decisions_with_fixed_queries(client, net, django_assert_max_num_queries):
    team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, family_centre=net.centre, area=net.municipality)
    member = MembershipFactory(group=team).user
    services.decision_record(
        actor=net.secretary,
        initiative=net.initiative,
        kind="start_codevelopment",
        reasons="Aloitetaan",
        scope="county",
        responsible_progress="Koordinaattori",
    )
    client.force_login(member)
    path = _other("observations:team_view", team.pk)
    with django_assert_max_num_queries(60) as few:
        body = client.get(path).content.decode()
    assert "Decisions on this area's phenomena" in body and "Nuorten yksinäisyys iltaisin" in body
    for _i in range(5):
        obs = ObservationFactory(family_centre=net.centre, area=net.municipality)
        ph = PhenomenonFactory(family_centre=net.centre, created_by=net.collector)
        services.phenomenon_observations_add(actor=net.collector, phenomenon=ph, observation_ids=[obs.pk])
        initiative = InitiativeFactory(group=net.local, phenomenon=ph)
        services.decision_record(actor=net.secretary, initiative=initiative, kind="reject", reasons="Ei")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(path)


def _panel(client, path) -> str:
    body = client.get(path).content.decode()
    start = body.index('id="team-decisions-heading"')
    return body[start : body.index("</section>", start)]


def test_team_decisions_panel_is_cached_and_every_write_shows(client, net, django_assert_max_num_queries):
    """The decisions panel is kept in the cache between views, and every kind of write that changes it
    (a decision, a renamed phenomenon or group, a link added in bulk or removed, an observation moved to
    another area, a decision deleted) shows on the next view: the triggers raise its version."""
    from django.core.cache import cache

    from core.fragments import current_version
    from phenomena.models import PhenomenonObservation

    cache.clear()
    team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, family_centre=net.centre, area=net.municipality)
    member = MembershipFactory(group=team).user
    client.force_login(member)
    path = _other("observations:team_view", team.pk)
    decision = services.decision_record(
        actor=net.secretary, initiative=net.initiative, kind="reject", reasons="Ei nyt"
    )
    with django_assert_max_num_queries(80) as first:
        assert "Nuorten yksinäisyys iltaisin" in _panel(client, path)
    with django_assert_max_num_queries(len(first.captured_queries) - 1):
        assert "Nuorten yksinäisyys iltaisin" in _panel(client, path)  # from the cache: no decision read

    def changes(write) -> str:
        before = current_version("team_decisions")
        write()
        assert current_version("team_decisions") > before
        return _panel(client, path)

    # The phenomenon's title.
    panel = changes(lambda: Phenomenon.objects.filter(pk=net.phenomenon.pk).update(title="Uusi otsikko"))
    assert "Uusi otsikko" in panel and "Nuorten yksinäisyys iltaisin" not in panel
    # The deciding group's name (the panel shows it with the decision).
    panel = changes(lambda: Group.objects.filter(pk=net.local.pk).update(name="Uusi ohjausryhmä"))
    assert "Uusi ohjausryhmä" in panel
    # The observation moves out of the team's area: the phenomenon is no longer the area's.
    elsewhere, _m = centre_with_municipality("Orivesi")
    panel = changes(lambda: Observation.objects.filter(pk=net.observation.pk).update(area=_m))
    assert "Uusi otsikko" not in panel
    # A decided phenomenon gets an observation of the area through a bulk write.
    panel = changes(
        lambda: PhenomenonObservation.objects.bulk_create(
            [
                PhenomenonObservation(
                    phenomenon=net.phenomenon,
                    observation=ObservationFactory(family_centre=net.centre, area=net.municipality),
                )
            ]
        )
    )
    assert "Uusi otsikko" in panel
    # The decision is deleted.
    panel = changes(lambda: Decision.objects.filter(pk=decision.pk).delete())
    assert "Uusi otsikko" not in panel
    # Writes that change no panel leave the version alone: a new observation, a phenomenon's description.
    before = current_version("team_decisions")
    ObservationFactory(family_centre=net.centre, area=net.municipality)
    Phenomenon.objects.filter(pk=net.phenomenon.pk).update(description="Toinen kuvaus")
    assert current_version("team_decisions") == before


def test_team_decisions_panel_cached_per_language(client, net):
    from django.core.cache import cache

    cache.clear()
    team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, family_centre=net.centre, area=net.municipality)
    client.force_login(MembershipFactory(group=team).user)
    services.decision_record(actor=net.secretary, initiative=net.initiative, kind="reject", reasons="Ei")
    panels = {}
    for language in ("fi", "sv", "en", "fi"):
        with translation.override(language):
            path = reverse("observations:team_view", args=[team.pk])
        panels.setdefault(language, set()).add(_panel(client, path))
    assert len(panels["fi"]) == 1  # the same, cached or not
    assert len({next(iter(p)) for p in panels.values()}) == 3


def test_home_links_public_register(client):
    assert url("register") in client.get(_other("home")).content.decode()


def _start_codevelopment(net, **extra):
    services.decision_record(
        actor=net.secretary, initiative=net.initiative, kind="forward", reasons="Ylemmäs"
    )
    regional_chair = MembershipFactory(group=net.regional, role=Membership.Role.CHAIR).user
    decision = services.decision_record(
        actor=regional_chair,
        initiative=net.initiative,
        kind="start_codevelopment",
        reasons="Alueellinen kehittäminen",
        scope="region",
        responsible_users=[regional_chair],
        **extra,
    )
    return decision, regional_chair


def test_register_entries_link_to_public_decision_page_naming_roles(client, net):
    decision, chair = _start_codevelopment(
        net,
        responsible_progress="Alueellinen perhekeskuskoordinaattori",
        responsible_facilitation="Järjestöjen kehittämissuunnittelija",
    )
    page = url("register_decision", decision.pk)
    body = client.get(url("register")).content.decode()
    assert f'href="{page}"' in body
    assert "Alueellinen perhekeskuskoordinaattori" in body
    response = client.get(page)  # public: no sign-in
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alueellinen kehittäminen" in body and decision.label in body
    assert "Responsible for progress" in body and "Alueellinen perhekeskuskoordinaattori" in body
    assert "Järjestöjen kehittämissuunnittelija" in body
    assert "Roles of the people named responsible" in body and "Chair" in body
    assert chair.full_name not in body


def test_register_decision_forwarded_or_unknown_is_404(client, net):
    forward = services.decision_record(
        actor=net.secretary, initiative=net.initiative, kind="forward", reasons="Ylemmäs"
    )
    assert client.get(url("register_decision", forward.pk)).status_code == 404
    assert client.get(url("register_decision", 999999)).status_code == 404


def test_decision_at_a_meeting_waits_for_it_to_start(client, net):
    from core.errors import ConflictError

    future = MeetingFactory(group=net.local)
    with pytest.raises(ConflictError) as exc:
        services.decision_record(
            actor=net.secretary,
            initiative=net.initiative,
            kind="information",
            reasons="Tiedoksi",
            meeting=future,
        )
    assert exc.value.code == "meeting_not_started"
    net.initiative.refresh_from_db()
    assert net.initiative.status != "decided"
    services.initiative_put_on_agenda(actor=net.member, initiative=net.initiative, meeting=future)
    client.force_login(net.secretary)
    response = client.post(
        url("decide", net.initiative.pk), {"kind": "information", "reasons": "Tiedoksi", "meeting": future.pk}
    )
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
