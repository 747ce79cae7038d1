"""Set-up and browser steps for the service map and network map pages."""

from __future__ import annotations


def services(net) -> None:
    """Services for the test network: one with a place and a phone, one in Swedish, one imported whose
    name changed here and in the catalogue."""
    from familycentres.models import Organisation, ServiceChannel
    from familycentres.tests.factories import OrganisationFactory, ServiceChannelFactory, ServiceFactory

    if getattr(net, "clinic", None) is not None:
        return
    net.organisation = Organisation.objects.get(name="Kuopion kaupunki")
    net.clinic = ServiceFactory(
        name_fi="Petosen neuvola",
        name_sv="Petonens rådgivning",
        name_en="Petonen child health clinic",
        organisation=net.organisation,
        client_groups=["expecting", "0_6"],
        languages=["fi", "sv"],
        areas=[net.municipality],
    )
    ServiceChannelFactory(
        service=net.clinic,
        kind=ServiceChannel.Kind.PLACE,
        name="Petosen perhekeskus",
        address="Petosenkatu 1",
        phone="",
        opening_hours="ma–pe 8–16",
    )
    ServiceChannelFactory(service=net.clinic, phone="017 123 456")
    parish = OrganisationFactory(name="Kuopion seurakunta", kind="parish")
    for n, org in enumerate([net.organisation, parish, OrganisationFactory(name="Perheyhdistys ry")]):
        ServiceFactory(
            name_fi=f"Perhekahvila {n + 1}",
            organisation=org,
            service_group="ngo_parish",
            client_groups=["family", "parents"],
            areas=[net.municipality],
        )
    net.imported = ServiceFactory(
        name_fi="Kasvatus- ja perheneuvola",
        organisation=net.organisation,
        service_group="psychosocial",
        client_groups=["7_12"],
        areas=[net.municipality],
        source="ptv",
        ptv_id="0f1e2d3c-0000-4000-8000-0000000000aa",
        conflicts={"name_fi": {"local": "Kasvatus- ja perheneuvola", "ptv": "Perheneuvola Kuopio"}},
    )


def service_map(net) -> str:
    services(net)
    return f"/network/service-map/?area={net.county.pk}"


def service_map_cell(net) -> str:
    """The cell of the map with the three family cafés, as its own page (the map's link without
    JavaScript)."""
    services(net)
    return f"/network/service-map/ngo_parish/family/?area={net.county.pk}"


def open_ngo_cell(page, net) -> None:
    """Opens, in place, the first cell of the row of organisations and parishes (htmx)."""
    link = page.locator("table.service-map td .cell-open a[href*='/ngo_parish/']").first
    link.click()
    page.locator("#service-map-cell h2").wait_for()


def service_list(net) -> str:
    services(net)
    return "/network/services/"


def service_detail(net) -> str:
    services(net)
    return f"/network/services/{net.clinic.pk}/"


def service_conflict(net) -> str:
    services(net)
    return f"/network/services/{net.imported.pk}/"


def service_edit(net) -> str:
    services(net)
    return f"/network/services/{net.clinic.pk}/edit/"


def failed_service_submit(page, net) -> None:
    page.fill("input[name=name_fi]", "")
    page.eval_on_selector("main form", "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main .errorlist").count() >= 1


def failed_channel_submit(page, net) -> None:
    page.locator("main details summary").click()
    page.select_option("select[name=kind]", "place")
    form = "main form[action$='/channels/']"
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()
    assert page.locator("main .errorlist").count() >= 1


def service_import(net) -> str:
    from core.models import ImportRun

    ImportRun.objects.get_or_create(
        source="ptv",
        kind="services",
        status="succeeded",
        defaults={
            "finished_at": "2026-01-01T08:00Z",
            "rows_read": 12,
            "rows_created": 10,
            "detail": {
                "skipped": [{"id": "x", "reason": "no name in Finnish"}],
                "skipped_count": 1,
                "conflicts": 1,
            },
        },
    )
    return "/network/services/import/"


def network_map(net) -> str:
    return "/network/network-map/"


def wait_for_graph(page, net) -> None:
    page.wait_for_function("() => document.querySelector('#network-graph canvas') !== null")


def tap_node(page, label: str) -> None:
    """Clicks the graph's node with this label where it is drawn."""
    position = page.evaluate(
        """label => {
            const cy = document.getElementById('network-graph').cytoscapeInstance;
            const node = cy.nodes().filter(n => n.data('label') === label)[0];
            cy.center(node);
            const p = node.renderedPosition();
            return {x: p.x, y: p.y};
        }""",
        label,
    )
    box = page.locator("#network-graph").bounding_box()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])


def open_steering_node(page, net) -> None:
    wait_for_graph(page, net)
    tap_node(page, net.steering.name)
    page.wait_for_function("() => document.querySelector('#network-graph-details li') !== null")


def service_finder(net) -> str:
    services(net)
    return f"/services-finder/?municipality={net.municipality.pk}&age=0_6"
