"""A family, without an account, tells what it noticed on a phone in Swedish and follows it with its code:
the real pages in Chromium under our Content Security Policy, the ALTCHA widget solved by its own JavaScript."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest

from tests.browser import family_steps

pytestmark = pytest.mark.browser


def _sv(text: str) -> str:
    from django.utils import translation

    with translation.override("sv"):
        return translation.gettext(text)


def test_family_sends_observation_in_swedish_on_a_phone_and_sees_its_status(network, new_context):
    from django.core import mail
    from playwright.sync_api import expect

    from observations.models import Observation

    context = new_context(bypass_csp=False, width=390, height=844)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            problems.append(f"{page.url}: {msg.text}")
            if msg.type == "error" and ("Content Security Policy" in msg.text or "Refused" in msg.text)
            else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(f"{page.url}: uncaught {exc}"))

    # From the Swedish front page to the family centre's form.
    page.goto("/sv/")
    page.locator("main").get_by_role("link", name=_sv("Tell us what you noticed"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/sv/kerro/$"))
    page.goto(f"/sv/kerro/{network.centre.slug}/")
    started = time.monotonic()
    assert page.get_attribute("html", "lang") == "sv"
    expect(page.locator("h1")).to_have_text(_sv("Tell us what you noticed"))

    text = "Barnen har ingenstans att vara efter skolan, de väntar i butiken. 😀"
    page.get_by_label(_sv("What did you notice?")).fill(text)
    page.get_by_label(_sv("At school"), exact=True).check()
    page.get_by_label(_sv("School children, 7–12 years"), exact=True).check()
    # The centre serves one municipality: it is chosen already.
    expect(page.locator("#id_municipality option:checked")).to_have_text("Kuopio")
    page.get_by_label(_sv("Your email address (optional)")).fill("familj@example.test")

    # The proof-of-work runs by itself in the browser (web workers from our own origin, no inline code).
    expect(page.locator("altcha-widget .altcha")).to_have_attribute("data-state", "verified", timeout=60_000)
    family_steps.wait_for_stamp(started)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    with page.expect_navigation():
        page.get_by_role("button", name=_sv("Send"), exact=True).click()

    assert re.fullmatch(r"/sv/kerro/kiitos/[A-Z0-9]{5}-[A-Z0-9]{5}/", urlsplit(page.url).path), page.url
    code = page.locator(".code-box__code").inner_text().strip()
    observation = Observation.objects.get(followup_code=code)
    assert observation.text == text
    assert observation.language == "sv"
    assert observation.family_centre == network.centre
    assert observation.contact_email == "familj@example.test"
    # The code also went by email (Celery, eagerly in tests), in Swedish.
    message = next(m for m in mail.outbox if m.to == ["familj@example.test"])
    assert code in message.body and message.subject == _sv("Thank you for telling us what you noticed")

    page.get_by_role("link", name=_sv("See the state of what you told us")).click()

    assert urlsplit(page.url).path == f"/sv/seuranta/{code}/"
    assert page.get_attribute("html", "lang") == "sv"
    current = page.locator("ol.status-steps li[aria-current=step]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(_sv("Received"))
    expect(page.locator("main")).to_contain_text(network.centre.name_sv)
    expect(page.locator("main")).not_to_contain_text(text)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    # The code works from the look-up too, typed as people type it.
    page.goto("/sv/seuranta/")
    page.get_by_label(_sv("Follow-up code")).fill(code.lower().replace("-", " "))
    with page.expect_navigation():
        page.get_by_role("button", name=_sv("Show the state"), exact=True).click()
    assert urlsplit(page.url).path == f"/sv/seuranta/{code}/"

    assert not problems, "Problems in the browser:\n" + "\n".join(problems)


def test_family_form_keeps_text_when_sent_too_fast(network, new_context):
    """A person who sends within seconds is asked to send again; nothing typed is lost."""
    from playwright.sync_api import expect

    from observations.models import Observation

    page = new_context(bypass_csp=False, width=390, height=844).new_page()
    page.goto("/fi/kerro/")
    family_steps.fill_family_form(page, "Nopea viesti, joka ei saa kadota.")

    family_steps.send(page)

    expect(page.locator(".error-summary[role=alert]")).to_have_count(1)
    expect(page.locator("#id_text")).to_have_value("Nopea viesti, joka ei saa kadota.")
    expect(page.locator("#id_environment_2")).to_be_checked()
    assert not Observation.objects.exists()

    # Sent again once the check is done, it goes through.
    family_steps.wait_for_altcha(page)
    time.sleep(family_steps.STAMP_MIN_SECONDS)
    family_steps.send(page)
    assert "/fi/kerro/kiitos/" in page.url
    assert Observation.objects.get().text == "Nopea viesti, joka ei saa kadota."
