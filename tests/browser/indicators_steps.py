"""Data and browser steps for the indicator pages, used by the accessibility suite and the flow: figures
of a child-welfare indicator for the test network's county, two of its municipalities and the whole
country, imported through our own CSV shape. The network's member becomes the family centre's collector
where a page needs it."""

from __future__ import annotations

from tests.browser.triage_steps import make_collector


def figures(n):
    """The indicator with six years of figures (idempotent per test network)."""
    from familycentres.models import Area
    from familycentres.tests.factories import AreaFactory
    from indicators.models import Indicator
    from indicators.services.imports import file_import

    if getattr(n, "_indicator", None):
        return n._indicator
    indicator, _ = Indicator.objects.get_or_create(
        source="sotkanet",
        source_id="1086",
        defaults={
            "title_fi": "Lastensuojeluilmoituksen koskeneet 0–17-vuotiaat, %",
            "title_sv": "0–17-åringar som berörs av en barnskyddsanmälan, %",
            "title_en": "Children aged 0–17 with a child welfare notification, %",
            "value_type": "PROS",
            "decimals": 1,
            "in_default_package": True,
        },
    )
    AreaFactory(
        kind=Area.Kind.MUNICIPALITY,
        parent=n.municipality.parent,
        code="749",
        name_fi="Siilinjärvi",
        name_sv="Siilinjärvi",
    )
    lines = ["source;source_id;indicator;area;area_name;year;gender;value;absolute_value"]
    for year in range(2019, 2025):
        step = (year - 2019) / 10
        lines += [
            f"sotkanet;1086;x;297;Kuopio;{year};total;{7.1 + step:.1f};{round((7.1 + step) * 230)}",
            f"sotkanet;1086;x;749;Siilinjärvi;{year};total;{6.0 + step:.1f};{round((6.0 + step) * 45)}",
            f"sotkanet;1086;x;12;Pohjois-Savo;{year};total;{6.8 + step:.1f};{round((6.8 + step) * 470)}",
            f"sotkanet;1086;x;FI;Koko maa;{year};total;{7.5 + step:.1f};{round((7.5 + step) * 10500)}",
        ]
    run = file_import(actor=None, kind="csv", data="\r\n".join(lines).encode())
    assert run.status == "succeeded", run.error
    n._indicator = indicator
    return indicator


def dashboard(n, query: str = "") -> str:
    indicator = figures(n)
    return f"/indicators/?indicator={indicator.pk}&area=297{query}"


def catalogue(n) -> str:
    figures(n)
    return "/indicators/catalogue/"


def detail(n) -> str:
    make_collector(n)
    return f"/indicators/{figures(n).pk}/"


def compare(n) -> str:
    return f"/indicators/{figures(n).pk}/compare/?area=297"


def runs(n) -> str:
    make_collector(n)
    figures(n)
    return "/indicators/imports/"


def failed_run(n) -> str:
    from indicators.services.imports import file_import

    make_collector(n)
    figures(n)
    run = file_import(
        actor=n.member,
        kind="sotkanet-csv",
        data=b"indicator;region;year;gender;primary value;absolute value\n1086;52;2023;total;x;1\n",
    )
    return f"/indicators/imports/{run.pk}/"


def failed_upload(page, n) -> None:
    """Submits the upload form without a file: the form shows its errors."""
    page.eval_on_selector("main form[enctype]", "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator("main form[enctype] button[type=submit]").click()
    assert page.locator("main .errorlist").count() >= 1


def phenomenon_with_indicator(n) -> str:
    from indicators.models import PhenomenonIndicator
    from tests.browser import phenomena_steps

    phenomenon = phenomena_steps.phenomenon(n)
    PhenomenonIndicator.objects.get_or_create(phenomenon=phenomenon, indicator=figures(n))
    return f"/phenomena/{phenomenon.pk}/"


def saved_dashboard_delete(n) -> str:
    from indicators.services.dashboards import dashboard_save

    saved = dashboard_save(
        actor=n.member, name="Lastensuojelu Kuopiossa", owner=n.steering, query=dashboard(n).split("?", 1)[1]
    )
    return f"/indicators/dashboards/{saved.pk}/delete/"
