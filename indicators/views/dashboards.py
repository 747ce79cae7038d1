"""The dashboard: chosen indicators for a chosen area, each as the trend against the county and the whole
country and as the county's municipalities compared; every chart with its data table, the same selection
as CSV and PDF, and a link that reopens it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.csv import csv_response
from core.pages import attempt, get_for_edit
from core.pdf import pdf_response

from ..forms import DashboardForm, SaveDashboardForm, default_years
from ..models import Indicator, Region, SavedDashboard, Value
from ..permissions import can_delete_dashboard, can_view_indicators, dashboard_owners
from ..selectors import catalogue as sel
from ..selectors.dashboard import EXPORT_HEADER, build_panels
from ..services import dashboards
from ..services.dashboards import clean_selection


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
    # Two reads, not one with "asked OR has figures": under an OR PostgreSQL reads every value to hash the
    # indicator ids (seconds at millions of values), alone EXISTS is one index probe per indicator.
    with_values = Exists(Value.objects.filter(indicator=OuterRef("pk")))
    visible = Indicator.objects.visible_to(user)
    for indicator in visible.filter(pk__in=asked):
        offered.setdefault(indicator.pk, indicator)
    # The choices as plain rows, objects only for what may be chosen (the package and those asked for):
    # hundreds of indicators and regions are offered, five shown.
    indicator_choices = {pk: indicator.title for pk, indicator in offered.items()}
    for pk, title in sel.indicator_titles(visible.filter(with_values).order_by("title_fi")[:500]):
        indicator_choices.setdefault(pk, title)
    region_rows = sel.region_rows()
    year_from, year_to = default_years()
    chosen: list[Indicator] = package[:3]
    region = default_region(user)
    form = DashboardForm(
        request.GET or None,
        indicators=list(indicator_choices.items()),
        areas=sel.region_labels(region_rows),
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
        chosen = [offered[pk] for pk in data["indicator"] if pk in offered] or chosen
        row = next((row for row in region_rows if row[1] == data["area"]), None)
        region = sel.region_from_row(row) if row is not None else region
        year_from = data["year_from"] or year_from
        year_to = data["year_to"] or year_to
        gender = data["gender"] or "total"
    panels = []
    if region is not None and not form.errors:
        panels = build_panels(
            chosen,
            region,
            year_from=year_from,
            year_to=year_to,
            gender=gender,
            regions=sel.dashboard_regions(region_rows, region.pk),
        )
    return {
        "form": form,
        "save_form": SaveDashboardForm(
            owners=dashboard_owners(user), initial={"query": request.GET.urlencode()}
        ),
        "saved": list(SavedDashboard.objects.visible_to(user).select_related("family_centre", "group")),
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


@login_required
@require_POST
def dashboard_save(request):
    if not can_view_indicators(request.user):
        raise PermissionDenied
    form = SaveDashboardForm(request.POST, owners=dashboard_owners(request.user))
    query = clean_selection(request.POST.get("query", ""))
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: dashboards.dashboard_save(
                actor=request.user,
                name=form.cleaned_data["name"],
                owner=form.cleaned_data["owner"],
                query=query,
            ),
            form=form,
            success=_("The dashboard was saved."),
        )
        if outcome.ok:
            return redirect(outcome.result.get_absolute_url())
    for error in form.non_field_errors() + form.errors.get("name", []) + form.errors.get("owner", []):
        messages.error(request, error)
    return redirect(f"{reverse('indicators:dashboard')}?{query}")


@login_required
@require_http_methods(["GET", "POST"])
def dashboard_delete(request, pk: int):
    dashboard = get_for_edit(SavedDashboard, request.user, can_delete_dashboard, pk=pk)
    if request.method == "POST":
        attempt(
            request,
            lambda: dashboards.dashboard_delete(actor=request.user, dashboard=dashboard),
            success=_("The saved dashboard was removed."),
        )
        return redirect("indicators:dashboard")
    return render(request, "indicators/dashboard_delete.html", {"dashboard": dashboard})
