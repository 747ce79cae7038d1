"""The catalogue: search the indicators of every source, read one, pick it into a family centre's package,
set its import schedule."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.pages import attempt, get_visible_or_404
from familycentres.models import FamilyCentre

from ..forms import ScheduleForm
from ..models import Indicator
from ..permissions import can_edit_package, can_run_imports, can_view_indicators
from ..selectors import catalogue as sel
from ..services import catalogue as services

PAGE_SIZE = 50


def _require_reader(user) -> None:
    if not can_view_indicators(user):
        raise PermissionDenied


@login_required
@require_GET
def catalogue_list(request):
    _require_reader(request.user)
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    source = request.GET.get("source", "")
    package_only = request.GET.get("package") == "1"
    qs = sel.catalogue(request.user, search=q, source=source, package_only=package_only)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "source": source if source in Indicator.Source.values else "",
        "package_only": package_only,
        "sources": Indicator.Source.choices,
        "can_import": can_run_imports(request.user),
    }
    if request.htmx:
        return render(request, "indicators/catalogue.html#results", context)
    return render(request, "indicators/catalogue.html", context)


@login_required
@require_GET
def indicator_detail(request, pk: int):
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    in_package = sel.package_ids_by_centre(indicator)
    centres = [
        {"centre": c, "in_package": c.pk in in_package}
        for c in sel.user_centres(request.user)
        if can_edit_package(request.user, c)
    ]
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "centres": centres,
            "can_import": can_run_imports(request.user),
            "schedule_form": ScheduleForm(initial={"schedule": indicator.schedule}),
            "value_count": indicator.values.count(),
        },
    )


@login_required
@require_POST
def package_toggle(request, pk: int, centre_pk: int):
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    centre = get_object_or_404(FamilyCentre, pk=centre_pk)
    if not can_edit_package(request.user, centre):
        raise PermissionDenied
    if request.POST.get("action") == "remove":
        attempt(
            request,
            lambda: services.package_remove(actor=request.user, family_centre=centre, indicator=indicator),
            success=_("Removed from the package of %(centre)s.") % {"centre": centre.name},
        )
    else:
        attempt(
            request,
            lambda: services.package_add(actor=request.user, family_centre=centre, indicator=indicator),
            success=_("Added to the package of %(centre)s.") % {"centre": centre.name},
        )
    return redirect(indicator.get_absolute_url())


@login_required
@require_POST
def schedule_set(request, pk: int):
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    if not can_run_imports(request.user):
        raise PermissionDenied
    form = ScheduleForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.indicator_schedule_set(
                actor=request.user, indicator=indicator, schedule=form.cleaned_data["schedule"]
            ),
            success=_("The import schedule was saved."),
        )
    else:
        from django.contrib import messages

        messages.error(request, _("Choose a schedule from the list."))
    return redirect(indicator.get_absolute_url())
