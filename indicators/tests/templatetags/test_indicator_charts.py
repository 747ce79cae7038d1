"""The charts and figure rows written in Python: the markup the templates wrote, labels escaped."""

from __future__ import annotations

import pytest
from django.utils import translation

from core.forms import FastSelectMultiple
from indicators.templatetags.indicator_charts import bars_svg, figure_rows, trend_svg

TREND = {
    "width": 640,
    "height": 260,
    "left": 56,
    "right": 624,
    "bottom": 224,
    "year_y": 242,
    "ticks": [{"y": 224.0, "label": "0"}, {"y": 16.0, "label": "20"}],
    "years": [{"x": 56.0, "label": 2023}, {"x": 624.0, "label": 2024}],
    "mark": {"x": 624.0, "label": 2024},
    "series": [
        {
            "label": "<b>Oulu</b>",
            "style": 0,
            "lines": ["56.0,120.0 624.0,110.0"],
            "dots": [
                {"x": 56.0, "y": 120.0, "label": "<b>Oulu</b> 2023: 10,0", "low_y": 130.0, "high_y": 110.0},
                {"x": 624.0, "y": 110.0, "label": "Oulu 2024: 11,0"},
            ],
        },
        {"label": "Koko maa", "style": 1, "lines": [], "dots": [{"x": 56.0, "y": 100.0, "label": "x"}]},
    ],
}


def test_trend_svg_draws_every_point_and_escapes_labels():
    svg = trend_svg(TREND, "trend", 7, "d")
    assert svg.startswith('<svg class="indicator-chart" viewBox="0 0 640 260" role="img"')
    assert 'aria-labelledby="trend-7-d"' in svg
    assert svg.count("<circle") == 3
    assert 'r="4"' in svg and 'r="3"' in svg  # the area's own series is drawn larger
    assert svg.count('stroke-width="1.5"') == 1  # one point has an interval
    assert 'stroke-dasharray="2 3"' in svg  # the year marked
    assert "<b>" not in svg and "&lt;b&gt;Oulu&lt;/b&gt; 2023: 10,0" in svg
    assert 'x="50"' in svg  # tick labels 6 px left of the axis


def test_bars_svg_highlights_the_chosen_region_and_truncates_long_names():
    chart = {
        "width": 640,
        "height": 100,
        "label_x": 150,
        "bottom": 64,
        "tick_y": 80,
        "ticks": [{"x": 158.0, "label": "0"}],
        "bars": [
            {
                "label": "A very long municipality name & more",
                "own": True,
                "x": 158.0,
                "y": 19,
                "width": 100.0,
                "height": 18,
                "text_y": 32.0,
                "value": "12,5",
                "value_x": 262.0,
                "low_x": 240.0,
                "high_x": 280.0,
            },
            {
                "label": "Muu",
                "own": False,
                "x": 158.0,
                "y": 43,
                "width": 50.0,
                "height": 18,
                "text_y": 56.0,
                "value": "< 5",
                "value_x": 212.0,
            },
        ],
    }
    svg = bars_svg(chart, "bars", 3, "c")
    assert 'aria-labelledby="bars-3-c"' in svg
    assert svg.count('font-weight="bold"') == 1 and 'fill="#b01038"' in svg
    assert "A very long municipal…" in svg and "&amp;" not in svg  # cut at 22 characters before the &
    assert 'y1="28" x2="280.0" y2="28"' in svg  # the whisker 4 px above the text line
    assert "&lt; 5" in svg


def test_figure_rows_write_values_and_intervals_escaped():
    rows = [
        {"year": 2024, "cells": [{"value": "1,5", "interval": "1,0–2,0"}, {"value": "< 5", "interval": ""}]},
        {"year": 2025, "cells": [{"value": "–", "interval": ""}]},
    ]
    html = figure_rows(rows)
    assert html.count("<tr>") == 2
    assert (
        '<th scope="row">2024</th><td class="num">1,5<br><span class="interval">1,0–2,0</span></td>' in html
    )
    assert '<td class="num">&lt; 5</td>' in html
    assert figure_rows([]) == ""


def test_fast_select_multiple_marks_every_chosen_option_and_escapes():
    widget = FastSelectMultiple(choices=[(1, "Yksi"), (2, "<Kaksi>"), (3, "Kolme")])
    with translation.override("fi"):
        html = widget.render("indicator", [1, 3], attrs={"id": "id_indicator"})
    assert html.startswith('<select name="indicator" id="id_indicator" multiple>')
    assert '<option value="1" selected>Yksi</option>' in html
    assert '<option value="3" selected>Kolme</option>' in html
    assert '<option value="2">&lt;Kaksi&gt;</option>' in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_fmt_writes_what_number_format_writes(language):
    from decimal import ROUND_HALF_UP, Decimal

    from django.utils import translation
    from django.utils.formats import number_format

    from indicators.charts import fmt

    numbers = [0, -0.001, 0.05, 1, 8.45, -8.45, 999.95, 1234.5, -1234567.891, 12345678901.25, 7, 0.0004]
    with translation.override(language):
        for value in [*numbers, *(Decimal(str(n)) for n in numbers)]:
            for decimals in range(7):
                rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
                expected = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
                assert fmt(value, decimals) == expected, (value, decimals)
        assert fmt(None, 1) == "–"


# The municipalities' rows as the template's loop wrote them, before the tag.
COMPARE_LOOP = """{% load i18n %}{% for p in rows %}
        <tr{% if p.is_own %} class="own"{% endif %}><th scope="row">{{ p.region.name }}{% if p.is_own %} <span class="badge">{% translate "chosen" %}</span>{% endif %}</th><td class="num">{{ p.cell.value }}</td><td class="num">{{ p.cell.interval|default:"–" }}</td>
          <td>{% if p.is_own %}–{% elif p.noise is True %}{% translate "within the noise" %}{% elif p.noise is False %}{% translate "a clear difference" %}{% else %}{% translate "cannot be told" %}{% endif %}</td></tr>
      {% endfor %}"""


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_compare_rows_write_what_the_template_loop_wrote(language):
    from types import SimpleNamespace

    from django.template import Context, Template

    from indicators.templatetags.indicator_charts import compare_rows

    def row(name, own, noise, value, interval):
        region = SimpleNamespace(name=name)
        return SimpleNamespace(
            region=region, is_own=own, noise=noise, cell={"value": value, "interval": interval}
        )

    rows = [
        row("<b>Oulu</b>", True, None, "10,0", "9,1–11,0"),
        row("Kemi & Tornio", False, True, "9,5", ""),
        row("Ii", False, False, "< 5", ""),
        row("Muhos", False, None, "–", "1–2"),
    ]
    with translation.override(language):
        assert compare_rows(rows) == Template(COMPARE_LOOP).render(Context({"rows": rows}))
