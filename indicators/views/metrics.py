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
    indicator = forms.TypedChoiceField(
        label=gettext_lazy("Indicator"), coerce=int, required=False, empty_value=None
    )
    area = forms.ChoiceField(label=gettext_lazy("Area"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        indicators, areas = choices
        self.fields["indicator"].choices = [("", _("No indicator")), *indicators]
        self.fields["area"].choices = areas


def form_choices(user) -> tuple[list, list]:
    """The indicators with figures and the areas, read once for all the page's metric forms."""
    with_values = Exists(Value.objects.filter(indicator=OuterRef("pk")))
    indicators = Indicator.objects.visible_to(user).filter(with_values).order_by("title_fi")
    return [(i.pk, i.title) for i in indicators], [(r.code, r.name) for r in sel.region_choices()]


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


def metric_panel(request, metrics, implemented_on) -> dict[int, str]:
    """The indicator panel of each metric that has an indicator, and the form that chooses one for those
    who manage the follow-up; the reads are the same for one metric or many (plus one panel read per
    metric that has an indicator)."""
    user = getattr(request, "user", None)
    if user is None or not metrics or not can_view_indicators(user):
        return {}
    links = {
        link.metric_id: link
        for link in MetricIndicator.objects.filter(metric__in=metrics).select_related("indicator", "region")
    }
    manage = _can_manage(user, metrics[0])  # the metrics of one page share their process
    if not links and not manage:
        return {}
    choices = form_choices(user) if manage else None
    mark = implemented_on.year if implemented_on else None
    out = {}
    for metric in metrics:
        link = links.get(metric.pk)
        if link is None and not manage:
            continue
        panel = summary = None
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
            own = {p.year: p for p in panel.trend_points if p.region.pk == link.region.pk}
            summary = before_after(own, mark)
            if summary:
                decimals = link.indicator.decimals
                for key in ("before", "after"):
                    summary[key] = fmt(summary[key], decimals) if summary[key] is not None else "–"
        form = None
        if manage:
            form = MetricIndicatorForm(
                choices=choices,
                initial={
                    "indicator": link.indicator_id if link else None,
                    "area": link.region.code if link else "",
                },
                prefix=f"mi{metric.pk}",
            )
        out[metric.pk] = render_to_string(
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
    return out


@login_required
@require_POST
def metric_link(request, pk: int):
    metric = _metric_for(request.user, pk)
    if not _can_manage(request.user, metric):
        raise PermissionDenied
    form = MetricIndicatorForm(request.POST, choices=form_choices(request.user), prefix=f"mi{metric.pk}")
    back = reverse("codevelopment:follow_up", kwargs={"pk": metric.process_id}) + f"#metric-{metric.pk}"
    if form.is_valid():
        pk = form.cleaned_data["indicator"]
        indicator = Indicator.objects.visible_to(request.user).filter(pk=pk).first() if pk else None
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
