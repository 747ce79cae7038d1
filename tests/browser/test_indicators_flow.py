"""Done means: a collector opens the dashboard, compares child-welfare notifications across the county's
municipalities with the own municipality highlighted, exports the CSV and the PDF, attaches the indicator
to a phenomenon and sees it on the phenomenon's page; an administrator imports a broken file and sees a
clear failure with nothing changed, then a good one with its counts. Driven in Chromium."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.browser import indicators_steps, phenomena_steps
from tests.browser.triage_steps import make_collector

pytestmark = pytest.mark.browser


def test_collector_compares_exports_and_links_then_admin_imports(network, new_context, sign_in, tmp_path):
    from playwright.sync_api import expect

    from accounts.tests.factories import UserFactory
    from indicators.models import PhenomenonIndicator, Value

    n = network
    make_collector(n)
    indicator = indicators_steps.figures(n)
    phenomenon = phenomena_steps.phenomenon(n)

    context = new_context(accept_downloads=True)
    sign_in(context, n.member)
    page = context.new_page()
    page.goto("/fi/indicators/")
    page.select_option("select[name=indicator]", str(indicator.pk))
    page.select_option("select[name=area]", "297")
    page.click("main form.dashboard-form button[type=submit]")
    expect(page.locator("main h2").first).to_contain_text("Lastensuojeluilmoituksen")
    own = page.locator("table.figures tr.own")
    expect(own).to_contain_text("Kuopio")
    expect(page.locator("svg.indicator-chart")).to_have_count(2)

    with page.expect_download() as download:
        page.click("text=Lataa CSV")
    csv_text = download.value.path().read_text(encoding="utf-8-sig")
    assert csv_text.startswith("source;source_id;indicator;area") and ";297;Kuopio;2024;total;7.6" in csv_text
    pdf = context.request.get(
        urljoin(page.url, page.locator("text=Koontinäkymä PDF:nä").get_attribute("href"))
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # The stable link reopens the same selection.
    link = page.locator("text=Linkki tähän valintaan").get_attribute("href")
    page.goto(link)
    expect(page.locator("table.figures tr.own")).to_contain_text("Kuopio")

    # The indicator is shown with the phenomenon.
    page.goto(f"/fi/phenomena/{phenomenon.pk}/")
    page.select_option("#indicators select[name=indicator]", str(indicator.pk))
    page.click("#indicators button:has-text('Näytä ilmiön yhteydessä')")
    expect(page.locator("#indicators")).to_contain_text("Lastensuojeluilmoituksen")
    expect(page.locator("#indicators svg")).to_have_count(1)
    assert PhenomenonIndicator.objects.filter(phenomenon=phenomenon, indicator=indicator).exists()

    # An administrator imports a broken file: a clear failure, nothing changed.
    admin = UserFactory(staff=True, is_superuser=True, email="admin.indicators@example.test")
    admin_context = new_context()
    sign_in(admin_context, admin)
    admin_page = admin_context.new_page()
    before = list(Value.objects.order_by("pk").values_list("pk", "value"))
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator;region;year;gender;primary value;absolute value\n1086;52;2023;total;abc;1\n")
    admin_page.goto("/fi/indicators/imports/")
    admin_page.select_option("select[name=source]", "sotkanet-csv")
    admin_page.set_input_files("input[name=file]", str(bad))
    admin_page.click("main form[enctype] button[type=submit]")
    expect(admin_page.locator("#run-state .hds-notification--error")).to_contain_text("Mitään ei muutettu")
    expect(admin_page.locator("#run-state table")).to_contain_text("abc")
    assert list(Value.objects.order_by("pk").values_list("pk", "value")) == before

    good = tmp_path / "good.csv"
    good.write_text(
        "source;source_id;indicator;area;area_name;year;gender;value;absolute_value\n"
        "sotkanet;1086;x;297;Kuopio;2025;total;7,9;1820\n"
    )
    admin_page.goto("/fi/indicators/imports/")
    admin_page.select_option("select[name=source]", "csv")
    admin_page.set_input_files("input[name=file]", str(good))
    admin_page.click("main form[enctype] button[type=submit]")
    expect(admin_page.locator("#run-state .hds-notification--success")).to_be_visible()
    expect(admin_page.locator("#run-state dl")).to_contain_text("1")
    assert Value.objects.filter(region__code="297", year=2025).exists()
