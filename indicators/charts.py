"""Server-rendered charts (the house style of the follow-up chart): coordinates only, drawn as inline SVG
by the templates with no script, each with a title, a text summary and a data table beside it. Series are
told apart by line style as well as colour, and 95 % intervals are drawn as whiskers."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.core.signals import setting_changed
from django.utils import translation
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

WIDTH = 640
LINE_HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
BAR_ROW = 24
BAR_LABEL = 150


@functools.cache
def _separators(language: str | None) -> dict[int, str] | None:
    """A language's decimal and thousands separators as a translation of Python's "," and ".", or None
    where its grouping is not plain threes (then Django formats). Forgotten when a setting changes."""
    with translation.override(language):
        if get_format("NUMBER_GROUPING") != 3:
            return None
        return {ord(","): get_format("THOUSAND_SEPARATOR"), ord("."): get_format("DECIMAL_SEPARATOR")}


setting_changed.connect(lambda **kwargs: _separators.cache_clear(), weak=False)


def fmt(value, decimals: int) -> str:
    return formatter(decimals)(value)


def formatter(decimals: int) -> Callable[[object], str]:
    """`fmt` with `decimals` fixed, for many figures: the language's separators looked up once."""
    quantum = Decimal(1).scaleb(-decimals)
    separators = _separators(translation.get_language())

    def format_(value) -> str:
        if value is None:
            return "–"
        # Django's number_format cuts extra decimals off; figures are rounded half up first.
        number = value if type(value) is Decimal else Decimal(str(value))
        rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
        if separators is None:
            return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
        # The same text as number_format(rounded, decimal_pos=decimals, use_l10n=True,
        # force_grouping=True) (a test compares them), written by Python's own formatting: a dashboard
        # formats thousands of figures, and number_format looked its settings up again for each (a
        # third of the page's time). number_format writes a zero without its sign.
        return f"{abs(rounded) if rounded.is_zero() else rounded:,f}".translate(separators)

    return format_


def _scale(numbers: list[float]) -> tuple[float, float, list[float]]:
    """A range from zero (or below, for negatives) to a round number above the highest, and its ticks."""
    high = max(numbers, default=1.0)
    low = min(0.0, min(numbers, default=0.0))
    if high <= low:
        high = low + 1
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    top = step * -(-high // step)
    ticks = []
    tick = low
    while tick <= top + step / 1000:
        ticks.append(round(tick, 6))
        tick += step
    return low, top, ticks


def line_chart(*, series: list[dict], years: list[int], decimals: int, mark_year: int | None = None) -> dict:
    """`series`: [{"label", "points": {year: Point}}]; suppressed points and gaps break the line."""
    f = formatter(decimals)
    numbers = []
    for s in series:
        for p in s["points"].values():
            if p.shown is not None:
                numbers.append(float(p.shown))
                if p.high is not None:
                    numbers.append(p.high)
    low, high, ticks = _scale(numbers)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, LINE_HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(years) - 1, 1)

    def x(year: int) -> float:
        return round(LEFT + (years.index(year) * step if len(years) > 1 else plot_w / 2), 1)

    def y(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * plot_h, 1)

    drawn = []
    for index, s in enumerate(series):
        segments, current, dots = [], [], []
        for year in years:
            p = s["points"].get(year)
            if p is None or p.shown is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = {
                "x": x(year),
                "y": y(float(p.shown)),
                "label": f"{s['label']} {year}: {f(p.shown)}",
            }
            if p.low is not None:
                point["low_y"], point["high_y"] = y(p.low), y(p.high)
            current.append(point)
            dots.append(point)
        if current:
            segments.append(current)
        drawn.append(
            {
                "label": s["label"],
                "style": index % 4,
                "lines": [" ".join(f"{d['x']},{d['y']}" for d in seg) for seg in segments if len(seg) > 1],
                "dots": dots,
                "legend_y": TOP + 14 * index,
            }
        )
    label_every = max(1, -(-len(years) // 10))
    return {
        "width": WIDTH,
        "height": LINE_HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": LINE_HEIGHT - BOTTOM,
        "year_y": LINE_HEIGHT - BOTTOM + 18,
        "ticks": [{"y": y(t), "label": fmt(t, decimals if t != int(t) else 0)} for t in ticks],
        "years": [
            {"x": x(year), "label": year}
            for i, year in enumerate(years)
            if i % label_every == 0 or i == len(years) - 1
        ],
        "series": drawn,
        "mark": {"x": x(mark_year), "label": mark_year} if mark_year in years else None,
    }


def bar_chart(*, rows: list, decimals: int) -> dict:
    """Horizontal bars, highest first; the chosen region highlighted; whiskers for 95 % intervals."""
    f = formatter(decimals)
    numbers = [float(p.shown) for p in rows if p.shown is not None] + [
        p.high for p in rows if p.high is not None
    ]
    low, high, ticks = _scale(numbers)
    plot_left = BAR_LABEL + 8
    plot_w = WIDTH - plot_left - RIGHT - 56
    height = TOP + BAR_ROW * len(rows) + BOTTOM

    def x(value: float) -> float:
        return round(plot_left + (value - low) / (high - low) * plot_w, 1)

    bars = []
    for index, p in enumerate(rows):
        top = TOP + index * BAR_ROW
        bar = {
            "label": p.region.name,
            "y": top + 3,
            "text_y": top + BAR_ROW / 2 + 4,
            "height": BAR_ROW - 6,
            "own": getattr(p, "is_own", False),
            "value": _("< 5") if p.suppressed else f(p.shown),
            "x": x(0) if low <= 0 else plot_left,
            "width": max(round(x(float(p.shown)) - x(max(low, 0)), 1), 0) if p.shown is not None else 0,
        }
        bar["value_x"] = bar["x"] + bar["width"] + 4
        if p.low is not None and p.shown is not None:
            bar["low_x"], bar["high_x"] = x(p.low), x(p.high)
            bar["value_x"] = max(bar["value_x"], bar["high_x"] + 4)
        bars.append(bar)
    return {
        "width": WIDTH,
        "height": height,
        "plot_left": plot_left,
        "label_x": BAR_LABEL,
        "bottom": height - BOTTOM,
        "tick_y": height - BOTTOM + 16,
        "ticks": [{"x": x(t), "label": fmt(t, decimals if t != int(t) else 0)} for t in ticks],
        "bars": bars,
    }
