"""The indicator charts and their tables written as markup in Python: a dashboard of five indicators has
some 2,000 points and cells, and a template tag or variable per point was most of the page's time. The
markup is the same the templates wrote (numbers not localised inside SVG, labels escaped)."""

from __future__ import annotations

from html import escape as _escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

register = template.Library()


def escape(value) -> str:
    """Django's escape without its check for lazy strings (thousands of calls a page): the same text."""
    return _escape(str(value))


def _n(value) -> str:
    """A coordinate as the template wrote it under {% localize off %}."""
    return str(value)


@register.simple_tag
def trend_svg(c: dict, *label_id) -> str:
    """The line chart of `indicators.charts.line_chart`, labelled by the element whose id is `label_id`
    joined with hyphens."""
    labelledby = "-".join(str(part) for part in label_id)
    out = [
        f'<svg class="indicator-chart" viewBox="0 0 {_n(c["width"])} {_n(c["height"])}" role="img" '
        f'aria-labelledby="{escape(labelledby)}" focusable="false">'
    ]
    left, right, bottom = _n(c["left"]), _n(c["right"]), _n(c["bottom"])
    for t in c["ticks"]:
        y = _n(t["y"])
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{_n(c["left"] - 6)}" y="{y}" dy="4" text-anchor="end" fill="#1a1a1a" font-size="11">'
            f"{escape(t['label'])}</text>"
        )
    out.append(
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#595959" stroke-width="1"/>'
    )
    year_y = _n(c["year_y"])
    for y in c["years"]:
        out.append(
            f'<text x="{_n(y["x"])}" y="{year_y}" text-anchor="middle" fill="#1a1a1a" font-size="11">'
            f"{escape(y['label'])}</text>"
        )
    if c.get("mark"):
        x = _n(c["mark"]["x"])
        out.append(
            f'<line x1="{x}" y1="16" x2="{x}" y2="{bottom}" stroke="#b01038" stroke-width="2" '
            'stroke-dasharray="2 3"/>'
        )
    for s in c["series"]:
        main = s["style"] == 0
        out.append(f'<g class="series series--{_n(s["style"])}">')
        width = "3" if main else "2"
        for line in s["lines"]:
            out.append(f'<polyline points="{escape(line)}" fill="none" stroke-width="{width}"/>')
        radius = "4" if main else "3"
        for d in s["dots"]:
            x = _n(d["x"])
            if d.get("low_y") is not None:
                out.append(
                    f'<line x1="{x}" y1="{_n(d["low_y"])}" x2="{x}" y2="{_n(d["high_y"])}" stroke-width="1.5"/>'
                )
            out.append(
                f'<circle cx="{x}" cy="{_n(d["y"])}" r="{radius}"><title>{escape(d["label"])}</title></circle>'
            )
        out.append("</g>")
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308 - every label above is escaped


@register.simple_tag
def bars_svg(chart: dict, *label_id) -> str:
    """The bar chart of `indicators.charts.bar_chart` (labelled as `trend_svg`)."""
    labelledby = "-".join(str(part) for part in label_id)
    out = [
        f'<svg class="indicator-chart" viewBox="0 0 {_n(chart["width"])} {_n(chart["height"])}" role="img" '
        f'aria-labelledby="{escape(labelledby)}" focusable="false">'
    ]
    bottom, tick_y, label_x = _n(chart["bottom"]), _n(chart["tick_y"]), _n(chart["label_x"])
    for t in chart["ticks"]:
        x = _n(t["x"])
        out.append(
            f'<line x1="{x}" y1="16" x2="{x}" y2="{bottom}" stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{x}" y="{tick_y}" text-anchor="middle" fill="#1a1a1a" font-size="11">'
            f"{escape(t['label'])}</text>"
        )
    for b in chart["bars"]:
        text_y = _n(b["text_y"])
        bold = ' font-weight="bold"' if b["own"] else ""
        fill = 'fill="#b01038"' if b["own"] else 'fill="#0000bf" fill-opacity="0.75"'
        out.append(
            f'<text x="{label_x}" y="{text_y}" text-anchor="end" fill="#1a1a1a" font-size="12"{bold}>'
            f"{escape(Truncator(b['label']).chars(22))}</text>"
            f'<rect x="{_n(b["x"])}" y="{_n(b["y"])}" width="{_n(b["width"])}" height="{_n(b["height"])}" '
            f"{fill}/>"
        )
        if b.get("low_x") is not None:
            whisker_y = _n(int(b["text_y"]) - 4)  # as the template's `add` filter wrote it
            out.append(
                f'<line x1="{_n(b["low_x"])}" y1="{whisker_y}" x2="{_n(b["high_x"])}" y2="{whisker_y}" '
                'stroke="#1a1a1a" stroke-width="1.5"/>'
            )
        out.append(
            f'<text x="{_n(b["value_x"])}" y="{text_y}" fill="#1a1a1a" font-size="11">{escape(b["value"])}</text>'
        )
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308 - every label above is escaped


@register.simple_tag
def figure_rows(rows: list[dict]) -> str:
    """The body rows of a figures table: a year (or label) as the row header, then value cells, each with
    its 95 % interval below the value when there is one."""
    out = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(cell["value"])}'
            + (f'<br><span class="interval">{escape(cell["interval"])}</span>' if cell["interval"] else "")
            + "</td>"
            for cell in row["cells"]
        )
        out.append(f'<tr><th scope="row">{escape(row["year"])}</th>{cells}</tr>')
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


OWN_CLASS = ' class="own"'


@register.simple_tag
def compare_rows(rows: list) -> str:
    """The body rows of the municipalities' table: name (the chosen one marked), value, interval, and
    whether its difference to the chosen one is within the noise."""
    chosen = escape(gettext("chosen"))
    verdicts = {
        True: escape(gettext("within the noise")),
        False: escape(gettext("a clear difference")),
        None: escape(gettext("cannot be told")),
    }
    badge = f' <span class="badge">{chosen}</span>'
    out = []
    for p in rows:
        own = p.is_own
        verdict = "–" if own else verdicts.get(p.noise, verdicts[None])
        out.append(
            f'\n        <tr{OWN_CLASS if own else ""}><th scope="row">{escape(p.region.name)}'
            f'{badge if own else ""}</th><td class="num">{escape(p.cell["value"])}</td>'
            f'<td class="num">{escape(p.cell["interval"] or "–")}</td>'
            f"\n          <td>{verdict}</td></tr>\n      "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
