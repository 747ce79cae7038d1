"""Panels that apps above co-development add under follow-up metrics (the indicators app shows a
metric's indicator before and after the implementation). An app registers a function in its
AppConfig.ready(); it gets the request, all the page's metrics (one call per page, so the page's queries
do not grow with the metrics) and the date the implementation began (or None), and returns
{metric id: HTML} for the metrics it adds something to. Co-development never imports the apps that plug
in here."""

from __future__ import annotations

from collections.abc import Callable

MetricPanel = Callable[..., dict[int, str]]

_panels: dict[str, MetricPanel] = {}


def register_metric_panel(key: str, panel: MetricPanel) -> None:
    _panels[key] = panel


def metric_panels(request, metrics, implemented_on) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for panel in _panels.values():
        for pk, html in panel(request, metrics, implemented_on).items():
            if html:
                out.setdefault(pk, []).append(html)
    return out
