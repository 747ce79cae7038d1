"""Done means: an observation becomes part of a phenomenon, the phenomenon's initiative goes to the local
steering group, which puts it on a meeting's agenda and forwards it to the county steering group; the county
group decides "start co-development, county-wide" with named responsible people; the family's follow-up
status page and the local team's view show the decision. The steering pages are driven in Chromium; the data
before them (observations, phenomenon, initiative) is made with factories and services."""

from __future__ import annotations

import re

import pytest

from tests.browser import family_steps

pytestmark = pytest.mark.browser


def test_initiative_forwarded_to_county_and_decided_reaches_family_and_team(network, new_context, sign_in):
    from django.utils import timezone
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory, meeting_starts_now
    from observations.models import Observation
    from observations.tests.factories import ObservationFactory
    from phenomena import services
    from phenomena.models import Decision

    n = network
    county_chair = UserFactory(full_name="Kaisa Maakunta", email="kaisa.maakunta@example.test")
    MembershipFactory(group=n.county_group, user=county_chair, role=Membership.Role.CHAIR)
    code = family_steps.followup_code(n)
    family = Observation.objects.get(followup_code=code)
    team_obs = ObservationFactory(
        family_centre=n.centre,
        area=n.team.area,
        author=n.member,
        text="Ekaluokkalaiset odottavat iltapäivät kaupassa.",
    )
    phenomenon = services.phenomenon_create(
        actor=n.member,
        title="Ekaluokkalaisten yksinäiset iltapäivät",
        description="Useat havainnot kertovat yksinäisistä iltapäivistä.",
        kind="concern",
        scale="county",
        analyser_kind="team",
        observation_ids=[family.pk, team_obs.pk],
    )
    initiative = services.initiative_create(
        actor=n.member,
        phenomenon=phenomenon,
        proposal="codevelopment",
        rationale="Iltapäivätoiminnan jonot ovat koko alueen asia.",
        group=n.steering,
    )

    # A member of the local steering group puts the initiative on the next meeting's agenda.
    member = new_context()
    sign_in(member, n.member)
    page = member.new_page()
    page.goto(f"/en/initiatives/{initiative.pk}/")
    expect(page.locator("h1")).to_contain_text("Ekaluokkalaisten yksinäiset iltapäivät")
    page.get_by_label("Meeting").select_option(label=str(n.meeting))
    with page.expect_navigation():
        page.get_by_role("button", name="Put on the agenda").click()
    expect(page.locator("main")).to_contain_text("On the agenda")
    meeting_starts_now(n.meeting)  # decisions are recorded once the meeting has started

    # The chair records the local group's decision from the meeting page: forward to the county group.
    chair = new_context()
    sign_in(chair, n.chair)
    page = chair.new_page()
    page.goto(f"/en/network/meetings/{n.meeting.pk}/")
    expect(page.get_by_role("link", name="Agenda (PDF)")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Record decision")).click()
    expect(page.locator("h1")).to_have_text("Record decision")
    page.get_by_label("Forward to the next level").check()
    page.get_by_label("Reasons").fill("Asia koskee koko hyvinvointialuetta.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    expect(page.locator("main")).to_contain_text(f"forwarded it to {n.county_group.name}")

    # The county group's chair finds it in the group's queue with its history and decides.
    county = new_context()
    sign_in(county, county_chair)
    page = county.new_page()
    page.goto(f"/en/groups/{n.county_group.pk}/initiatives/")
    expect(page.locator("main")).to_contain_text("1 earlier decision")
    page.get_by_role("link", name="Ekaluokkalaisten yksinäiset iltapäivät").click()
    page.get_by_role("link", name="Record decision").click()
    page.get_by_label("Start co-development").check()
    page.get_by_label("Reasons").fill("Käynnistetään yhteiskehittäminen koko hyvinvointialueella.")
    page.get_by_label("Scope of co-development").select_option("county")
    page.get_by_label("Responsible for progress, outside the platform").fill(
        "Maakunnallinen perhekeskuskoordinaattori"
    )
    page.get_by_label("Responsible for coordination, outside the platform").fill(
        "Kuopion perhekeskuksen ohjausryhmä"
    )
    page.get_by_label("Kaisa Maakunta").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    year = timezone.localdate().year
    expect(page.locator("main")).to_contain_text(f"Decision 1/{year} of {n.county_group.name}")
    expect(page.locator("main")).to_contain_text("Maakunnallinen perhekeskuskoordinaattori")
    decision = Decision.objects.get(group=n.county_group)
    assert decision.kind == "start_codevelopment" and decision.scope == "county"
    assert list(decision.responsible_users.all()) == [county_chair]

    # The family's follow-up status page shows the decision.
    family_page = new_context().new_page()
    family_page.goto(f"/en/follow-up/{code}/")
    expect(family_page.locator("main")).to_contain_text(f"1/{year}")
    expect(family_page.locator("main")).to_contain_text("Käynnistetään yhteiskehittäminen")

    # The local team sees it in its team view; the public register lists it without names.
    page = member.new_page()
    page.goto(f"/en/teams/{n.team.pk}/observations/")
    section = page.locator("section[aria-labelledby=team-decisions-heading]")
    expect(section).to_contain_text("Ekaluokkalaisten yksinäiset iltapäivät")
    expect(section).to_contain_text(f"{n.county_group.name} 1/{year}")
    register = new_context().new_page()
    register.goto("/en/decisions/")
    expect(register.locator("main")).to_contain_text("Ekaluokkalaisten yksinäiset iltapäivät")
    expect(register.locator("main")).not_to_contain_text("Kaisa Maakunta")
