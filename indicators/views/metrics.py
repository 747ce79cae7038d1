"""A co-development follow-up metric's indicator: the panel under the metric (through
codevelopment.metric_panels) and the form that chooses the indicator and the area."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.pages import attempt

from ..charts import fmt
from ..forms import default_years
from ..models import Indicator, MetricIndicator, Region, Value
from ..permissions import can_view_indicators
from ..selectors import catalogue as sel
from ..selectors.dashboard import build_panels
from ..services.links import metric_indicator_set


class MetricIndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none(), required=False
    )
    area = forms.ChoiceField(label=gettext_lazy("Area"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        with_values = Exists(Value.objects.filter(indicator=OuterRef("pk")))
        self.fields["indicator"].queryset = (
            Indicator.objects.visible_to(user).filter(with_values).order_by("title_fi")
        )
        self.fields["indicator"].empty_label = _("No indicator")
        self.fields["area"].choices = [(r.code, r.name) for r in sel.region_choices()]


def _metric_for(user, pk: int):
    from codevelopment.models import DevelopmentProcess, FollowUpMetric

    # SECURITY: only a metric of a process the person may see (else 404).
    return get_object_or_404(
        FollowUpMetric.objects.select_related("process").filter(
            process__in=DevelopmentProcess.objects.visible_to(user)
        ),
        pk=pk,
    )


def _can_manage(user, metric) -> bool:
    from codevelopment.permissions import can_manage_follow_up

    return can_manage_follow_up(user, metric.process)


def before_after(points: dict, year: int | None) -> dict | None:
    """The mean of the yearly figures before the implementation year and from it on."""
    if year is None:
        return None
    before = [p.value for y, p in points.items() if y < year and p.shown is not None]
    after = [p.value for y, p in points.items() if y >= year and p.shown is not None]

    def mean(values):
        return sum(values) / len(values) if values else None

    return {"before": mean(before), "after": mean(after), "n_before": len(before), "n_after": len(after)}


def metric_panel(request, metric, implemented_on) -> str:
    user = getattr(request, "user", None)
    if user is None or not can_view_indicators(user):
        return ""
    link = MetricIndicator.objects.filter(metric=metric).select_related("indicator", "region").first()
    manage = _can_manage(user, metric)
    if link is None and not manage:
        return ""
    panel = summary = None
    mark = implemented_on.year if implemented_on else None
    if link is not None:
        year_from, year_to = default_years()
        if mark is not None:
            year_from = min(year_from, mark - 3)
        panel = build_panels(
            [link.indicator],
            link.region,
            year_from=year_from,
            year_to=year_to,
            gender="total",
            mark_year=mark,
        )[0]
        own = {}
        for point in panel.trend_points:
            if point.region.pk == link.region.pk:
                own[point.year] = point
        summary = before_after(own, mark)
        if summary:
            decimals = link.indicator.decimals
            summary["before"] = fmt(summary["before"], decimals) if summary["before"] is not None else "–"
            summary["after"] = fmt(summary["after"], decimals) if summary["after"] is not None else "–"
    form = None
    if manage:
        form = MetricIndicatorForm(
            user=user,
            initial={
                "indicator": link.indicator_id if link else None,
                "area": link.region.code if link else "",
            },
            prefix=f"mi{metric.pk}",
        )
    return render_to_string(
        "indicators/_metric_panel.html",
        {
            "metric": metric,
            "link": link,
            "panel": panel,
            "summary": summary,
            "implemented_on": implemented_on,
            "form": form,
        },
        request=request,
    )


@login_required
@require_POST
def metric_link(request, pk: int):
    metric = _metric_for(request.user, pk)
    if not _can_manage(request.user, metric):
        raise PermissionDenied
    form = MetricIndicatorForm(request.POST, user=request.user, prefix=f"mi{metric.pk}")
    back = reverse("codevelopment:follow_up", kwargs={"pk": metric.process_id}) + f"#metric-{metric.pk}"
    if form.is_valid():
        indicator = form.cleaned_data["indicator"]
        region = Region.objects.filter(code=form.cleaned_data["area"]).first()
        attempt(
            request,
            lambda: metric_indicator_set(
                actor=request.user, metric=metric, indicator=indicator, region=region
            ),
            success=_("The metric's indicator was saved."),
        )
    else:
        from django.contrib import messages

        messages.error(request, _("Choose an indicator and an area from the lists."))
    return redirect(back)
