"""The service map's cell lists written in Python, and the API's cells written as dicts."""

from __future__ import annotations

from django.utils import translation

from familycentres.api import ServiceMapCellSerializer, ServiceMapSerializer
from familycentres.selectors.servicemap import Cell, CellService, Row, ServiceMap
from familycentres.templatetags.service_map_cells import cell_overlaps, cell_service_items


def _cell() -> Cell:
    return Cell(
        "promotion",
        "children",
        count=12,
        services=[CellService(5, "Neuvola <b>", "Kaupunki & co"), CellService(6, "Kerho", "Seurakunta")],
        providers=["Kaupunki & co", "Seurakunta"],
        missing_in=["Hattula"],
        overlap_in=[("Hämeenlinna", 3), ("Janakkala", 1)],
    )


def test_cell_service_items_link_on_the_page_and_escape():
    with translation.override("fi"):
        html = cell_service_items(_cell(), True)
    assert html.count("<li>") == 2
    assert html.startswith('<li><a href="/fi/') and '/services/5/">Neuvola &lt;b&gt;</a>' in html
    assert '<span class="provider">(Kaupunki &amp; co)</span>' in html
    assert "<a " not in cell_service_items(_cell(), False)


def test_cell_overlaps_count_providers_in_the_language():
    with translation.override("en"):
        assert cell_overlaps(_cell()) == "Hämeenlinna (3 providers), Janakkala (1 provider)"
    with translation.override("fi"):
        assert "Hämeenlinna (3 " in cell_overlaps(_cell())


def test_api_cells_equal_the_serializer():
    cell = _cell()
    matrix = ServiceMap(
        columns=[("children", "Lapset")],
        rows=[Row("promotion", "Edistävä", [cell])],
        municipalities=["Hattula", "Hämeenlinna"],
        service_count=12,
        overlap_threshold=3,
    )
    assert ServiceMapSerializer(matrix).data["cells"] == [ServiceMapCellSerializer(cell).data]
