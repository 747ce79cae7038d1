"""Finnish in a real browser: a professional types a child's name and sees it marked before saving; the
observation is held; a collector's search for a base form finds a text with an inflected form."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_name_is_marked_as_typed_and_base_form_search_finds_it(
    lang, network, new_context, sign_in, check_axe
):
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from familycentres.models import Membership
    from familycentres.tests.factories import MembershipFactory
    from observations.models import Observation

    context = new_context()
    sign_in(context, network.member)
    page = context.new_page()
    page.goto(f"/{lang}/observations/new/")
    page.locator("#id_text").press_sequentially("Poikani Eetun luokalla kiusataan lapsia")
    warning = page.locator("#id_text-pii mark.pii-mark")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("Eetun")
    check_axe(page, f"observation form with a personal-data warning in {lang}")

    # Rewritten without the name, the warning goes away.
    page.fill("#id_text", "")
    page.locator("#id_text").press_sequentially("Luokalla kiusataan lapsia")
    expect(page.locator("#id_text-pii mark")).to_have_count(0)

    page.locator("input[name=kind][value=concern]").check()
    page.select_option("#id_environment", "school")
    page.select_option("#id_age_group", "7-12")
    page.select_option("#id_area", str(network.team.area.pk))
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()
    saved = Observation.objects.get(text="Luokalla kiusataan lapsia")
    assert not saved.held

    collector = UserFactory(full_name="Kaisa Kokoaja")
    MembershipFactory(group=network.steering, user=collector, role=Membership.Role.COLLECTOR)
    desk = new_context()
    sign_in(desk, collector)
    page = desk.new_page()
    page.goto(f"/{lang}/observations/triage/?q=lapsi")
    expect(page.locator("main")).to_contain_text("Luokalla kiusataan lapsia")
