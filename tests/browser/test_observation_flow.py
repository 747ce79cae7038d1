"""The observations walk in a real browser: a professional logs three observations through the form; the
family centre's collector reads one, merges a duplicate and redacts a held one; the local team's view
shows what is left, and the merged one is gone from it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _log(page, *, text: str, area_pk: int, themes: str) -> int:
    from observations.models import Observation

    page.goto("/fi/observations/new/")
    page.fill("#id_text", text)
    page.locator("input[name=kind][value=concern]").check()
    page.select_option("#id_environment", "school")
    page.select_option("#id_age_group", "7-12")
    page.select_option("#id_area", str(area_pk))
    page.fill("#id_themes", themes)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    return Observation.objects.get(text=text).pk


def test_professional_logs_collector_triages_merges_redacts_and_team_sees(network, new_context, sign_in):
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory
    from observations.models import Observation

    collector = UserFactory(full_name="Kaisa Kokoaja")
    MembershipFactory(group=network.steering, user=collector, role=Membership.Role.COLLECTOR)
    local_area = network.team.area

    professional = new_context(width=390, height=844)
    sign_in(professional, network.member)
    page = professional.new_page()
    first = _log(
        page,
        text="Ekaluokkalaiset jäävät iltapäivisin yksin kotiin.",
        area_pk=local_area.pk,
        themes="yksinäisyys",
    )
    duplicate = _log(
        page,
        text="Moni ekaluokkalainen on iltapäivät yksin.",
        area_pk=local_area.pk,
        themes="yksinäisyys, iltapäivät",
    )
    held = _log(
        page,
        text="Äiti pyysi soittamaan numeroon 040 123 4567 kerhopaikoista.",
        area_pk=local_area.pk,
        themes="kerhot",
    )
    page.goto("/fi/observations/")
    expect(page.locator("main")).to_contain_text("Ekaluokkalaiset jäävät iltapäivisin yksin kotiin.")
    assert Observation.objects.get(pk=held).held

    desk = new_context()
    sign_in(desk, collector)
    page = desk.new_page()
    page.goto("/fi/observations/triage/")
    expect(page.locator("main")).to_contain_text("Moni ekaluokkalainen on iltapäivät yksin.")

    page.goto(f"/fi/observations/{first}/")
    with page.expect_navigation():
        page.locator("form[action$='/read/'] button[type=submit]").click()
    assert Observation.objects.get(pk=first).status == "read"

    page.goto(f"/fi/observations/{duplicate}/merge/")
    page.fill("#id_keep", str(first))
    with page.expect_navigation():
        page.locator("main form:has(#id_keep) button[type=submit]").click()
    with page.expect_navigation():
        page.locator("main form:has(input[name=confirm]) button[type=submit]").click()
    merged = Observation.objects.get(pk=duplicate)
    assert merged.status == "merged" and merged.merged_into_id == first

    page.goto(f"/fi/observations/{held}/")
    suggestion = page.locator("textarea[name=text]").first.input_value()
    assert "040 123 4567" not in suggestion
    with page.expect_navigation():
        page.locator("form[action$='/redact/'] button[type=submit]").first.click()
    redacted = Observation.objects.get(pk=held)
    assert not redacted.held and "040 123 4567" not in redacted.text

    team = new_context()
    sign_in(team, network.member)
    page = team.new_page()
    page.goto(f"/fi/teams/{network.team.pk}/observations/")
    main = page.locator("main")
    expect(main).to_contain_text("Ekaluokkalaiset jäävät iltapäivisin yksin kotiin.")
    expect(main).to_contain_text("kerhopaikoista")
    expect(main).not_to_contain_text("Moni ekaluokkalainen on iltapäivät yksin.")
    expect(main).not_to_contain_text("040 123 4567")
