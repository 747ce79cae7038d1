"""The dashboard: chosen indicators for a chosen area, each as the trend against the county and the whole
country and as the county's municipalities compared; every chart with its data table, the same selection
as CSV and PDF, and a link that reopens it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.csv import csv_response
from core.pdf import pdf_response

from ..forms import DashboardForm, default_years
from ..models import Indicator, Region, Value
from ..permissions import can_view_indicators
from ..selectors import catalogue as sel
from ..selectors.dashboard import EXPORT_HEADER, build_panel


def default_region(user) -> Region | None:
    """The user's own area: the first municipality of their family centre, else the county, else FI."""
    for centre in sel.user_centres(user)[:1]:
        municipality = centre.municipalities.order_by("name_fi").first()
        region = sel.region_for_area(municipality) if municipality else None
        region = region or sel.region_for_area(centre.wellbeing_county)
        if region:
            return region
    return Region.objects.filter(code=Region.COUNTRY_CODE).first()


def dashboard_context(request) -> dict:
    user = request.user
    package = sel.package_for(user)
    offered = {i.pk: i for i in package}
    # Offered: the package, every indicator with figures, and any visible one asked for by its id (a link
    # from the catalogue or a phenomenon).
    asked = [int(v) for v in request.GET.getlist("indicator") if v.isdigit()][:20]
    with_values = Exists(Value.objects.filter(indicator=OuterRef("pk")))
    for indicator in (
        Indicator.objects.visible_to(user).filter(Q(pk__in=asked) | Q(with_values)).order_by("title_fi")[:500]
    ):
        offered.setdefault(indicator.pk, indicator)
    regions = sel.region_choices()
    year_from, year_to = default_years()
    chosen: list[Indicator] = package[:3]
    region = default_region(user)
    form = DashboardForm(
        request.GET or None,
        indicators=list(offered.values()),
        regions=regions,
        initial={
            "indicator": [i.pk for i in chosen],
            "area": region.code if region else "",
            "year_from": year_from,
            "year_to": year_to,
            "gender": "total",
        },
    )
    gender = "total"
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen = [offered[pk] for pk in data["indicator"]] or chosen
        region = next((r for r in regions if r.code == data["area"]), region)
        year_from = data["year_from"] or year_from
        year_to = data["year_to"] or year_to
        gender = data["gender"] or "total"
    panels = []
    if region is not None and not form.errors:
        panels = [build_panel(i, region, year_from=year_from, year_to=year_to, gender=gender) for i in chosen]
    return {
        "form": form,
        "panels": panels,
        "region": region,
        "year_from": year_from,
        "year_to": year_to,
        "gender": gender,
        "query": request.GET.urlencode(),
        "generated": timezone.now(),
    }


@login_required
@require_GET
def dashboard(request):
    if not can_view_indicators(request.user):
        raise PermissionDenied
    context = dashboard_context(request)
    status = 400 if context["form"].errors else 200
    fmt = request.GET.get("format")
    if fmt == "csv" and status == 200:
        rows = [row for panel in context["panels"] for row in panel.export_rows]
        return csv_response("indicators.csv", EXPORT_HEADER, rows)
    if fmt == "pdf" and status == 200:
        return pdf_response("indicators/dashboard_pdf.html", context, "indicators.pdf", request=request)
    return render(request, "indicators/dashboard.html", context, status=status)
