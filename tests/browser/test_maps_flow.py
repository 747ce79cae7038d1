"""A coordinator's way through the service map and the network map in a real browser: the map's gaps and
overlaps, a service opened from its cell and edited, a way to reach it added; the network map's graph
opened on a group and its list alternative."""

from __future__ import annotations

import pytest

from tests.browser import maps_steps

pytestmark = pytest.mark.browser


def test_coordinator_reads_the_service_map_and_the_network_map(network, new_context, sign_in):
    maps_steps.services(network)
    context = new_context()
    sign_in(context, network.member)  # coordinator of the local team: keeps the catalogue
    page = context.new_page()
    page.goto("/fi/")
    page.get_by_role("button", name="Verkosto").click()  # the main menu's group of the network's pages
    page.get_by_role("link", name="Palvelukartta").click()
    page.select_option("#id_area", str(network.county.pk))
    page.get_by_role("button", name="Näytä").click()

    table = page.locator("table.service-map")
    assert table.locator("caption").inner_text().startswith("Palvelut palveluryhmittäin")
    # Three providers run a family café in Kuopio: an overlap; the special level is an empty gap.
    ngo_row = table.locator("tr", has=page.locator("th", has_text="Järjestöt ja seurakunnat"))
    assert ngo_row.locator(".mark--overlap").count() == 2  # whole family and parents
    assert "Kuopion seurakunta" in ngo_row.inner_text()  # the providers are on the matrix
    special_row = table.locator("tr", has=page.locator("th", has_text="Konsultoiva erityistaso"))
    assert special_row.locator(".mark--gap").count() == 7
    # A cell opens in place with its services and the municipalities where it overlaps.
    ngo_row.locator(".cell-open a").first.click()
    opened = page.locator("#service-map-cell")
    opened.locator("h2").wait_for()
    assert "Kuopio (3 tuottajaa)" in opened.inner_text()
    assert "Perhekahvila 1" in opened.inner_text()
    assert "/service-map/?" in page.url  # opened in place: the map stays
    # Without JavaScript the same control is a link to the cell's own page with the map's filters.
    href = ngo_row.locator(".cell-open a").first.get_attribute("href")
    page.goto(href)
    assert "Perhekahvila 2" in page.locator("main").inner_text()
    page.get_by_role("link", name="Takaisin palvelukarttaan").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa CSV-tiedostona").click()
    assert download.value.suggested_filename == "service-map.csv"

    clinic_row = table.locator("tr", has=page.locator("th", has_text="Terveyden ja hyvinvoinnin edistäminen"))
    clinic_row.locator(".cell-open a").first.click()
    page.locator("#service-map-cell h2").wait_for()
    page.get_by_role("link", name="Petosen neuvola").first.click()
    assert page.locator("h1").inner_text() == "Petosen neuvola"
    assert "Petosenkatu 1" in page.locator("main").inner_text()

    page.get_by_role("link", name="Muokkaa palvelua").click()
    page.fill("input[name=name_fi]", "Petosen lastenneuvola")
    page.get_by_role("button", name="Tallenna").click()
    assert page.locator("h1").inner_text() == "Petosen lastenneuvola"
    assert "Palvelu tallennettiin." in page.locator(".messages").inner_text()

    page.locator("main details summary").click()
    page.select_option("select[name=kind]", "e_service")
    page.fill("input[name=url]", "https://ajanvaraus.example.test")
    page.get_by_role("button", name="Lisää", exact=True).click()
    assert "https://ajanvaraus.example.test" in page.locator("main").inner_text()

    page.goto("/fi/network/network-map/")
    maps_steps.open_steering_node(page, network)
    details = page.locator("#network-graph-details")
    assert network.chair.full_name in details.inner_text()
    page.get_by_role("link", name="Ohita kaavio ja siirry suhteiden listaan").click()
    listing = page.locator("#network-list")
    assert "Kuopion kaupunki" in listing.inner_text()
    assert f"{network.chair.full_name} – puheenjohtaja" in listing.inner_text()
