"""A family types an identity code into the open form: as it types, the form warns which kind of personal
data it sees (the same check as the server), and one button takes it out of the text, keeping the rest.
In Chromium under our Content Security Policy (no inline script)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _fi(text: str) -> str:
    from django.utils import translation

    with translation.override("fi"):
        return translation.gettext(text)


def test_family_is_warned_of_identity_code_and_removes_it(network, new_context):
    from playwright.sync_api import expect

    context = new_context(bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" and ("Content Security Policy" in msg.text or "Refused" in msg.text)
            else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(f"uncaught {exc}"))

    page.goto(f"/fi/kerro/{network.centre.slug}/")
    field = page.locator("#id_text")
    field.fill("")
    field.press_sequentially("lapseni 131052-308T on ollut paljon kipeänä", delay=5)

    warning = page.locator("#id_text-pii .pii-live")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text(_fi("personal identity code"))
    expect(warning.locator("mark.pii-mark")).to_contain_text("131052-308T")

    warning.get_by_role("button", name=_fi("Remove the personal data from the text")).click()
    expect(field).to_have_value("lapseni on ollut paljon kipeänä")
    # The check runs again on the cleaned text and finds nothing: the warning goes.
    expect(page.locator("#id_text-pii .pii-live")).to_have_count(0, timeout=10_000)
    assert not problems, problems
