"""Done means: the county steering group decides to start co-development naming a coordinator and a
facilitator from its network; the developer group is started and both see their roles in its workspace. A
second initiative is forwarded along a route the county has configured, to the children and families
council instead of the welfare board (the default, the parent group)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_named_roles_reach_the_workspace_and_forwarding_chooses_a_route(network, new_context, sign_in):
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from familycentres.models import Group, Membership
    from familycentres.tests.factories import GroupFactory, MembershipFactory
    from phenomena import services
    from phenomena.models import Decision, ForwardingRoute

    n = network
    board = GroupFactory(
        name="Hyvinvointilautakunta",
        kind=Group.Kind.WELFARE_BOARD,
        level=Group.Level.BOARD,
        family_centre=None,
    )
    council = GroupFactory(
        name="Lapsi- ja perheasiainneuvosto",
        kind=Group.Kind.CHILDREN_FAMILIES_COUNCIL,
        level=Group.Level.BOARD,
        family_centre=None,
        parent=board,
    )
    n.county_group.parent = board
    n.county_group.save(update_fields=["parent"])
    ForwardingRoute.objects.create(source=n.county_group, target=council)
    county_chair = UserFactory(full_name="Kaisa Maakunta", email="kaisa.maakunta@example.test")
    MembershipFactory(group=n.county_group, user=county_chair, role=Membership.Role.CHAIR)
    # The coordinator (n.chair) sits in the county group; the facilitator (n.member) in a group below it.
    phenomenon = services.phenomenon_create(
        actor=n.member,
        title="Ekaluokkalaisten yksinäiset iltapäivät",
        description="Useat havainnot kertovat yksinäisistä iltapäivistä.",
        kind="concern",
        scale="county",
        analyser_kind="team",
    )
    first = services.initiative_create(
        actor=n.member,
        phenomenon=phenomenon,
        proposal="codevelopment",
        rationale="Iltapäivätoiminnan jonot ovat koko alueen asia.",
        group=n.county_group,
    )
    second = services.initiative_create(
        actor=n.member,
        phenomenon=phenomenon,
        proposal="information",
        rationale="Lapsi- ja perheasiainneuvoston tiedoksi.",
        group=n.county_group,
    )

    county = new_context()
    sign_in(county, county_chair)
    page = county.new_page()
    page.goto(f"/en/initiatives/{first.pk}/")
    page.get_by_role("link", name="Record decision").click()
    page.get_by_label("Start co-development").check()
    page.get_by_label("Reasons").fill("Käynnistetään yhteiskehittäminen koko hyvinvointialueella.")
    page.get_by_label("Scope of co-development").select_option("county")
    page.get_by_label(re.compile(r"^Responsible for progress:?$")).select_option(label="Kaisa Maakunta")
    page.get_by_label(re.compile(r"^Coordinator:?$")).select_option(label="Hanna Koordinaattori")
    page.get_by_label(re.compile(r"^Facilitator:?$")).select_option(label="Mikko Sosiaaliohjaaja")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    main = page.locator("main")
    expect(main).to_contain_text("Hanna Koordinaattori")
    expect(main).to_contain_text("Mikko Sosiaaliohjaaja")
    with page.expect_navigation():
        page.get_by_role("link", name="Start the developer group").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start the developer group").click()
    decision = Decision.objects.get(initiative=first)
    process = decision.development_process

    for user, role in ((n.chair, "Coordinator"), (n.member, "Facilitator")):
        context = new_context()
        sign_in(context, user)
        workspace = context.new_page()
        workspace.goto(f"/en/codevelopment/{process.pk}/")
        responsibilities = workspace.locator("#responsibilities")
        expect(responsibilities).to_contain_text(role)
        expect(responsibilities).to_contain_text(user.full_name)
        expect(workspace.locator("main")).to_contain_text(f"{user.full_name} — {role.lower()}")
        roles = set(
            Membership.objects.current().filter(group=process.group, user=user).values_list("role", flat=True)
        )
        assert role.lower() in roles

    # The second initiative goes to the children and families council, not to the board.
    page.goto(f"/en/initiatives/{second.pk}/decide/")
    page.get_by_label("Forward to the next level").check()
    page.get_by_label("Reasons").fill("Neuvoston käsiteltäväksi.")
    page.get_by_label(re.compile(r"^Forward to:?$")).select_option(label="Lapsi- ja perheasiainneuvosto")
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    expect(page.locator("main")).to_contain_text("forwarded it to Lapsi- ja perheasiainneuvosto")
    second.refresh_from_db()
    assert second.group == council
