"""A dashboard: for each chosen indicator the trend of the area, its county and the whole country, and the
municipalities of the county compared in the latest year. The same rows feed the charts, the tables beside
them, the CSV and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts import bar_chart, fmt, line_chart
from ..models import Indicator, Region
from .figures import comparison, points, trend_regions


@dataclass
class Panel:
    indicator: Indicator
    region: Region
    years: list[int]
    trend_regions: list[Region]
    trend: dict
    trend_rows: list[dict]
    compare: dict
    compare_chart: dict | None
    export_rows: list[list] = field(default_factory=list)
    gender_rows: list[dict] = field(default_factory=list)


def cell_for(point, decimals):
    if point is None:
        return {"value": "–", "interval": ""}
    if point.suppressed:
        return {"value": "< 5", "interval": ""}
    interval = f"{fmt(point.low, decimals)}–{fmt(point.high, decimals)}" if point.low is not None else ""
    return {"value": fmt(point.shown, decimals), "interval": interval}


def build_panel(indicator: Indicator, region: Region, *, year_from: int, year_to: int, gender: str) -> Panel:
    regions = trend_regions(region)
    found = points(indicator, regions, year_from=year_from, year_to=year_to, gender=gender)
    years = sorted({p.year for p in found}) or list(range(year_from, year_to + 1))
    by_region = {r.pk: {} for r in regions}
    for p in found:
        by_region[p.region.pk][p.year] = p
    decimals = indicator.decimals
    trend = line_chart(
        series=[{"label": r.name, "points": by_region[r.pk]} for r in regions], years=years, decimals=decimals
    )
    trend_rows = [
        {"year": y, "cells": [cell_for(by_region[r.pk].get(y), decimals) for r in regions]} for y in years
    ]
    compare = comparison(indicator, region, year=None, gender=gender)
    chart = bar_chart(rows=compare["rows"], decimals=decimals) if compare["rows"] else None
    for row in compare["rows"]:
        row.cell = cell_for(row, decimals)
    if compare.get("county_point") is not None:
        compare["county_point"].cell = cell_for(compare["county_point"], decimals)
    gender_rows = []
    gender_points = []
    if indicator.has_genders and gender == "total":
        # Men and women beside the total, for the chosen area, where the source has them.
        for g in ("male", "female"):
            gender_points += points(indicator, [region], year_from=year_from, year_to=year_to, gender=g)
        by_key = {(p.year, p.gender): p for p in gender_points}
        own = by_region[region.pk]
        for y in sorted({p.year for p in gender_points}):
            gender_rows.append(
                {
                    "year": y,
                    "cells": [
                        cell_for(own.get(y), decimals),
                        cell_for(by_key.get((y, "male")), decimals),
                        cell_for(by_key.get((y, "female")), decimals),
                    ],
                }
            )
    export = []
    for p in [*found, *gender_points]:
        if not p.suppressed:
            export.append(export_row(indicator, p))
    for p in compare["rows"]:
        if not p.suppressed and p.region.pk not in by_region:
            export.append(export_row(indicator, p))
    return Panel(indicator, region, years, regions, trend, trend_rows, compare, chart, export, gender_rows)


def export_row(indicator, p) -> list:
    return [
        indicator.source,
        indicator.source_id,
        indicator.title,
        p.region.code,
        p.region.name,
        p.year,
        p.gender,
        p.value,
        p.abs_value if p.abs_value is not None else "",
        round(p.low, 4) if p.low is not None else "",
        round(p.high, 4) if p.high is not None else "",
    ]


EXPORT_HEADER = [
    "source",
    "source_id",
    "indicator",
    "area",
    "area_name",
    "year",
    "gender",
    "value",
    "absolute_value",
    "ci_low",
    "ci_high",
]
