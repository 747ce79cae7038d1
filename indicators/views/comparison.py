"""One indicator across the municipalities of a county in a chosen year, with the chosen municipality
highlighted and the noise of small municipalities said out loud."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.csv import csv_response
from core.pages import get_visible_or_404

from ..charts import bar_chart
from ..models import Indicator, Region, Value
from ..permissions import can_view_indicators
from ..selectors import catalogue as sel
from ..selectors.dashboard import EXPORT_HEADER, cell_for, export_row
from ..selectors.figures import comparison
from .dashboards import default_region


@login_required
@require_GET
def compare(request, pk: int):
    if not can_view_indicators(request.user):
        raise PermissionDenied
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    regions = [r for r in sel.region_choices() if r.kind == Region.Kind.MUNICIPALITY]
    code = request.GET.get("area", "")
    region = next((r for r in regions if r.code == code), None) or default_region(request.user)
    years = sorted(
        set(Value.objects.filter(indicator=indicator).values_list("year", flat=True)), reverse=True
    )
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    gender = request.GET.get("gender", "total")
    if gender not in Value.Gender.values or (gender != "total" and not indicator.has_genders):
        gender = "total"
    data = (
        comparison(indicator, region, year=year, gender=gender)
        if region
        else {"rows": [], "year": None, "county": None}
    )
    for row in data["rows"]:
        row.cell = cell_for(row, indicator.decimals)
    if data.get("county_point") is not None:
        data["county_point"].cell = cell_for(data["county_point"], indicator.decimals)
    if request.GET.get("format") == "csv":
        rows = [export_row(indicator, p) for p in data["rows"] if not p.suppressed]
        return csv_response("comparison.csv", EXPORT_HEADER, rows)
    chart = bar_chart(rows=data["rows"], decimals=indicator.decimals) if data["rows"] else None
    return render(
        request,
        "indicators/compare.html",
        {
            "indicator": indicator,
            "region": region,
            "regions": regions,
            "years": years,
            "data": data,
            "chart": chart,
            "gender": gender,
            "genders": Value.Gender.choices,
            "query": request.GET.urlencode(),
        },
    )
