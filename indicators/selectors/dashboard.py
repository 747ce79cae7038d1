"""A dashboard: for each chosen indicator the trend of the area, its county and the whole country, and the
municipalities of the county compared in the latest year. The same rows feed the charts, the tables beside
them, the CSV and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts import bar_chart, fmt, formatter, line_chart
from ..models import Indicator, Region, Value
from .figures import compared, county_of, make_point, trend_regions


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
    export_points: list = field(default_factory=list)
    gender_rows: list[dict] = field(default_factory=list)
    month_rows: list[dict] = field(default_factory=list)
    group_rows: list[dict] = field(default_factory=list)
    trend_points: list = field(default_factory=list)

    @property
    def export_rows(self) -> list[list]:
        """The CSV rows of the panel's figures (made when asked: a page shows them as tables)."""
        return [export_row(self.indicator, p) for p in self.export_points]


def cell_for(point, decimals, f=None):
    """A table cell of `point`; `f`, the formatter of `decimals` when the caller has one."""
    if point is None:
        return {"value": "–", "interval": ""}
    if point.suppressed:
        return {"value": "< 5", "interval": ""}
    f = f or formatter(decimals)
    interval = f"{f(point.low)}–{f(point.high)}" if point.low is not None else ""
    return {"value": f(point.shown), "interval": interval}


def build_panel(indicator: Indicator, region: Region, *, year_from: int, year_to: int, gender: str) -> Panel:
    return build_panels([indicator], region, year_from=year_from, year_to=year_to, gender=gender)[0]


def build_panels(
    indicators: list[Indicator],
    region: Region,
    *,
    year_from: int,
    year_to: int,
    gender: str,
    regions: list[Region] | None = None,
    mark_year: int | None = None,
) -> list[Panel]:
    """Every chosen indicator's panel from one read of the values (the trend regions and the county's
    municipalities, all years, the genders shown), plus one read each for the months and the groups
    where an indicator has them. `regions`, the whole region list when the caller has it, spares the
    look-ups of the region's county and its municipalities."""
    if not indicators:
        return []
    if regions is None:
        chain = trend_regions(region)
        county = county_of(region)
        members = list(Region.objects.filter(parent=county, kind=Region.Kind.MUNICIPALITY)) if county else []
    else:
        by_id = {r.pk: r for r in regions}
        chain, node = [], by_id.get(region.pk, region)
        while node is not None and len(chain) < 4:
            chain.append(node)
            node = by_id.get(node.parent_id)
        if not any(r.code == Region.COUNTRY_CODE for r in chain):
            chain += [r for r in regions if r.code == Region.COUNTRY_CODE][:1]
        county = next((r for r in chain if r.kind == Region.Kind.WELLBEING_COUNTY), None)
        members = [
            r for r in regions if county and r.parent_id == county.pk and r.kind == Region.Kind.MUNICIPALITY
        ]
    region = chain[0] if chain else region
    by_region = {r.pk: r for r in [*chain, *members]}
    genders = {gender}
    if gender == "total" and any(i.has_genders for i in indicators):
        genders |= {"male", "female"}
    # All years: the comparison shows the latest year with figures, which may be outside the range.
    rows: dict[int, list] = {i.pk: [] for i in indicators}
    # Unordered: the model's ordering sorts by the indicator's and the region's own orderings, which
    # joined both tables and sorted 6,000 wide rows (most of the read's time); each panel sorts what it
    # shows.
    for row in (
        Value.objects.yearly()
        .filter(indicator_id__in=list(rows), region_id__in=list(by_region), gender__in=genders)
        .order_by()
        .values_list("indicator_id", "region_id", "year", "gender", "value", "abs_value")
    ):
        rows[row[0]].append(row)
    months = _months([i for i in indicators if i.has_months], region, year_from, year_to, gender)
    groups = _groups([i for i in indicators if i.has_groups], chain, year_from, year_to, gender)
    return [
        _panel(
            indicator,
            region,
            chain,
            county,
            rows[indicator.pk],
            by_region,
            year_from=year_from,
            year_to=year_to,
            gender=gender,
            month_rows=months.get(indicator.pk, []),
            group_rows=groups.get(indicator.pk, []),
            mark_year=mark_year,
        )
        for indicator in indicators
    ]


def _months(indicators, region, year_from, year_to, gender) -> dict[int, list[dict]]:
    """The chosen region's monthly figures, newest first (at most two years of months)."""
    out: dict[int, list[dict]] = {}
    if not indicators:
        return out
    by_pk = {i.pk: i for i in indicators}
    for ind, year, month, value in (
        Value.objects.filter(
            indicator_id__in=list(by_pk),
            region=region,
            group__isnull=True,
            month__gt=0,
            year__gte=year_from,
            year__lte=year_to,
            gender=gender,
        )
        .order_by("indicator_id", "-year", "-month")
        .values_list("indicator_id", "year", "month", "value")
    ):
        rows = out.setdefault(ind, [])
        if len(rows) < 24:
            rows.append({"label": f"{month}/{year}", "value": fmt(value, by_pk[ind].decimals)})
    return out


