"""The data-rights pages and the sign-in lockout page, in Finnish, Swedish and English, checked with
axe-core (WCAG 2.1 A and AA), for a plain title and for reflow at 320 px."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]


def _check(page, lang: str, label: str, check_axe) -> None:
    assert page.get_attribute("html", "lang") == lang
    title = page.title()
    assert title.endswith("– Ilmiö") and len(title) > len("– Ilmiö") + 1, repr(title)
    check_axe(page, f"{label} in {lang}")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("lang", LANGUAGES)
def test_my_data_page(lang, network, new_context, sign_in, check_axe):
    context = new_context()
    sign_in(context, network.member)
    page = context.new_page()
    response = page.goto(f"/{lang}/accounts/profile/my-data/")
    assert response is not None and response.status == 200
    assert page.locator("main h2").count() >= 5
    _check(page, lang, "my data", check_axe)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_erasure_request_without_confirmation(lang, network, new_context, sign_in, check_axe):
    context = new_context()
    sign_in(context, network.member)
    page = context.new_page()
    page.goto(f"/{lang}/accounts/profile/my-data/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main .messages, .messages").count() >= 1
    _check(page, lang, "my data after an unconfirmed erasure request", check_axe)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sign_in_lockout_page(lang, network, new_context, check_axe):
    page = new_context().new_page()
    page.goto(f"/{lang}/accounts/login/")
    status = None
    for _ in range(6):
        page.fill("input[name=login]", network.member.email)
        page.fill("input[name=password]", "not-the-password")
        page.eval_on_selector("main form", "f => { f.noValidate = true; }")
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").click()
        status = navigation.value.status
    assert status == 429
    assert page.locator("main h1").count() == 1
    _check(page, lang, "sign-in lockout", check_axe)
