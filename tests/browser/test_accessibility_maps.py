"""The service catalogue, the service map and the network map (graph and list) in Finnish, Swedish and
English, checked with axe-core (WCAG 2.1 A and AA), for a page title and for reflow at 320 px; and that
the graph runs under our Content Security Policy."""

from __future__ import annotations

import pytest

from tests.browser import maps_steps
from tests.browser.test_accessibility import (
    ANONYMOUS,
    LANGUAGES,
    MEMBER,
    Page,
    assert_no_horizontal_scrolling,
    label,
    signed_in_context,
)

pytestmark = pytest.mark.browser

PAGES = [
    Page("network map, public", maps_steps.network_map, ANONYMOUS, then=maps_steps.wait_for_graph),
    Page("network map, a node opened", maps_steps.network_map, MEMBER, then=maps_steps.open_steering_node),
    Page("service map", maps_steps.service_map, MEMBER),
    Page("service map, a cell opened", maps_steps.service_map, MEMBER, then=maps_steps.open_ngo_cell),
    Page("service map cell", maps_steps.service_map_cell, MEMBER),
    Page("services", maps_steps.service_list, MEMBER),
    Page("service", maps_steps.service_detail, MEMBER),
    Page(
        "service, add a channel with errors",
        maps_steps.service_detail,
        MEMBER,
        then=maps_steps.failed_channel_submit,
    ),
    Page("service with versions to choose", maps_steps.service_conflict, MEMBER),
    Page(
        "edit a service with errors", maps_steps.service_edit, MEMBER, then=maps_steps.failed_service_submit
    ),
    Page("imports from the catalogue", maps_steps.service_import, MEMBER),
    Page("service finder for families, results", maps_steps.service_finder, ANONYMOUS),
]


@pytest.mark.parametrize(
    ("entry", "lang"),
    [pytest.param(entry, lang, id=f"{label(entry)}-{lang}") for entry in PAGES for lang in LANGUAGES],
)
def test_maps_page_has_no_accessibility_violations(entry, lang, network, new_context, sign_in, check_axe):
    page = signed_in_context(new_context, sign_in, network, entry.who).new_page()
    path = entry.path(network)
    if path.startswith("/services-finder/"):
        # The families' finder has an address in each language.
        path = path.replace(
            "/services-finder/", {"fi": "/palvelut/", "sv": "/tjanster/", "en": "/services/"}[lang]
        )
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


def test_graph_runs_under_the_content_security_policy(network, new_context, sign_in):
    context = new_context(bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"uncaught {exc}"))
    page.goto("/fi/network/network-map/", wait_until="networkidle")
    maps_steps.wait_for_graph(page, network)
    sign_in(context, network.member)
    page.goto("/fi/network/network-map/", wait_until="networkidle")
    maps_steps.open_steering_node(page, network)
    details = page.locator("#network-graph-details").inner_text()
    assert network.member.full_name in details and "Kuopion kaupunki" in details
    assert problems == []
