"""Panels that apps above co-development add under a follow-up metric (the indicators app shows the
metric's indicator before and after the implementation). An app registers a function in its
AppConfig.ready(); it gets the request, the metric and the date the implementation began (or None) and
returns HTML, or "" to add nothing. Co-development never imports the apps that plug in here."""

from __future__ import annotations

from collections.abc import Callable

MetricPanel = Callable[..., str]

_panels: dict[str, MetricPanel] = {}


def register_metric_panel(key: str, panel: MetricPanel) -> None:
    _panels[key] = panel


def metric_panels(request, metric, implemented_on) -> list[str]:
    return [html for panel in _panels.values() if (html := panel(request, metric, implemented_on))]
