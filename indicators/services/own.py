"""The platform's own figures as indicators: every registered provider's counts, summed from our areas
to municipalities, wellbeing services counties and the whole country, written like any import (one run,
all-or-nothing, upsert)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import ImportRun
from familycentres.models import Area

from ..models import Indicator, Region
from ..providers import providers
from .imports import recorded_run
from .parsing import Row
from .regions import regions_ensure
from .values import values_write


def _region_codes(regions: dict[str, Region]) -> dict[int, list[str]]:
    """For each of our areas, the region codes its figures count towards (municipality, county, FI)."""
    by_area = {r.area_id: r for r in regions.values() if r.area_id}
    out: dict[int, list[str]] = {}
    for area in Area.objects.select_related("parent__parent__parent"):
        node, codes = area, []
        while node is not None:
            region = by_area.get(node.pk)
            if region is not None:
                codes.append(region.code)
            node = node.parent
        out[area.pk] = [*dict.fromkeys(codes), Region.COUNTRY_CODE]
    return out


def platform_figures_compute(*, actor=None, years: list[int] | None = None) -> ImportRun:
    this_year = timezone.localdate().year
    years = years or list(range(this_year - settings.INDICATORS_OWN_YEARS_BACK, this_year + 1))

    def body(run):
        regions = regions_ensure()
        codes = _region_codes(regions)
        indicators = {}
        for provider in providers():
            for spec in provider.specs():
                indicator, _created = Indicator.objects.get_or_create(
                    source=Indicator.Source.PLATFORM,
                    source_id=spec.source_id,
                    defaults={
                        "title_fi": spec.title_fi,
                        "title_sv": spec.title_sv,
                        "title_en": spec.title_en,
                        "value_type": Indicator.ValueType.COUNT,
                        "decimals": 0,
                    },
                )
                indicators[spec.source_id] = indicator
        totals: dict[tuple[str, str, int], Decimal] = {}
        for provider in providers():
            for figure in provider.figures(years=years):
                if figure.source_id not in indicators:
                    continue
                for code in codes.get(figure.area_id, [Region.COUNTRY_CODE]):
                    slot = (figure.source_id, code, figure.year)
                    totals[slot] = totals.get(slot, Decimal(0)) + figure.value
        rows = [
            Row(n, key, code, year, "total", value, value)
            for n, ((key, code, year), value) in enumerate(sorted(totals.items()), start=1)
        ]
        if rows:
            values_write(
                run,
                rows,
                indicator_for=indicators.get,
                region_for=regions.get,
                unknown_indicator=_("indicator %(id)s is not in the catalogue"),
                unknown_region=_("unknown area code %(id)s"),
            )

    return recorded_run(source="platform", kind="values:platform", actor=actor, body=body)
