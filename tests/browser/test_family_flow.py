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
    expect(page).to_have_url(re.compile(r"/sv/beratta/$"))
    page.goto(f"/sv/beratta/{network.centre.slug}/")
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

    assert re.fullmatch(r"/sv/beratta/tack/[A-Z0-9]{5}-[A-Z0-9]{5}/", urlsplit(page.url).path), page.url
    code = page.locator(".code-box__code").inner_text().strip()
    observation = Observation.objects.get(followup_code=code)
    assert observation.text == text
    assert observation.language == "sv"
    assert observation.family_centre == network.centre
    assert observation.contact_email == "familj@example.test"
    # The code also went by email (Celery, eagerly in tests), in Swedish.
    message = next(m for m in mail.outbox if m.to == ["familj@example.test"])
    assert code in message.body and message.subject == _sv("Thank you for telling us what you noticed")

    # The code can be printed (the button shows with its script, under our CSP); it went by email already.
    expect(page.get_by_role("button", name=_sv("Print the code"))).to_be_visible()
    expect(page.get_by_role("button", name=_sv("Send the code"))).to_have_count(0)

    page.get_by_role("link", name=_sv("See the state of what you told us")).click()

    assert urlsplit(page.url).path == f"/sv/uppfoljning/{code}/"
    assert page.get_attribute("html", "lang") == "sv"
    current = page.locator("ol.status-steps li[aria-current=step]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(_sv("Received"))
    expect(page.locator("main")).to_contain_text(network.centre.name_sv)
    # What the family wrote, and where to read on.
    expect(page.locator("main blockquote.family-text")).to_contain_text(text)
    expect(
        page.locator("main").get_by_role(
            "link", name=_sv("What we are developing now: %(centre)s") % {"centre": network.centre.name_sv}
        )
    ).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    # The code works from the look-up too, typed as people type it.
    page.goto("/sv/uppfoljning/")
    page.get_by_label(_sv("Follow-up code")).fill(code.lower().replace("-", " "))
    with page.expect_navigation():
        page.get_by_role("button", name=_sv("Show the state"), exact=True).click()
    assert urlsplit(page.url).path == f"/sv/uppfoljning/{code}/"

    assert not problems, "Problems in the browser:\n" + "\n".join(problems)


def test_family_form_keeps_text_when_sent_too_fast(network, new_context, monkeypatch):
    """A person who sends within seconds is asked to send again; nothing typed is lost."""
    from playwright.sync_api import expect

    from core import spam
    from observations.models import Observation

    # On a busy machine filling the form can take longer than the real minimum: for the first send the
    # server (in this process) asks for ten minutes, so that the send is surely "too fast".
    monkeypatch.setattr(spam, "STAMP_MIN_SECONDS", 600)
    page = new_context(bypass_csp=False, width=390, height=844).new_page()
    page.goto("/fi/kerro/")
    family_steps.fill_family_form(page, "Nopea viesti, joka ei saa kadota.")

    family_steps.send(page)

    expect(page.locator(".error-summary[role=alert]")).to_have_count(1)
    # It says why (sent within seconds) and what to do (check and send again).
    expect(page.locator(".error-summary[role=alert]")).to_contain_text("muutaman sekunnin")
    expect(page.locator("#id_text")).to_have_value("Nopea viesti, joka ei saa kadota.")
    expect(page.locator("#id_environment_2")).to_be_checked()
    assert not Observation.objects.exists()

    # Sent again once the check is done, it goes through.
    monkeypatch.undo()
    family_steps.wait_for_altcha(page)
    time.sleep(family_steps.STAMP_MIN_SECONDS)
    family_steps.send(page)
    assert "/fi/kerro/kiitos/" in page.url
    assert Observation.objects.get().text == "Nopea viesti, joka ei saa kadota."


def test_family_without_email_has_the_code_sent_from_the_thanks_page(network, new_context):
    from django.core import mail
    from playwright.sync_api import expect

    from observations.models import Observation

    page = new_context(bypass_csp=False, width=390, height=844).new_page()
    page.goto("/en/tell/")
    started = time.monotonic()
    family_steps.fill_family_form(page, "No place to wait after school.")
    family_steps.wait_for_altcha(page)
    family_steps.wait_for_stamp(started)
    family_steps.send(page)
    assert "/en/tell/thanks/" in page.url, page.url
    code = page.locator(".code-box__code").inner_text().strip()
    expect(page.get_by_role("button", name="Print the code")).to_be_visible()

    page.get_by_label("Your email address").fill("family@example.test")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the code", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("We sent the code to your email address.")
    assert Observation.objects.get(followup_code=code).contact_email == "family@example.test"
    assert any(code in m.body for m in mail.outbox if m.to == ["family@example.test"])
