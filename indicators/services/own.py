"""The platform's own figures as indicators: every registered provider's figures, counts summed from our
areas to municipalities, wellbeing services counties and the whole country (shares and group figures
stand for their own region only), by year and by month, written like any import (one run,
all-or-nothing, upsert).

A recompute is idempotent: it writes nothing when nothing changed, and a figure that no longer exists
in the recomputed years (an observation archived, a decision moved) is removed, so the figures always
equal a fresh count."""

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
from .values import values_prune, values_write


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


def _indicators_ensure() -> dict[str, Indicator]:
    indicators = {}
    for provider in providers():
        for spec in provider.specs():
            indicator, created = Indicator.objects.get_or_create(
                source=Indicator.Source.PLATFORM,
                source_id=spec.source_id,
                defaults={
                    "title_fi": spec.title_fi,
                    "title_sv": spec.title_sv,
                    "title_en": spec.title_en,
                    "value_type": spec.value_type,
                    "decimals": spec.decimals,
                },
            )
            if not created and (indicator.value_type, indicator.decimals) != (spec.value_type, spec.decimals):
                indicator.value_type, indicator.decimals = spec.value_type, spec.decimals
                indicator.save(update_fields=["value_type", "decimals", "updated_at"])
            indicators[spec.source_id] = indicator
    return indicators


def platform_figures_compute(*, actor=None, years: list[int] | None = None) -> ImportRun:
    this_year = timezone.localdate().year
    years = years or list(range(this_year - settings.INDICATORS_OWN_YEARS_BACK, this_year + 1))

    def body(run):
        regions = regions_ensure()
        codes = _region_codes(regions)
        indicators = _indicators_ensure()
        totals: dict[tuple[str, str, int, int, int | None], Decimal] = {}
        for provider in providers():
            for figure in provider.figures(years=years):
                if figure.source_id not in indicators or figure.year not in years:
                    continue
                chain = (
                    codes.get(figure.area_id, [Region.COUNTRY_CODE])
                    if figure.area_id
                    else [Region.COUNTRY_CODE]
                )
                if figure.exact or figure.group_id is not None:
                    slot = (figure.source_id, chain[0], figure.year, figure.month, figure.group_id)
                    totals[slot] = figure.value
                    continue
                for code in chain:
                    slot = (figure.source_id, code, figure.year, figure.month, None)
                    totals[slot] = totals.get(slot, Decimal(0)) + figure.value
        rows = [
            Row(
                n,
                key,
                code,
                year,
                "total",
                value,
                value if indicators[key].value_type == "COUNT" else None,
                month,
                group,
            )
            for n, ((key, code, year, month, group), value) in enumerate(
                sorted(totals.items(), key=lambda item: (*item[0][:4], item[0][4] or 0)), start=1
            )
        ]
        values_write(
            run,
            rows,
            indicator_for=indicators.get,
            region_for=regions.get,
            unknown_indicator=_("indicator %(id)s is not in the catalogue"),
            unknown_region=_("unknown area code %(id)s"),
            staged=True,
        )
        removed = values_prune(indicator_ids=[i.pk for i in indicators.values()], years=years)
        run.detail = {**run.detail, "removed": removed, "years": years}

    return recorded_run(source="platform", kind="values:platform", actor=actor, body=body)
