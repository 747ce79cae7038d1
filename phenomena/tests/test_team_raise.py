"""A local family-centre team raises a matter to its steering group, and is told of every step; a forward
reaches the receiving group's chair, secretary and coordinator."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from core.audit import AuditEvent
from core.errors import ConflictError, DomainError
from core.models import Notification
from core.services import notification_digest_send
from familycentres.models import Group, Meeting, Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
from observations.tests.factories import ObservationFactory, centre_with_municipality
from phenomena import services
from phenomena.models import Initiative, Phenomenon
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def net():
    """County ← regional ← local steering ← local team (of a municipality), with the roles that matter."""
    centre, municipality = centre_with_municipality("Nokia")
    county = GroupFactory(
        name="Maakunta", kind=Group.Kind.COUNTY_STEERING, level="county", family_centre=None
    )
    regional = GroupFactory(
        name="Alue",
        kind=Group.Kind.REGIONAL_COORDINATION,
        level="regional",
        family_centre=None,
        parent=county,
    )
    steering = GroupFactory(name="Nokian ohjausryhmä", family_centre=centre, parent=regional)
    team = GroupFactory(
        name="Nokian tiimi",
        kind=Group.Kind.LOCAL_TEAM,
        family_centre=centre,
        area=municipality,
        parent=steering,
    )

    def member(group, role):
        return MembershipFactory(group=group, role=role).user

    people = {
        "team_member": member(team, Membership.Role.MEMBER),
        "team_colleague": member(team, Membership.Role.MEMBER),
        "team_client_rep": member(team, Membership.Role.CLIENT_REPRESENTATIVE),
        "steering_chair": member(steering, Membership.Role.CHAIR),
        "steering_secretary": member(steering, Membership.Role.SECRETARY),
        "steering_coordinator": member(steering, Membership.Role.COORDINATOR),
        "steering_member": member(steering, Membership.Role.MEMBER),
        "regional_chair": member(regional, Membership.Role.CHAIR),
        "regional_secretary": member(regional, Membership.Role.SECRETARY),
        "regional_coordinator": member(regional, Membership.Role.COORDINATOR),
        "regional_member": member(regional, Membership.Role.MEMBER),
        "county_chair": member(county, Membership.Role.CHAIR),
    }
    groups = {"county": county, "regional": regional, "steering": steering, "team": team}
    meeting = MeetingFactory(group=team, status=Meeting.Status.HELD)
    return groups, people, meeting


def _raise(groups, people, meeting, **overrides):
    values = {
        "actor": people["team_member"],
        "team": groups["team"],
        "meeting": meeting,
        "title": "Iltapäivätoiminnan jonot",
        "description": "Moni ekaluokkalainen jää ilman paikkaa.",
        "kind": "concern",
        "scale": "local_area",
        "proposal": "local_action",
        "rationale": "Koskee kaikkia alueen kouluja.",
    }
    values.update(overrides)
    return services.initiative_raise_from_team(**values)


def _notified(user, verb=None):
    qs = Notification.objects.filter(recipient=user)
    return qs.filter(verb=verb) if verb else qs


# Raising --------------------------------------------------------------------------------------------------


def test_raise_makes_phenomenon_and_initiative_in_the_steering_groups_queue(net):
    groups, people, meeting = net
    initiative = _raise(groups, people, meeting)
    phenomenon = initiative.phenomenon
    assert initiative.group == groups["steering"] and initiative.raised_by_team == groups["team"]
    assert initiative.status == Initiative.Status.SUBMITTED and initiative.proposal == "local_action"
    assert phenomenon.status == Phenomenon.Status.INITIATIVE_MADE
    assert phenomenon.analyser_group == groups["team"] and phenomenon.analyser_kind == "team"
    assert phenomenon.family_centre == groups["team"].family_centre and phenomenon.area == groups["team"].area
    audit = AuditEvent.objects.get(action="initiative.create", object_id=str(initiative.pk))
    assert audit.after["raised_by_team"] == groups["team"].pk and audit.after["meeting"] == meeting.pk


def test_raise_tells_the_steering_groups_chair_secretary_and_coordinator_once(net):
    groups, people, meeting = net
    initiative = _raise(groups, people, meeting)
    for key in ("steering_chair", "steering_secretary", "steering_coordinator"):
        notes = list(_notified(people[key], "initiative.new"))
        assert len(notes) == 1 and notes[0].url == initiative.get_absolute_url()
        assert "Iltapäivätoiminnan jonot" in notes[0].text
    assert not _notified(people["steering_member"]).exists()
    # The rest of the team hears that the matter was raised; the one who raised it does not.
    assert _notified(people["team_colleague"], "initiative.raised").count() == 1
    assert not _notified(people["team_member"]).exists()


def test_raise_an_existing_visible_phenomenon(net):
    groups, people, meeting = net
    phenomenon = PhenomenonFactory(family_centre=groups["team"].family_centre, created_by=UserFactory())
    initiative = _raise(groups, people, meeting, phenomenon=phenomenon, title="", description="")
    assert initiative.phenomenon == phenomenon
    phenomenon.refresh_from_db()
    assert phenomenon.status == Phenomenon.Status.INITIATIVE_MADE
    with pytest.raises(ConflictError) as exc:
        _raise(groups, people, meeting, phenomenon=phenomenon)
    assert exc.value.code == "already_waiting"


def test_raise_refuses_a_phenomenon_the_member_may_not_see(net):
    groups, people, meeting = net
    hidden = PhenomenonFactory(family_centre=GroupFactory().family_centre)
    with pytest.raises(DomainError) as exc:
        _raise(groups, people, meeting, phenomenon=hidden)
    assert exc.value.code == "unknown_phenomenon"
    assert not Initiative.objects.filter(phenomenon=hidden).exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "", "title_required"),
        ("description", "  ", "description_required"),
        ("kind", "odd", "kind"),
        ("scale", "", "scale"),
        ("proposal", "implementation", "proposal"),
        ("rationale", "\x00", "rationale_required"),
    ],
)
def test_raise_validates_what_was_typed(net, field, value, code):
    groups, people, meeting = net
    with pytest.raises(DomainError) as exc:
        _raise(groups, people, meeting, **{field: value})
    assert exc.value.code == code
    assert not Phenomenon.objects.exists() and not Initiative.objects.exists()


def test_only_the_teams_professional_members_raise(net):
    groups, people, meeting = net
    for key in ("team_client_rep", "steering_chair"):
        with pytest.raises(PermissionDenied):
            _raise(groups, people, meeting, actor=people[key])
    steering_meeting = MeetingFactory(group=groups["steering"])
    with pytest.raises(PermissionDenied):
        _raise(groups, people, steering_meeting, team=groups["steering"], actor=people["steering_chair"])
    assert not Initiative.objects.exists()


def test_raise_needs_a_steering_group_and_a_meeting_of_the_team(net):
    groups, people, meeting = net
    other = MeetingFactory(group=groups["steering"])
    with pytest.raises(DomainError) as exc:
        _raise(groups, people, other)
    assert exc.value.code == "wrong_meeting"
    cancelled = MeetingFactory(group=groups["team"], status=Meeting.Status.CANCELLED)
    with pytest.raises(DomainError):
        _raise(groups, people, cancelled)
    Group.objects.filter(pk=groups["team"].pk).update(parent=None)
    with pytest.raises(DomainError) as exc:
        _raise(groups, people, meeting)
    assert exc.value.code == "no_parent"


# Each step tells the raising team ------------------------------------------------------------------------


def test_each_step_tells_the_raising_team_once_with_a_link(net):
    groups, people, meeting = net
    initiative = _raise(groups, people, meeting)
    steering_meeting = MeetingFactory(group=groups["steering"])
    services.initiative_put_on_agenda(
        actor=people["steering_secretary"], initiative=initiative, meeting=steering_meeting
    )
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="forward", reasons="Alueellinen asia"
    )
    services.decision_record(
        actor=people["regional_chair"], initiative=initiative, kind="information", reasons="Tiedoksi"
    )
    verbs = list(_notified(people["team_member"]).order_by("pk").values_list("verb", flat=True))
    assert verbs == ["initiative.on_agenda", "initiative.forwarded", "initiative.decided"]
    assert all(n.url == initiative.get_absolute_url() for n in _notified(people["team_member"]))
    # A second send of the same event (a retried task, a second save) tells no one again.
    before = Notification.objects.count()
    decision = initiative.decisions.order_by("pk").last()
    services.tell_raising_teams(
        actor=people["regional_chair"],
        initiative=initiative,
        event="initiative.decided",
        text=lambda: "again",
        key=f"decision:{decision.pk}",
    )
    assert Notification.objects.count() == before
    # Each step is in the initiative's history.
    told = AuditEvent.objects.filter(action="initiative.teams_told", object_id=str(initiative.pk))
    assert [e.after["event"] for e in told.order_by("pk")][:4] == [
        "initiative.raised",
        "initiative.on_agenda",
        "initiative.forwarded",
        "initiative.decided",
    ]
    assert all(e.after["teams"] == [groups["team"].pk] for e in told)


def test_the_raising_team_is_told_in_each_recipients_language(net):
    groups, people, meeting = net
    people["team_member"].language = "sv"
    people["team_member"].save()
    people["team_colleague"].language = "en"
    people["team_colleague"].save()
    initiative = _raise(groups, people, meeting, actor=people["team_colleague"])
    with translation.override("fi"):
        services.decision_record(
            actor=people["steering_secretary"], initiative=initiative, kind="reject", reasons="Ei nyt"
        )
    sv = _notified(people["team_member"], "initiative.decided").get()
    with translation.override("sv"):
        from django.utils.translation import gettext as _

        assert _("rejected") in sv.text
    assert "Nokian ohjausryhmä" in sv.text


def test_client_representatives_of_the_team_are_not_told(net):
    groups, people, meeting = net
    initiative = _raise(groups, people, meeting)
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="forward", reasons="Eteenpäin"
    )
    assert not _notified(people["team_client_rep"]).exists()
    # SECURITY: and the limited account still cannot read the initiative.
    assert not Initiative.objects.visible_to(people["team_client_rep"]).filter(pk=initiative.pk).exists()
    assert Initiative.objects.visible_to(people["team_member"]).filter(pk=initiative.pk).exists()


def test_teams_of_the_observations_areas_are_told_too(net):
    groups, people, meeting = net
    centre = groups["team"].family_centre
    other_team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, family_centre=centre, area=groups["team"].area)
    other_member = MembershipFactory(group=other_team).user
    observation = ObservationFactory(family_centre=centre, area=groups["team"].area)
    phenomenon = services.phenomenon_create(
        actor=people["team_member"],
        title="Yksinäisyys",
        description="Havainnot",
        kind="concern",
        scale="local_area",
        analyser_kind="team",
        observation_ids=[observation.pk],
    )
    initiative = _raise(groups, people, meeting, phenomenon=phenomenon)
    assert set(services.raising_teams(initiative)) == {groups["team"], other_team}
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="reject", reasons="Ei nyt"
    )
    assert _notified(other_member, "initiative.decided").count() == 1
    # The observation's author, also in the team, hears of the decision once.
    assert Notification.objects.filter(recipient=observation.author).count() <= 2


def test_the_hourly_digest_emails_what_the_team_was_told(net):
    groups, people, meeting = net
    people["team_member"].email = "tiimi@example.test"
    people["team_member"].save()
    initiative = _raise(groups, people, meeting)
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="forward", reasons="Eteenpäin"
    )
    mail.outbox.clear()
    assert notification_digest_send(user=people["team_member"]) == 1
    assert "Iltapäivätoiminnan jonot" in mail.outbox[0].body


# Forwarding reaches the receiving group ------------------------------------------------------------------


def test_forwarding_tells_the_receiving_groups_chair_secretary_and_coordinator(net):
    groups, people, meeting = net
    initiative = _raise(groups, people, meeting)
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="forward", reasons="Eteenpäin"
    )
    for key in ("regional_chair", "regional_secretary", "regional_coordinator"):
        note = _notified(people[key], "initiative.new").get()
        assert note.url == initiative.get_absolute_url() and "Alue" in note.text
    assert not _notified(people["regional_member"]).exists()
    assert not _notified(people["county_chair"]).exists()
    # The one who forwards it is not told of their own act, also when they coordinate the next group too.
    MembershipFactory(group=groups["county"], user=people["regional_chair"], role=Membership.Role.COORDINATOR)
    services.decision_record(
        actor=people["regional_chair"], initiative=initiative, kind="forward", reasons="Maakuntaan"
    )
    assert _notified(people["county_chair"], "initiative.new").count() == 1
    assert "Maakunta" in _notified(people["county_chair"], "initiative.new").get().text
    assert _notified(people["regional_chair"], "initiative.new").count() == 1  # only the first forward


def test_a_new_initiative_to_a_group_is_told_once(net):
    groups, people, meeting = net
    phenomenon = PhenomenonFactory(
        family_centre=groups["steering"].family_centre, created_by=people["team_member"]
    )
    initiative = services.initiative_create(
        actor=people["team_member"],
        phenomenon=phenomenon,
        proposal="codevelopment",
        rationale="Perustelu",
        group=groups["steering"],
    )
    services.initiative_tell_group(actor=None, initiative=initiative, group=groups["steering"])
    assert _notified(people["steering_chair"], "initiative.new").count() == 1


# Pages ---------------------------------------------------------------------------------------------------


def _url(meeting):
    return reverse("phenomena:team_raise", args=[meeting.pk])


def _form(**overrides):
    data = {
        "phenomenon": "",
        "title": "Iltapäivätoiminnan jonot",
        "description": "Moni ekaluokkalainen jää ilman paikkaa.",
        "kind": "concern",
        "scale": "local_area",
        "proposal": "local_action",
        "rationale": "Koskee kaikkia alueen kouluja.",
    }
    data.update(overrides)
    return data


def test_page_team_professional_raises(client, net):
    groups, people, meeting = net
    url = reverse("phenomena:team_raise", args=[meeting.pk])
    client.force_login(people["team_member"])
    page = client.get(url)
    assert page.status_code == 200 and "Nokian ohjausryhmä" in page.content.decode()
    response = client.post(url, _form())
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    detail = client.get(initiative.get_absolute_url()).content.decode()
    assert "Nokian tiimi" in detail


def test_page_keeps_what_was_typed_on_error(client, net):
    groups, people, meeting = net
    client.force_login(people["team_member"])
    response = client.post(_url(meeting), _form(title="", rationale="Säilyy <b>tallessa</b>"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Säilyy &lt;b&gt;tallessa&lt;/b&gt;" in body and not Initiative.objects.exists()
    response = client.post(_url(meeting), _form(phenomenon="999999", kind="x\x00"))
    assert response.status_code == 400


def test_page_client_representative_is_refused(client, net):
    groups, people, meeting = net
    url = reverse("phenomena:team_raise", args=[meeting.pk])
    client.force_login(people["team_client_rep"])
    assert client.get(url).status_code == 403
    assert client.post(url, _form()).status_code == 403
    assert not Initiative.objects.exists()


def test_page_outsider_gets_404(client, net):
    groups, people, meeting = net
    url = reverse("phenomena:team_raise", args=[meeting.pk])
    client.force_login(people["steering_chair"])
    assert client.get(url).status_code == 404
    assert client.post(url, _form()).status_code == 404
    steering_meeting = MeetingFactory(group=groups["steering"])
    assert client.get(_url(steering_meeting)).status_code == 404
    assert client.get(reverse("phenomena:team_raise", args=[999999])).status_code == 404


def test_page_anonymous_goes_to_sign_in(client, net):
    _groups, _people, meeting = net
    url = reverse("phenomena:team_raise", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_meeting_page_links_to_raising_for_professionals_only(client, net):
    groups, people, meeting = net
    _raise(groups, people, meeting)
    page = reverse("familycentres:meeting_detail", args=[meeting.pk])
    client.force_login(people["team_colleague"])
    body = client.get(page).content.decode()
    assert _url(meeting) in body and "Iltapäivätoiminnan jonot" in body
    client.force_login(people["team_client_rep"])
    body = client.get(page).content.decode()
    assert _url(meeting) not in body and "Iltapäivätoiminnan jonot" not in body


def test_queue_shows_the_raising_team(client, net, django_assert_max_num_queries):
    groups, people, meeting = net
    _raise(groups, people, meeting)
    client.force_login(people["steering_chair"])
    url = reverse("phenomena:group_queue", args=[groups["steering"].pk])
    with django_assert_max_num_queries(20) as few:
        body = client.get(url).content.decode()
    assert "Nokian tiimi" in body
    for n in range(5):
        _raise(groups, people, meeting, title=f"Toinen asia {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_team_view_shows_decisions_on_what_the_team_raised(client, net):
    groups, people, meeting = net
    initiative = _raise(groups, people, meeting, title="Ilman havaintoja nostettu")
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="forward", reasons="Eteenpäin"
    )
    client.force_login(people["team_member"])
    body = client.get(reverse("observations:team_view", args=[groups["team"].pk])).content.decode()
    assert "Ilman havaintoja nostettu" in body
    other_team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, family_centre=groups["team"].family_centre)
    MembershipFactory(group=other_team, user=people["team_member"])
    body = client.get(reverse("observations:team_view", args=[other_team.pk])).content.decode()
    assert "Ilman havaintoja nostettu" not in body


# The initiative's history, from its audit trail ------------------------------------------------------------


def _handled(groups, people, meeting):
    """Raised by the team, on the steering group's agenda, forwarded to the regional group, which starts
    co-development naming a coordinator and a facilitator."""
    initiative = _raise(groups, people, meeting, proposal="codevelopment")
    services.initiative_put_on_agenda(
        actor=people["steering_secretary"],
        initiative=initiative,
        meeting=MeetingFactory(group=groups["steering"]),
    )
    services.decision_record(
        actor=people["steering_secretary"], initiative=initiative, kind="forward", reasons="Alueellinen asia"
    )
    services.decision_record(
        actor=people["regional_chair"],
        initiative=initiative,
        kind="start_codevelopment",
        reasons="Käynnistetään",
        scope="region",
        responsibilities={
            "progress": people["regional_chair"],
            "coordination": people["regional_coordinator"],
            "facilitation": people["team_member"],
        },
    )
    return initiative


def test_history_shows_every_step_from_the_audit_trail(net):
    from phenomena.selectors import initiative_history

    groups, people, meeting = net
    initiative = _handled(groups, people, meeting)
    with translation.override("en"):
        texts = [row["text"] for row in initiative_history(initiative)]
    assert texts[0] == "Raised by Nokian tiimi to Nokian ohjausryhmä"
    assert "Put on a meeting's agenda" in texts
    assert "Forwarded to Alue" in texts
    assert "Told the raising team (Nokian tiimi, 2 people): forwarded" in texts
    coordinator, facilitator = people["regional_coordinator"], people["team_member"]
    assert any(
        text.startswith("Decision ")
        and f"coordinator: {coordinator.full_name}" in text
        and f"facilitator: {facilitator.full_name}" in text
        for text in texts
    )
    assert "Told the raising team (Nokian tiimi, 2 people): decided" in texts
    # Oldest first, so the page reads as the matter went.
    assert texts.index("Forwarded to Alue") < texts.index(
        "Told the raising team (Nokian tiimi, 2 people): decided"
    )


def test_history_costs_the_same_queries_however_long(net, django_assert_max_num_queries):
    from django.contrib.contenttypes.models import ContentType

    from phenomena.models import Decision
    from phenomena.selectors import initiative_history

    ContentType.objects.get_for_models(Initiative, Decision)  # cached for the process, as on a live server
    groups, people, meeting = net
    short = _raise(groups, people, meeting, title="Lyhyt")
    with django_assert_max_num_queries(4):
        assert len(initiative_history(short)) == 2
    long = _handled(groups, people, meeting)
    with django_assert_max_num_queries(4):
        assert len(initiative_history(long)) >= 8


def test_initiative_page_lists_the_steps_for_those_who_read_it(client, net):
    groups, people, meeting = net
    initiative = _handled(groups, people, meeting)
    client.force_login(people["team_member"])
    with translation.override("en"):
        page = client.get(initiative.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="initiative-steps"' in body
    assert "Raised by Nokian tiimi to Nokian ohjausryhmä" in body
    assert "Forwarded to Alue" in body
    assert "Told the raising team (Nokian tiimi, 2 people): forwarded" in body
