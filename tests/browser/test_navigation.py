"""The main menu: a few top entries with sub-menus on a desktop, one "Menu" button on a phone. The buttons
say whether they are open (aria-expanded), work with the keyboard (Enter opens, Escape closes and returns
focus), and the menu passes axe-core both closed and open. Screenshots go to var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _fi(text: str) -> str:
    from django.utils import translation

    with translation.override("fi"):
        return translation.gettext(text)


def test_menu_fits_one_line_on_a_desktop_and_opens_with_the_keyboard(
    network, new_context, sign_in, check_axe
):
    from playwright.sync_api import expect

    context = new_context(width=1280, height=900)
    sign_in(context, network.chair)
    page = context.new_page()
    page.goto("/fi/")
    nav = page.locator("nav.main-nav")
    # Every top entry on one line (the old menu wrapped to several).
    tops = nav.locator(".main-nav__menu > li")
    assert tops.count() <= 6
    boxes = [tops.nth(i).bounding_box() for i in range(tops.count())]
    middles = [box["y"] + box["height"] / 2 for box in boxes]
    assert max(middles) - min(middles) < 8, boxes
    expect(nav.locator(".main-nav__toggle")).to_be_hidden()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "menu-1280x900.png"))

    network_button = nav.get_by_role("button", name=_fi("Network"), exact=True)
    expect(network_button).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name=_fi("Groups"), exact=True)).to_be_hidden()
    network_button.focus()
    page.keyboard.press("Enter")
    expect(network_button).to_have_attribute("aria-expanded", "true")
    groups = nav.get_by_role("link", name=_fi("Groups"), exact=True)
    expect(groups).to_be_visible()
    page.keyboard.press("Tab")
    expect(groups).to_be_focused()
    page.screenshot(path=str(SHOTS / "menu-1280x900-open.png"))
    check_axe(page, "the main menu open")
    page.keyboard.press("Escape")
    expect(network_button).to_have_attribute("aria-expanded", "false")
    expect(network_button).to_be_focused()
    expect(groups).to_be_hidden()


def test_menu_is_one_button_on_a_phone(network, new_context, sign_in, check_axe):
    from playwright.sync_api import expect

    context = new_context(width=390, height=844)
    sign_in(context, network.member)
    page = context.new_page()
    page.goto("/sv/")
    nav = page.locator("nav.main-nav")
    toggle = nav.locator(".main-nav__toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # Closed, the menu is a single line (it wrapped to six lines before).
    assert nav.bounding_box()["height"] < 70
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "menu-390x844.png"))
    check_axe(page, "the phone menu closed")

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    work = nav.locator(".main-nav__group-toggle").first
    expect(work).to_be_visible()
    work.click()
    expect(work).to_have_attribute("aria-expanded", "true")
    expect(nav.locator("#" + work.get_attribute("aria-controls")).get_by_role("link").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "menu-390x844-open.png"))
    check_axe(page, "the phone menu open")


def test_a_wide_table_scrolls_in_its_own_region_on_a_phone(network, new_context, sign_in, check_axe):
    """On a phone a table wider than the screen keeps its words whole (the page's "break anywhere" rule
    once shrank every column to a letter's width) and scrolls sideways inside its .table-wrap, which is then
    a named region in the tab order; the page itself does not scroll sideways."""
    from playwright.sync_api import expect

    context = new_context(width=390, height=844)
    sign_in(context, network.chair)
    page = context.new_page()
    page.goto("/fi/network/groups/representation/")
    wrap = page.locator(".table-wrap").first
    expect(wrap).to_be_visible()
    # Every column header's words stay whole: its text has no more line boxes than words.
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap thead th')].filter(th => {
            const range = document.createRange();
            range.selectNodeContents(th);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return lines.size > th.textContent.trim().split(/\\s+/).length;
        }).map(th => th.textContent.trim())"""
    )
    assert broken == []
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    expect(wrap).to_have_attribute("tabindex", "0")
    expect(wrap).to_have_attribute("role", "region")
    expect(wrap).to_have_attribute("aria-label", wrap.locator("caption").inner_text().strip())
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.table-wrap').scrollLeft > 0")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "table-390x844.png"))
    check_axe(page, "a wide table on a phone")

    # On a desktop the same table fits, and the region leaves the tab order.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(wrap).not_to_have_attribute("tabindex", "0")
