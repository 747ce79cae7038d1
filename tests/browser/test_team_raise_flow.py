"""Done means: a professional of a local family-centre team raises a matter from the team's meeting record to
the team's steering group; the steering group's chair finds it in the group's queue, marked with the team,
puts it on a meeting's agenda and forwards it; the county steering group's chair is told of the new
initiative; and the team member sees a notification of each step. Driven in Chromium."""

from __future__ import annotations

import re

import pytest

from tests.browser import team_raise_steps

pytestmark = pytest.mark.browser


def test_team_raises_a_matter_the_steering_group_forwards_and_everyone_is_told(network, new_context, sign_in):
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory, meeting_starts_now
    from phenomena.models import Initiative

    n = network
    team_member = UserFactory(full_name="Tiina Tiimiläinen", email="tiina.tiimi@example.test", language="en")
    MembershipFactory(group=n.team, user=team_member, role=Membership.Role.MEMBER)
    county_chair = UserFactory(full_name="Kaisa Maakunta", email="kaisa.maakunta@example.test", language="en")
    MembershipFactory(group=n.county_group, user=county_chair, role=Membership.Role.CHAIR)
    team_meeting = team_raise_steps.team_meeting(n)
    title = "Iltapäivätoiminnan jonot"

    # The team member raises the matter from the team's meeting record.
    member = new_context()
    sign_in(member, team_member)
    page = member.new_page()
    page.goto(f"/en/network/meetings/{team_meeting.pk}/")
    section = page.locator("section[aria-labelledby=team-raise-heading]")
    expect(section).to_contain_text("The team has not raised matters")
    section.get_by_role("link", name=f"Raise a matter to {n.steering.name}").click()
    expect(page.locator("h1")).to_have_text(f"Raise a matter to {n.steering.name}")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill("Moni ekaluokkalainen jää ilman iltapäiväkerhon paikkaa.")
    page.get_by_label("concern", exact=True).check()
    page.get_by_label("Scale").select_option("local_area")
    page.get_by_label("start co-development").check()
    page.get_by_label("Why?").fill("Jonot koskevat koko kaupunkia; tarvitaan yhteistä kehittämistä.")
    with page.expect_navigation():
        page.get_by_role("button", name="Raise the matter").click()
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("main dl.facts").first).to_contain_text(n.team.name)
    initiative = Initiative.objects.get(raised_by_team=n.team)
    assert initiative.group == n.steering
    page.goto(f"/en/network/meetings/{team_meeting.pk}/")
    expect(page.locator("section[aria-labelledby=team-raise-heading]")).to_contain_text(title)

    # The steering group's chair finds it in the queue, puts it on the agenda and forwards it.
    chair = new_context()
    sign_in(chair, n.chair)
    page = chair.new_page()
    page.goto(f"/en/groups/{n.steering.pk}/initiatives/")
    expect(page.locator("main")).to_contain_text(f"Raised by {n.team.name}")
    page.get_by_role("link", name=title).click()
    page.get_by_label("Meeting").select_option(label=str(n.meeting))
    with page.expect_navigation():
        page.get_by_role("button", name="Put on the agenda").click()
    meeting_starts_now(n.meeting)  # decisions are recorded once the meeting has started
    page.get_by_role("link", name=re.compile(r"^Record decision")).click()
    page.get_by_label("Forward to the next level").check()
    page.get_by_label("Reasons").fill("Asia koskee koko hyvinvointialuetta.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    expect(page.locator("main")).to_contain_text(f"forwarded it to {n.county_group.name}")

    # The county group's chair is told of the new initiative and finds it in the group's queue.
    county = new_context()
    sign_in(county, county_chair)
    page = county.new_page()
    page.goto("/en/notifications/")
    notice = page.get_by_role("link", name=f"New initiative for {n.county_group.name}: {title}")
    expect(notice).to_be_visible()
    notice.click()
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("main dl.facts").first).to_contain_text(n.team.name)

    # The team member has a notification of each step.
    page = member.new_page()
    page.goto("/en/notifications/")
    main = page.locator("main")
    expect(main).to_contain_text(f"“{title}” is on the agenda of {n.steering.name}")
    expect(main).to_contain_text(
        f"{n.steering.name} forwarded the initiative on “{title}” to {n.county_group.name}."
    )