def _groups(indicators, chain, year_from, year_to, gender) -> dict[int, list[dict]]:
    """Each group's figure of the latest year in range, for the groups of the region, its county and the
    whole country."""
    out: dict[int, list[dict]] = {}
    if not indicators:
        return out
    by_pk = {i.pk: i for i in indicators}
    seen = set()
    for ind, year, name, region_name, value in (
        Value.objects.filter(
            indicator_id__in=list(by_pk),
            region_id__in=[r.pk for r in chain],
            group__isnull=False,
            month=0,
            year__gte=year_from,
            year__lte=year_to,
            gender=gender,
        )
        .order_by("indicator_id", "-year", "group__name")
        .values_list("indicator_id", "year", "group__name", "region__name_fi", "value")
    ):
        if (ind, name) in seen:
            continue
        seen.add((ind, name))
        out.setdefault(ind, []).append(
            {"group": name, "year": year, "area": region_name, "value": fmt(value, by_pk[ind].decimals)}
        )
    return out


def _panel(
    indicator,
    region,
    regions,
    county,
    rows,
    by_region,
    *,
    year_from,
    year_to,
    gender,
    month_rows,
    group_rows,
    mark_year=None,
) -> Panel:
    decimals = indicator.decimals
    f = formatter(decimals)
    trend_ids = {r.pk for r in regions}
    region_id_own = region.pk
    # The county and its municipalities, by id: the comparison's regions.
    compared_ids = set()
    if county is not None:
        county_id, kinds = county.pk, (Region.Kind.MUNICIPALITY, Region.Kind.WELLBEING_COUNTY)
        compared_ids = {
            pk
            for pk, r in by_region.items()
            if (pk == county_id or r.parent_id == county_id) and r.kind in kinds
        }
    found, gender_points, latest = [], [], None
    for _ind, region_id, year, g, value, abs_value in rows:
        if year_from <= year <= year_to:
            if g == gender:
                if region_id in trend_ids:
                    found.append(make_point(indicator, by_region[region_id], year, g, value, abs_value))
            elif region_id == region_id_own:
                gender_points.append(make_point(indicator, by_region[region_id], year, g, value, abs_value))
        if (
            g == gender
            and value is not None
            and region_id in compared_ids
            and (latest is None or year > latest)
        ):
            latest = year
    found.sort(key=lambda p: (p.year, p.region.name_fi))
    # The chosen area's men and women by year, then gender (the CSV's order).
    gender_points.sort(key=lambda p: (p.year, p.gender))
    years = sorted({p.year for p in found}) or list(range(year_from, year_to + 1))
    by_year = {r.pk: {} for r in regions}
    for p in found:
        by_year[p.region.pk][p.year] = p
    trend = line_chart(
        series=[{"label": r.name, "points": by_year[r.pk]} for r in regions],
        years=years,
        decimals=decimals,
        mark_year=mark_year,
    )
    columns = [by_year[r.pk] for r in regions]
    trend_rows = [
        {"year": y, "cells": [cell_for(column.get(y), decimals, f) for column in columns]} for y in years
    ]
    if county is None:
        compare = {"county": None, "year": None, "rows": []}
    elif latest is None:
        compare = {"county": county, "year": None, "rows": []}
    else:
        compare_points = [
            make_point(indicator, by_region[region_id], year, g, value, abs_value)
            for _ind, region_id, year, g, value, abs_value in rows
            if year == latest and g == gender and region_id in compared_ids
        ]
        compare = compared(region, county, latest, compare_points)
    chart = bar_chart(rows=compare["rows"], decimals=decimals) if compare["rows"] else None
    for row in compare["rows"]:
        row.cell = cell_for(row, decimals, f)
    if compare.get("county_point") is not None:
        compare["county_point"].cell = cell_for(compare["county_point"], decimals, f)
    gender_rows = []
    if not (indicator.has_genders and gender == "total"):
        gender_points = []
    if gender_points:
        # Men and women beside the total, for the chosen area, where the source has them.
        by_key = {(p.year, p.gender): p for p in gender_points}
        own = by_year[region.pk]
        for y in sorted({p.year for p in gender_points}):
            gender_rows.append(
                {
                    "year": y,
                    "cells": [
                        cell_for(own.get(y), decimals, f),
                        cell_for(by_key.get((y, "male")), decimals, f),
                        cell_for(by_key.get((y, "female")), decimals, f),
                    ],
                }
            )
    export = [p for p in [*found, *gender_points] if not p.suppressed]
    for p in compare["rows"]:
        if not p.suppressed and p.region.pk not in by_year:
            export.append(p)
    return Panel(
        indicator,
        region,
        years,
        regions,
        trend,
        trend_rows,
        compare,
        chart,
        export,
        gender_rows,
        month_rows,
        group_rows,
        found,
    )


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
