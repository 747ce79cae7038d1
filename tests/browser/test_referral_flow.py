"""Done means: the county steering group sends a question down to three local teams; each team finds it on
its next meeting's agenda and in its team view, and a professional of each team records the team's answer;
the sender sees the three answers on one page. Driven in Chromium."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_county_group_asks_three_teams_and_sees_their_answers(network, new_context, sign_in):
    from datetime import timedelta

    from django.utils import timezone
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from core.models import Notification
    from familycentres.models import Group, Membership
    from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory
    from phenomena.models import Referral

    n = network
    county_chair = UserFactory(full_name="Kaisa Maakunta", email="kaisa.maakunta@example.test")
    MembershipFactory(group=n.county_group, user=county_chair, role=Membership.Role.CHAIR)
    now = timezone.now().replace(second=0, microsecond=0)
    teams, professionals, meetings = [n.team], [n.member], []
    for name, person in (
        ("Männistön perhekeskustiimi", "Maija Männistö"),
        ("Neulamäen perhekeskustiimi", "Niko Neulamäki"),
    ):
        team = GroupFactory(name=name, kind=Group.Kind.LOCAL_TEAM, family_centre=n.centre, parent=n.steering)
        user = UserFactory(full_name=person, email=f"{person.split()[0].lower()}@example.test")
        MembershipFactory(group=team, user=user, role=Membership.Role.MEMBER)
        teams.append(team)
        professionals.append(user)
    for days, team in zip((5, 9, 12), teams, strict=True):
        meetings.append(
            MeetingFactory(group=team, title=f"{team.name}: tapaaminen", starts_at=now + timedelta(days=days))
        )
    # A later meeting of the first team: the question goes on the next one, not this.
    later = MeetingFactory(group=n.team, title="Myöhempi tapaaminen", starts_at=now + timedelta(days=40))

    # The county group's chair sends the question from the group's page.
    sender = new_context()
    sign_in(sender, county_chair)
    page = sender.new_page()
    page.goto(f"/en/network/groups/{n.county_group.pk}/")
    page.get_by_role("link", name="Send a matter to the local teams").first.click()
    expect(page.locator("h1")).to_have_text("Send a matter to the local teams")
    page.get_by_label("a question").check()
    page.get_by_label("Title").fill("Iltapäivätoiminnan riittävyys")
    page.get_by_label("Question to the teams").fill("Riittävätkö iltapäiväkerhojen paikat alueellanne?")
    for team in teams:
        page.get_by_label(team.name).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send to the teams").click()
    expect(page.locator("main")).to_contain_text("The matter was sent to the teams.")
    expect(page.locator("main")).to_contain_text("0 of 3 teams have answered.")
    referral = Referral.objects.get()

    # Each team finds it on its next meeting's agenda and in its team view, and answers.
    for team, professional, meeting, text in zip(
        teams,
        professionals,
        meetings,
        (
            "Petosessa paikat riittävät.",
            "Männistössä jonoa on kymmenen lasta.",
            "Neulamäessä kerho on täynnä.",
        ),
        strict=True,
    ):
        context = new_context()
        sign_in(context, professional)
        team_page = context.new_page()
        team_page.goto(f"/en/network/meetings/{meeting.pk}/")
        agenda = team_page.locator("main ol").first
        expect(agenda).to_contain_text(f"From {n.county_group.name}: Iltapäivätoiminnan riittävyys")
        team_page.goto(team_view_url(team))
        expect(team_page.locator("#team-referrals-heading")).to_be_visible()
        team_page.goto(f"/en/network/meetings/{meeting.pk}/")
        team_page.get_by_role("link", name=re.compile(r"^Record the team's answer")).click()
        expect(team_page.locator("h1")).to_have_text("Record the team's answer")
        team_page.get_by_label("The team's answer").fill(text)
        with team_page.expect_navigation():
            team_page.get_by_role("button", name="Send the answer").click()
        expect(team_page.locator("main")).to_contain_text("The team's answer was recorded")
    assert not later.agenda_items.exists()

    # The sender was told of each answer once and sees the three on one page.
    assert Notification.objects.filter(recipient=county_chair, verb="referral.answered").count() == 3
    page.goto(f"/en/referrals/{referral.pk}/")
    expect(page.locator("main")).to_contain_text("3 of 3 teams have answered.")
    for text in (
        "Petosessa paikat riittävät.",
        "Männistössä jonoa on kymmenen lasta.",
        "Neulamäessä kerho on täynnä.",
    ):
        expect(page.locator("main")).to_contain_text(text)


def team_view_url(team) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse("observations:team_view", args=[team.pk])
