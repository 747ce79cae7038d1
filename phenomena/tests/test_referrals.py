"""Matters sent down to the local teams: sending (who may, what is refused), the next agenda of each team
or its first planned meeting, each team's answer back to the sender, notifications once each, the history,
and every page allowed and denied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from core.errors import DomainError
from core.models import AuditEvent, Notification
from familycentres import services as network_services
from familycentres.models import Group, Meeting, Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
from phenomena import referral_services as services
from phenomena.models import Phenomenon, Referral, ReferralAnswer
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"phenomena:{name}", args=args)


@pytest.fixture
def down(network):
    """The county steering group (chair, secretary, a plain member) and three local teams: the network's
    own team with an upcoming meeting, a second with two upcoming and a past one, a third with none."""
    n = network
    n.county = GroupFactory(
        name="Maakunnallinen ohjausryhmä",
        kind=Group.Kind.COUNTY_STEERING,
        level=Group.Level.COUNTY,
        family_centre=None,
    )
    n.chair = MembershipFactory(group=n.county, role=Membership.Role.CHAIR).user
    n.secretary = MembershipFactory(group=n.county, role=Membership.Role.SECRETARY).user
    n.county_member = MembershipFactory(group=n.county, role=Membership.Role.MEMBER).user
    n.team2 = GroupFactory(name="Tiimi B", kind=Group.Kind.LOCAL_TEAM, family_centre=n.centre)
    n.team3 = GroupFactory(name="Tiimi C", kind=Group.Kind.LOCAL_TEAM, family_centre=n.centre)
    n.coordinator1 = MembershipFactory(group=n.team, role=Membership.Role.COORDINATOR).user
    n.coordinator2 = MembershipFactory(group=n.team2, role=Membership.Role.COORDINATOR).user
    n.coordinator3 = MembershipFactory(group=n.team3, role=Membership.Role.COORDINATOR).user
    n.member2 = MembershipFactory(group=n.team2, role=Membership.Role.MEMBER).user
    now = timezone.now()
    n.meeting1 = MeetingFactory(group=n.team, starts_at=now + timedelta(days=10))
    MeetingFactory(group=n.team2, starts_at=now - timedelta(days=20), status=Meeting.Status.HELD)
    MeetingFactory(group=n.team2, starts_at=now + timedelta(days=30))
    n.meeting2 = MeetingFactory(group=n.team2, starts_at=now + timedelta(days=5))
    MeetingFactory(group=n.team2, starts_at=now + timedelta(days=2), status=Meeting.Status.CANCELLED)
    return n


def _send(n, **kwargs):
    kwargs.setdefault("teams", [n.team, n.team2, n.team3])
    return services.referral_send(
        actor=kwargs.pop("actor", n.chair),
        sender=kwargs.pop("sender", n.county),
        subject=kwargs.pop("subject", Referral.Subject.QUESTION),
        title=kwargs.pop("title", "Iltapäiväkerhojen riittävyys"),
        question=kwargs.pop("question", "Riittävätkö iltapäiväkerhot alueellanne?"),
        **kwargs,
    )


# Services -------------------------------------------------------------------------------------------------


def test_send_goes_on_each_teams_next_agenda_and_waits_without_a_meeting(down):
    n = down
    referral = _send(n)
    answers = {a.team_id: a for a in referral.answers.select_related("agenda_item__meeting")}
    assert answers[n.team.pk].agenda_item.meeting == n.meeting1
    # The earliest planned upcoming meeting, not the cancelled or the past one.
    assert answers[n.team2.pk].agenda_item.meeting == n.meeting2
    # The agenda item is written in the sender's language (Finnish by default).
    title = answers[n.team2.pk].agenda_item.title
    assert title == "Maakunnallinen ohjausryhmä lähetti: Iltapäiväkerhojen riittävyys"
    assert answers[n.team2.pk].agenda_item.description == "Riittävätkö iltapäiväkerhot alueellanne?"
    assert answers[n.team3.pk].agenda_item is None
    actions = list(
        AuditEvent.objects.filter(object_id=str(referral.pk), action__startswith="referral.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["referral.on_agenda", "referral.on_agenda", "referral.send"]
    # Each team's coordinator is told once, the sender not at all.
    for coordinator in (n.coordinator1, n.coordinator2, n.coordinator3):
        assert Notification.objects.filter(recipient=coordinator, verb="referral.sent").count() == 1
    assert not Notification.objects.filter(recipient=n.chair).exists()


def test_waiting_matter_goes_on_the_first_meeting_the_team_plans(down):
    n = down
    referral = _send(n)
    starts = timezone.now() + timedelta(days=14)
    meeting = network_services.meeting_create(
        actor=n.coordinator3,
        group=n.team3,
        title="Tiimi C:n tapaaminen",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team3)
    assert answer.agenda_item.meeting == meeting
    assert answer.agenda_item.order == 1
    # A second meeting does not take it again.
    later = starts + timedelta(days=30)
    network_services.meeting_create(
        actor=n.coordinator3,
        group=n.team3,
        title="Seuraava",
        starts_at=later,
        ends_at=later + timedelta(hours=1),
    )
    assert ReferralAnswer.objects.get(pk=answer.pk).agenda_item.meeting == meeting


def test_send_refused_for_plain_member_local_group_and_bad_input(down):
    n = down
    with pytest.raises(PermissionDenied):
        _send(n, actor=n.county_member)
    with pytest.raises(PermissionDenied):
        _send(n, actor=n.professional, sender=n.team)
    with pytest.raises(DomainError) as exc:
        _send(n, teams=[n.team, n.other_group])
    assert exc.value.code == "teams_invalid"
    with pytest.raises(DomainError) as exc:
        _send(n, teams=[])
    assert exc.value.code == "teams_required"
    with pytest.raises(DomainError) as exc:
        _send(n, question="  \x00 ")
    assert exc.value.code == "question_required"
    with pytest.raises(DomainError) as exc:
        _send(n, subject=Referral.Subject.PHENOMENON)
    assert exc.value.code == "phenomenon_required"
    assert not Referral.objects.exists()


def test_send_links_only_a_phenomenon_the_sender_may_read(down):
    n = down
    hidden = PhenomenonFactory(family_centre=n.other_centre)
    with pytest.raises(DomainError) as exc:
        _send(n, subject=Referral.Subject.PHENOMENON, phenomenon=hidden)
    assert exc.value.code == "phenomenon_unknown"
    county_level = PhenomenonFactory(family_centre=None, status=Phenomenon.Status.UNDER_ANALYSIS)
    referral = _send(n, subject=Referral.Subject.PHENOMENON, phenomenon=county_level)
    assert referral.phenomenon == county_level


def test_answer_goes_back_to_the_senders_chair_and_secretary_once(down):
    n = down
    referral = _send(n)
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team2)
    services.referral_answer(actor=n.member2, answer=answer, text="Kerhopaikat eivät riitä syksyllä.")
    answer.refresh_from_db()
    assert answer.is_answered and answer.answered_by == n.member2
    assert Notification.objects.filter(recipient=n.chair, verb="referral.answered").count() == 1
    assert Notification.objects.filter(recipient=n.secretary, verb="referral.answered").count() == 1
    assert not Notification.objects.filter(recipient=n.county_member, verb="referral.answered").exists()
    # A correction is recorded and audited, and tells no one a second time.
    services.referral_answer(actor=n.coordinator2, answer=answer, text="Kerhopaikat eivät riitä.")
    assert Notification.objects.filter(recipient=n.chair, verb="referral.answered").count() == 1
    actions = list(
        AuditEvent.objects.filter(
            object_id=str(referral.pk), action__startswith="referral.answer"
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["referral.answer", "referral.answer_correct"]
    with pytest.raises(DomainError) as exc:
        services.referral_answer(actor=n.coordinator2, answer=answer, text="Kerhopaikat eivät riitä.")
    assert exc.value.code == "unchanged"


def test_answer_refused_for_client_rep_other_team_and_empty_text(down):
    n = down
    referral = _send(n)
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team)
    for user in (n.client_rep, n.member2, n.chair, n.outsider):
        with pytest.raises(PermissionDenied):
            services.referral_answer(actor=user, answer=answer, text="Vastaus")
    with pytest.raises(DomainError) as exc:
        services.referral_answer(actor=n.professional, answer=answer, text=" ")
    assert exc.value.code == "text_required"


def test_notifications_in_each_recipients_language(down):
    n = down
    n.coordinator1.language = "sv"
    n.coordinator1.save(update_fields=["language"])
    n.coordinator2.language = "en"
    n.coordinator2.save(update_fields=["language"])
    _send(n)
    sv = Notification.objects.get(recipient=n.coordinator1, verb="referral.sent").text
    en = Notification.objects.get(recipient=n.coordinator2, verb="referral.sent").text
    assert en.startswith("Maakunnallinen ohjausryhmä sent a matter to Tiimi B for discussion")
    assert sv != en and "Maakunnallinen ohjausryhmä" in sv


# Pages ----------------------------------------------------------------------------------------------------


def test_referral_list_for_sender_member_with_fixed_queries(client, down, django_assert_max_num_queries):
    n = down
    _send(n)
    client.force_login(n.county_member)
    with django_assert_max_num_queries(14) as few:
        response = client.get(url("referral_list", n.county.pk))
    assert response.status_code == 200
    assert "Iltapäiväkerhojen riittävyys" in response.content.decode()
    assert "0 of 3 teams" in response.content.decode()
    for i in range(15):
        _send(n, title=f"Asia {i}", teams=[n.team2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("referral_list", n.county.pk))
    assert response.status_code == 200
    # A plain member lists but does not send.
    assert url("referral_create", n.county.pk) not in response.content.decode()


def test_referral_list_denied(client, down):
    n = down
    response = client.get(url("referral_list", n.county.pk))
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(n.professional)
    assert client.get(url("referral_list", n.county.pk)).status_code == 403
    client.force_login(n.client_rep)
    assert client.get(url("referral_list", n.county.pk)).status_code == 404
    client.force_login(n.chair)
    assert client.get(url("referral_list", 999999)).status_code == 404


def test_referral_create_by_chair_sends_to_chosen_teams(client, down):
    n = down
    client.force_login(n.chair)
    page = client.get(url("referral_create", n.county.pk))
    assert page.status_code == 200
    assert "Tiimi B" in page.content.decode()
    response = client.post(
        url("referral_create", n.county.pk),
        {
            "subject": "question",
            "title": "Kysymys tiimeille",
            "question": "Miten perheet löytävät avoimen kohtaamispaikan?",
            "teams": [n.team.pk, n.team2.pk],
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert set(referral.answers.values_list("team_id", flat=True)) == {n.team.pk, n.team2.pk}


def test_referral_create_keeps_what_was_typed_on_bad_input(client, down):
    n = down
    client.force_login(n.chair)
    response = client.post(
        url("referral_create", n.county.pk),
        {
            "subject": "observation",
            "title": "Otsikko",
            "question": "Kysymys <b>tässä</b>",
            "observation": "99999999",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kysymys &lt;b&gt;tässä&lt;/b&gt;" in body
    assert not Referral.objects.exists()
    response = client.post(
        url("referral_create", n.county.pk),
        {"subject": "nope", "title": "x" * 500, "question": "\x00", "teams": ["abc"]},
    )
    assert response.status_code == 400


def test_referral_create_denied(client, down):
    n = down
    response = client.get(url("referral_create", n.county.pk))
    assert response.status_code == 302
    for user in (n.county_member, n.professional, n.outsider):
        client.force_login(user)
        assert client.get(url("referral_create", n.county.pk)).status_code == 403
    client.force_login(n.client_rep)
    assert client.get(url("referral_create", n.county.pk)).status_code == 404
    # A local team does not send matters down.
    client.force_login(n.coordinator1)
    assert client.get(url("referral_create", n.team.pk)).status_code == 403


def test_referral_detail_shows_all_answers_and_history_to_sender(client, down):
    n = down
    referral = _send(n)
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team2)
    services.referral_answer(actor=n.member2, answer=answer, text="Kerhopaikat eivät riitä syksyllä.")
    client.force_login(n.secretary)
    response = client.get(url("referral_detail", referral.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 of 3 teams have answered." in body
    assert "Kerhopaikat eivät riitä syksyllä." in body
    assert "Not answered yet; waiting for the team" in body
    assert "A team answered: Tiimi B" in body
    assert url("referral_answer", answer.pk) not in body  # the sender does not answer for a team


def test_referral_detail_denied(client, down):
    n = down
    referral = _send(n, teams=[n.team2])
    assert client.get(url("referral_detail", referral.pk)).status_code == 302
    # The network's own team was not asked: its professional, the client representative and an outsider
    # do not see the matter.
    for user in (n.professional, n.client_rep, n.outsider, n.other_collector):
        client.force_login(user)
        assert client.get(url("referral_detail", referral.pk)).status_code == 404
    client.force_login(n.member2)
    assert client.get(url("referral_detail", referral.pk)).status_code == 200
    assert client.get(url("referral_detail", "0")).status_code == 404


def test_referral_answer_by_team_professional(client, down):
    n = down
    referral = _send(n)
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team)
    client.force_login(n.professional)
    page = client.get(url("referral_answer", answer.pk))
    assert page.status_code == 200
    assert "Riittävätkö iltapäiväkerhot alueellanne?" in page.content.decode()
    response = client.post(url("referral_answer", answer.pk), {"text": ""})
    assert response.status_code == 400
    response = client.post(url("referral_answer", answer.pk), {"text": "Riittävät hyvin."})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.text == "Riittävät hyvin." and answer.answered_by == n.professional


def test_referral_answer_denied(client, down):
    n = down
    referral = _send(n)
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team)
    assert client.get(url("referral_answer", answer.pk)).status_code == 302
    # Another asked team's member and the sender see the matter but do not answer for this team.
    for user in (n.member2, n.chair):
        client.force_login(user)
        assert client.get(url("referral_answer", answer.pk)).status_code == 403
        assert client.post(url("referral_answer", answer.pk), {"text": "x"}).status_code == 403
    for user in (n.client_rep, n.outsider):
        client.force_login(user)
        assert client.get(url("referral_answer", answer.pk)).status_code == 404
    answer.refresh_from_db()
    assert not answer.is_answered


def test_meeting_page_and_team_view_show_the_matter_to_the_team(client, down):
    n = down
    referral = _send(n)
    answer = ReferralAnswer.objects.get(referral=referral, team=n.team)
    client.force_login(n.professional)
    with translation.override("en"):
        meeting_url = reverse("familycentres:meeting_detail", args=[n.meeting1.pk])
        team_url = reverse("observations:team_view", args=[n.team.pk])
    body = client.get(meeting_url).content.decode()
    assert "Matters sent to the team for discussion" in body
    assert url("referral_answer", answer.pk) in body
    body = client.get(team_url).content.decode()
    assert "Iltapäiväkerhojen riittävyys" in body and url("referral_answer", answer.pk) in body
    # Someone else in the network sees the meeting's agenda item but not the team's answer links.
    client.force_login(n.other_collector)
    body = client.get(meeting_url).content.decode()
    assert url("referral_answer", answer.pk) not in body


def test_group_page_links_sent_matters_for_sender_members_only(client, down):
    n = down
    with translation.override("en"):
        group_url = reverse("familycentres:group_detail", args=[n.county.pk])
    client.force_login(n.chair)
    body = client.get(group_url).content.decode()
    assert url("referral_list", n.county.pk) in body and url("referral_create", n.county.pk) in body
    client.force_login(UserFactory())
    body = client.get(group_url).content.decode()
    assert url("referral_list", n.county.pk) not in body
