"""The indicator pages in Finnish, Swedish and English, checked with axe-core like every page (see
test_accessibility.py for the mechanism): the dashboard with its charts and tables, the catalogue, an
indicator, the municipality comparison, the import runs and a failed run, and a phenomenon showing its
indicators."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import indicators_steps as steps
from tests.browser.test_accessibility import (
    LANGUAGES,
    MEMBER,
    Page,
    _assert_no_horizontal_scrolling,
    _label,
    _signed_in_context,
)

pytestmark = pytest.mark.browser

PAGES = [
    Page("indicator dashboard", steps.dashboard, MEMBER),
    Page("indicator dashboard, no figures", lambda n: "/indicators/", MEMBER),
    Page(
        "indicator dashboard with errors", lambda n: steps.dashboard(n, "&year_from=abc"), MEMBER, status=400
    ),
    Page("indicator catalogue", steps.catalogue, MEMBER),
    Page("indicator catalogue, nothing found", lambda n: "/indicators/catalogue/?q=zzzz-no-such", MEMBER),
    Page("indicator", steps.detail, MEMBER),
    Page("municipalities compared", steps.compare, MEMBER),
    Page("indicator imports", steps.runs, MEMBER),
    Page("indicator imports, upload with errors", steps.runs, MEMBER, then=steps.failed_upload),
    Page("failed import run", steps.failed_run, MEMBER),
    Page("phenomenon with its indicators", steps.phenomenon_with_indicator, MEMBER),
    Page("remove a saved dashboard", steps.saved_dashboard_delete, MEMBER),
    Page(
        "indicator dashboard with a saved one",
        lambda n: steps.saved_dashboard_delete(n) and steps.dashboard(n),
        MEMBER,
    ),
]


@pytest.mark.parametrize(
    ("entry", "lang"),
    [pytest.param(entry, lang, id=f"{_label(entry)}-{lang}") for entry in PAGES for lang in LANGUAGES],
)
def test_indicator_page_has_no_accessibility_violations(
    entry, lang, network, new_context, sign_in, check_axe
):
    page = _signed_in_context(new_context, sign_in, network, entry.who).new_page()
    url = f"/{lang}{entry.path(network)}"
    response = page.goto(url)
    assert response is not None and response.status == entry.status, (
        f"{url} answered {response and response.status}"
    )
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} redirected to {page.url}"
    if entry.then:
        entry.then(page, network)
    assert page.get_attribute("html", "lang") == lang
    title = page.title()
    assert title.endswith("– Ilmiö") and len(title) > len("– Ilmiö") + 1 and "<" not in title, repr(title)
    check_axe(page, f"{_label(entry)} in {lang}")
    page.set_viewport_size({"width": 320, "height": 640})
    _assert_no_horizontal_scrolling(page)
