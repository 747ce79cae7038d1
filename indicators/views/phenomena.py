"""The panel on a phenomenon's page ("what the figures say"): the linked indicators for the phenomenon's
area, and adding or removing one. Registered with phenomena's panel registry in IndicatorsConfig.ready."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pages import attempt, get_visible_or_404
from phenomena.models import Phenomenon

from ..forms import LinkForm, default_years
from ..models import Indicator, Region, Value
from ..permissions import can_link_to_phenomenon, can_view_indicators
from ..selectors import catalogue as sel
from ..selectors.dashboard import build_panels


def _region(phenomenon) -> Region | None:
    if phenomenon.area_id:
        return sel.region_for_area(phenomenon.area_id)
    if phenomenon.family_centre_id:
        return sel.region_for_area(phenomenon.family_centre.wellbeing_county_id)
    return Region.objects.filter(code=Region.COUNTRY_CODE).first()


def phenomenon_panel(request, phenomenon) -> str:
    user = getattr(request, "user", None)
    if user is None or not can_view_indicators(user):
        return ""
    linked = sel.phenomenon_indicators(phenomenon)
    region = _region(phenomenon)
    year_from, year_to = default_years()
    panels = (
        build_panels(linked, region, year_from=year_from, year_to=year_to, gender="total") if region else []
    )
    can_link = can_link_to_phenomenon(user, phenomenon)
    form = None
    if can_link:
        # Indicators with figures are worth reading beside a phenomenon; the catalogue may hold thousands.
        with_values = Exists(Value.objects.filter(indicator=OuterRef("pk")))
        offered = (
            Indicator.objects.visible_to(user).filter(with_values).exclude(pk__in=[i.pk for i in linked])
        )
        form = LinkForm(indicators=offered.order_by("title_fi"))
    return render_to_string(
        "indicators/_phenomenon_panel.html",
        {
            "phenomenon": phenomenon,
            "panels": panels,
            "region": region,
            "form": form,
            "can_link": can_link,
            "linked": linked,
        },
        request=request,
    )


@login_required
@require_POST
def phenomenon_link(request, pk: int):
    phenomenon = get_visible_or_404(Phenomenon, request.user, pk=pk)
    if not can_link_to_phenomenon(request.user, phenomenon):
        raise PermissionDenied
    from ..services.links import phenomenon_indicator_link, phenomenon_indicator_unlink

    if "remove" in request.POST:
        raw = request.POST.get("remove", "")
        if not raw.isdigit():
            raise Http404
        indicator = get_visible_or_404(Indicator, request.user, pk=int(raw))
        attempt(
            request,
            lambda: phenomenon_indicator_unlink(
                actor=request.user, phenomenon=phenomenon, indicator=indicator
            ),
            success=_("The indicator was removed from the phenomenon."),
        )
    else:
        form = LinkForm(request.POST, indicators=Indicator.objects.visible_to(request.user))
        if form.is_valid():
            indicator = form.cleaned_data["indicator"]
            attempt(
                request,
                lambda: phenomenon_indicator_link(
                    actor=request.user, phenomenon=phenomenon, indicator=indicator
                ),
                success=_("The indicator is now shown with the phenomenon."),
            )
        else:
            messages.error(request, _("Choose an indicator from the list."))
    return redirect(f"{phenomenon.get_absolute_url()}#indicators")
