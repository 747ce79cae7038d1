"""Figures for dashboards and exports: series over years and municipality comparisons, with the small
numbers hidden and the 95 % (Wilson) interval where a share's count is known."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..models import Indicator, Region, Value

SMALL = 5
Z = 1.959963984540054
SCALE = {"PROS": 100, "PER1000": 1000, "PER10000": 10_000, "PER100000": 100_000}


@dataclass
class Point:
    region: Region
    year: int
    gender: str
    value: Decimal | None
    abs_value: Decimal | None
    low: float | None = None
    high: float | None = None

    @property
    def suppressed(self) -> bool:
        """A figure resting on fewer than 5 persons is shown as "< 5" and left out of exports."""
        return self.abs_value is not None and 0 < self.abs_value < SMALL

    @property
    def shown(self) -> Decimal | None:
        return None if self.suppressed else self.value


def wilson(
    indicator: Indicator, value: Decimal | None, abs_value: Decimal | None
) -> tuple[float, float] | None:
    """The 95 % Wilson interval of a rate whose count (abs_value) is known, in the indicator's unit."""
    scale = SCALE.get(indicator.value_type)
    if scale is None or value is None or abs_value is None or value <= 0 or abs_value <= 0:
        return None
    p = float(value) / scale
    if not 0 < p < 1:
        return None
    n = float(abs_value) / p
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return max(centre - half, 0.0) * scale, min(centre + half, 1.0) * scale


def points(
    indicator: Indicator, regions: list[Region], *, year_from: int, year_to: int, gender: str = "total"
) -> list[Point]:
    by_id = {r.pk: r for r in regions}
    rows = (
        Value.objects.yearly()
        .filter(
            indicator=indicator,
            region_id__in=list(by_id),
            year__gte=year_from,
            year__lte=year_to,
            gender=gender,
        )
        .order_by()  # sorted below: the model's ordering would join the indicator and the region
        .values_list("region_id", "year", "value", "abs_value")
    )
    out = [
        make_point(indicator, by_id[region_id], year, gender, value, abs_value)
        for region_id, year, value, abs_value in rows
    ]
    out.sort(key=lambda p: (p.year, p.region.name_fi))
    return out


def make_point(indicator: Indicator, region: Region, year: int, gender: str, value, abs_value) -> Point:
    point = Point(region, year, gender, value, abs_value)
    interval = wilson(indicator, value, abs_value) if not point.suppressed else None
    if interval:
        point.low, point.high = interval
    return point


def year_span(indicators: list[Indicator]) -> tuple[int, int] | None:
    from django.db.models import Max, Min

    span = Value.objects.filter(indicator__in=indicators).aggregate(low=Min("year"), high=Max("year"))
    return (span["low"], span["high"]) if span["low"] is not None else None


def trend_regions(region: Region) -> list[Region]:
    """The region itself, its county and the whole country: the trend compares them."""
    chain, node = [], region
    while node is not None and len(chain) < 4:
        chain.append(node)
        node = node.parent
    if not any(r.code == Region.COUNTRY_CODE for r in chain):
        country = Region.objects.filter(code=Region.COUNTRY_CODE).first()
        if country is not None:
            chain.append(country)
    return chain


def county_of(region: Region) -> Region | None:
    node = region
    while node is not None:
        if node.kind == Region.Kind.WELLBEING_COUNTY:
            return node
        node = node.parent
    return None


def comparison(indicator: Indicator, region: Region, *, year: int | None, gender: str = "total") -> dict:
    """The municipalities of the region's county in one year (the latest with figures by default), sorted
    from the highest; each says whether its difference to the chosen region is within the noise (the
    95 % intervals overlap)."""
    county = county_of(region)
    if county is None:
        return {"county": None, "year": None, "rows": []}
    members = list(Region.objects.filter(parent=county, kind=Region.Kind.MUNICIPALITY))
    regions = [*members, county]
    if year is None:
        latest = (
            Value.objects.yearly()
            .filter(indicator=indicator, region__in=regions, gender=gender, value__isnull=False)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        year = latest
    if year is None:
        return {"county": county, "year": None, "rows": []}
    found = points(indicator, regions, year_from=year, year_to=year, gender=gender)
    return compared(region, county, year, found)


def compared(region: Region, county: Region, year: int, found: list[Point]) -> dict:
    """The comparison of `found` (one year's points of the county and its municipalities)."""
    own = next((p for p in found if p.region.pk == region.pk), None)
    rows = [p for p in found if p.region.kind == Region.Kind.MUNICIPALITY]
    rows.sort(key=lambda p: (p.shown is None, -(p.shown or 0), p.region.name_fi))
    for p in rows:
        p.is_own = p.region.pk == region.pk
        p.noise = None
        if own is not None and not p.is_own and None not in (p.low, p.high, own.low, own.high):
            p.noise = p.low <= own.high and own.low <= p.high
    county_point = next((p for p in found if p.region.pk == county.pk), None)
    return {"county": county, "year": year, "rows": rows, "county_point": county_point, "own": own}
