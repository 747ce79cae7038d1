"""A small server-rendered line chart of a follow-up metric against its baseline and target: coordinates only,
drawn as inline SVG by the template (no script). The same numbers are in a table beside it."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 100, 16, 40


def _fmt(value: Decimal) -> str:
    value = value.normalize() if value == value.to_integral() else value
    return number_format(value, use_l10n=True)


def format_number(value: Decimal) -> str:
    """A metric's value as the active language writes it, without trailing zeros: 26 not 26.00, 26,5 in
    Finnish and Swedish. For texts rendered in each recipient's language (notifications)."""
    return number_format(value.normalize(), use_l10n=True)


def metric_chart(metric, points) -> dict:
    recorded = [p for p in points if p.value is not None]
    numbers = [metric.baseline, metric.target, *(p.value for p in recorded)]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: Decimal) -> float:
        return round(TOP + float((high - value) / (high - low)) * plot_h, 1)

    step = plot_w / max(len(recorded) - 1, 1)
    dots = []
    for index, point in enumerate(recorded):
        x = round(LEFT + (index * step if len(recorded) > 1 else plot_w / 2), 1)
        dots.append(
            {
                "x": x,
                "y": y(point.value),
                "label": date_format(point.due_on, "SHORT_DATE_FORMAT"),
                "value": _fmt(point.value),
            }
        )
    measured = "; ".join(f"{d['label']}: {d['value']}" for d in dots) or _("nothing measured yet")
    summary = _("%(name)s in %(unit)s: baseline %(baseline)s, target %(target)s. Measured: %(measured)s.") % {
        "name": metric.name,
        "unit": metric.unit,
        "baseline": _fmt(metric.baseline),
        "target": _fmt(metric.target),
        "measured": measured,
    }
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right_edge": WIDTH - RIGHT,
        "label_x": WIDTH - RIGHT + 6,
        "bottom": HEIGHT - BOTTOM,
        "date_y": HEIGHT - BOTTOM + 18,
        "baseline_y": y(metric.baseline),
        "target_y": y(metric.target),
        "baseline": _fmt(metric.baseline),
        "target": _fmt(metric.target),
        "dots": dots,
        "polyline": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "summary": summary,
    }
