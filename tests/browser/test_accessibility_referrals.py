"""The matters sent down to the local teams, the named analyser's analysis and discussion, who is at the
table and a developer group's contact list, in Finnish, Swedish and English, checked with axe-core (WCAG
2.1 A and AA), for a page title and for reflow at 320 px."""

from __future__ import annotations

import pytest

from tests.browser import referral_steps as steps
from tests.browser.test_accessibility import (
    LANGUAGES,
    MANAGER,
    MEMBER,
    Page,
    assert_no_horizontal_scrolling,
    label,
    signed_in_context,
)

pytestmark = pytest.mark.browser

PAGES = [
    Page("matters sent to the teams", steps.referral_list, MANAGER),
    Page("send a matter, with errors", steps.referral_create, MANAGER, then=steps.failed_submit),
    Page("a matter and the teams' answers", steps.referral_detail, MANAGER),
    Page("record the team's answer", steps.referral_answer, MEMBER),
    Page("record the team's answer, with errors", steps.referral_answer, MEMBER, then=steps.failed_submit),
    Page("team meeting with a matter on its agenda", steps.team_meeting, MEMBER),
    Page("phenomenon with its analysis discussion", steps.phenomenon_with_discussion, MEMBER),
    Page(
        "phenomenon, searching people to invite",
        steps.phenomenon_with_discussion,
        MEMBER,
        then=steps.search_people,
    ),
    Page("write the analysis", steps.analysis_form, MEMBER),
    Page("who is at the table", steps.representation, MANAGER),
    Page("developer group's contact list", steps.contacts, MEMBER),
]


@pytest.mark.parametrize(
    ("entry", "lang"),
    [pytest.param(entry, lang, id=f"{label(entry)}-{lang}") for entry in PAGES for lang in LANGUAGES],
)
def test_referral_page_has_no_accessibility_violations(entry, lang, network, new_context, sign_in, check_axe):
    path = entry.path(network)
    page = signed_in_context(new_context, sign_in, network, entry.who).new_page()
    url = f"/{lang}{path}"
    response = page.goto(url)
    assert response is not None and response.status == entry.status, (
        f"{url} answered {response and response.status}"
    )
    if entry.then:
        entry.then(page, network)
    assert page.get_attribute("html", "lang") == lang
    title = page.title()
    assert title.endswith("– Ilmiö") and len(title) > len("– Ilmiö") + 1 and "<" not in title, repr(title)
    check_axe(page, f"{label(entry)} in {lang}")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scrolling(page)
