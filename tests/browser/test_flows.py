"""The "done means" walk through the real pages in a real browser: sign in through the form, switch the
language with the switcher, open a group and subscribe to its meeting calendar; and a failed sign-in."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def _path(page) -> str:
    return urlsplit(page.url).path


def _submit_sign_in(page, email: str, password: str) -> None:
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_professional_signs_in_switches_to_swedish_and_subscribes_to_group_calendar(
    network, page, new_context
):
    from icalendar import Calendar
    from playwright.sync_api import expect

    from accounts.tests.factories import DEFAULT_PASSWORD

    professional = network.member
    page.goto("/fi/")
    page.locator("nav.main-nav a[href='/fi/accounts/login/']").click()
    expect(page).to_have_url(re.compile(r"/fi/accounts/login/$"))

    _submit_sign_in(page, professional.email, DEFAULT_PASSWORD)

    assert _path(page) == "/fi/"
    expect(page.locator("h1")).to_contain_text(professional.get_short_name())
    page.get_by_role("button", name="Verkosto").click()  # the main menu's group of the network's pages
    page.locator("nav.main-nav a[href='/fi/network/groups/']").click()
    assert _path(page) == "/fi/network/groups/"

    # The language switcher keeps the person on the same page, now in Swedish.
    page.locator("nav.lang-nav a[hreflang=sv]").click()

    expect(page).to_have_url(re.compile(r"/sv/network/groups/$"))
    assert page.get_attribute("html", "lang") == "sv"
    assert page.locator("nav.lang-nav a[hreflang=sv]").get_attribute("aria-current") == "true"

    page.locator("#results").get_by_role("link", name=network.steering.name, exact=True).click()

    assert _path(page) == f"/sv/network/groups/{network.steering.pk}/"
    feed_url = page.locator("#feed-url").inner_text().strip()
    assert feed_url.startswith("http") and network.steering.ical_token in feed_url
    webcal = page.locator(f"a[href^='webcal://'][href$='{network.steering.ical_token}.ics']")
    expect(webcal).to_have_count(1)

    # A calendar app fetches the address without a session: the page's request context has the
    # browser's cookies, so fetch it from a fresh, signed-out context as well.
    response = page.request.get(feed_url)
    anonymous_response = new_context().request.get(feed_url)

    for resp in (response, anonymous_response):
        assert resp.status == 200
        assert resp.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert body == anonymous_response.text()
    calendar = Calendar.from_ical(body)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any(network.meeting.title in summary for summary in summaries), summaries


def test_wrong_password_shows_a_finnish_error_and_keeps_the_email(network, page):
    from django.utils import translation
    from playwright.sync_api import expect

    email = network.member.email
    with translation.override("fi"):
        expected = translation.gettext("The email address and/or password you specified are not correct.")
    assert expected != "The email address and/or password you specified are not correct.", (
        "no Finnish translation"
    )
    page.goto("/fi/accounts/login/")

    _submit_sign_in(page, email, "wrong-password-123")

    assert _path(page) == "/fi/accounts/login/"
    assert page.get_attribute("html", "lang") == "fi"
    expect(page.get_by_role("alert")).to_contain_text(expected)
    expect(page.locator("input[name=login]")).to_have_value(email)
    expect(page.locator("input[name=password]")).to_have_value("")
    # Still signed out: the navigation offers signing in.
    expect(page.locator("nav.main-nav a[href='/fi/accounts/login/']")).to_have_count(1)
