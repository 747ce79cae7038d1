"""Done means: the analyser of a phenomenon finds a professional of the network by typing part of a name in
the people picker, chooses them with the keyboard and invites them; the invitation is on the page and the
person is told. Without JavaScript the picker's search button gives the matches as checkboxes instead, and
what was chosen before the search is still chosen. Driven in Chromium."""

from __future__ import annotations

import pytest

from tests.browser import referral_steps as steps

pytestmark = pytest.mark.browser


def test_analyser_types_a_name_picks_the_person_and_invites_them(network, new_context, sign_in):
    from playwright.sync_api import expect

    from core.models import Notification
    from phenomena.models import AnalysisContributor

    phenomenon = steps.analysed(network)
    kerttu, other = steps.people_to_find(network)
    # Under the Content Security Policy (no inline script): the picker's script and htmx must run as served.
    context = new_context(bypass_csp=False)
    sign_in(context, network.member)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"/en/phenomena/{phenomenon.pk}/")

    field = page.get_by_role("combobox", name="Search by name or organisation")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("kerttu", delay=30)
    options = page.locator("#invite-people-options").get_by_role("option")
    expect(options).to_have_count(2)
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#invite-people-status")).to_have_text("2 people found.")
    # Narrowing by the organisation leaves one.
    field.press_sequentially(" seurakunta", delay=30)
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Kerttu Kutsuttava (diakoni)")
    expect(options.first).to_contain_text("Kuopion seurakunta")
    expect(page.locator("#invite-people-status")).to_have_text("1 person found.")

    # Down moves to the option, Enter chooses it: a checked checkbox under the picker.
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", f"invite-people-option-{kerttu.pk}")
    field.press("Enter")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("checkbox", name="Kerttu Kutsuttava (diakoni)")).to_be_checked()
    expect(page.locator("#invite-people-status")).to_have_text("Chosen: Kerttu Kutsuttava (diakoni)")
    # Escape closes the list; the focus stays in the field.
    field.press("Escape")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_be_focused()

    with page.expect_navigation():
        page.get_by_role("button", name="Invite to the analysis").click()
    expect(page.locator("main")).to_contain_text("The people were invited to the analysis and notified.")
    expect(page.locator("#analysis-people + ul")).to_contain_text("Kerttu Kutsuttava")
    assert AnalysisContributor.objects.filter(phenomenon=phenomenon, user=kerttu).exists()
    assert not AnalysisContributor.objects.filter(phenomenon=phenomenon, user=other).exists()
    assert Notification.objects.filter(recipient=kerttu, verb="phenomenon.contributor_invited").count() == 1
    assert not errors, errors


def test_picker_without_javascript_searches_and_keeps_the_chosen(network, new_context, sign_in):
    from playwright.sync_api import expect

    from phenomena.models import AnalysisContributor

    phenomenon = steps.analysed(network)
    kerttu, other = steps.people_to_find(network)
    context = new_context(java_script_enabled=False)
    sign_in(context, network.member)
    page = context.new_page()
    page.goto(f"/en/phenomena/{phenomenon.pk}/")

    field = page.get_by_label("Search by name or organisation")
    field.fill("Kutsuttava")
    with page.expect_navigation():
        field.press("Enter")  # the picker's search button is the form's first
    expect(page.locator("#invite-people-status")).to_have_text("1 person found.")
    page.get_by_role("checkbox", name="Kerttu Kutsuttava (diakoni)").check()
    # A second search keeps the first choice.
    page.get_by_label("Search by name or organisation").fill("Muu")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("checkbox", name="Kerttu Kutsuttava (diakoni)")).to_be_checked()
    page.get_by_role("checkbox", name="Kerttu Muu").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Invite to the analysis").click()
    expect(page.locator("main")).to_contain_text("The people were invited to the analysis and notified.")
    invited = set(AnalysisContributor.objects.filter(phenomenon=phenomenon).values_list("user_id", flat=True))
    assert {kerttu.pk, other.pk} <= invited
