"""LP feedback summary (aggregates only), its CSV export and import, and the LP training registry.
These pages show no client data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.csv import csv_response
from core.pages import attempt, render_page
from familycentres.models import Area, FamilyCentre, Organisation

from ..forms.feedback import FeedbackImportForm, QualificationForm, SummaryFilterForm
from ..models import LPFeedback, LPQualification, ServiceSetting
from ..permissions import can_manage_qualifications, coordinator_centre_ids
from ..selectors.counts import feedback_summary, qualification_counts
from ..services import feedback as feedback_services
from ..services.qualifications import qualification_record

ITEM_LABELS = {
    "heard": LPFeedback._meta.get_field("heard").verbose_name,
    "parenting_tools": LPFeedback._meta.get_field("parenting_tools").verbose_name,
    "mental_health_meaningful": LPFeedback._meta.get_field("mental_health_meaningful").verbose_name,
    "mental_health_confidence": LPFeedback._meta.get_field("mental_health_confidence").verbose_name,
    "useful_child": LPFeedback._meta.get_field("useful_child").verbose_name,
    "useful_family": LPFeedback._meta.get_field("useful_family").verbose_name,
    "useful_self": LPFeedback._meta.get_field("useful_self").verbose_name,
}


def _summary_centres(user):
    if user.is_staff:
        return FamilyCentre.objects.order_by("name_fi")
    return FamilyCentre.objects.filter(pk__in=coordinator_centre_ids(user)).order_by("name_fi")


@login_required
@never_cache
def feedback_summary_page(request):
    centres = _summary_centres(request.user)
    if not centres.exists():
        raise PermissionDenied
    form = SummaryFilterForm(request.GET or None, centres=centres)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    centre = data.get("family_centre")
    summary = feedback_summary(
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        family_centre_ids=[centre.pk] if centre else list(centres.values_list("pk", flat=True)),
    )
    setting_labels = dict(ServiceSetting.choices)
    for row in summary["settings"]:
        row["label"] = setting_labels[row["setting"]]
    for i, row in enumerate(summary["items"]):
        row["label"] = ITEM_LABELS[row["item"]]
        row["bar_y"] = 10 + i * 28
        row["bar_w"] = round(3 * row["yes_percent"]) if row["yes_percent"] is not None else 0
    chart_height = 20 + 28 * len(summary["items"])
    if request.GET.get("format") == "csv":
        rows = [
            [
                _("Setting"),
                r["label"],
                "" if r["suppressed"] else r["count"],
                "" if r["suppressed"] else r["share"],
                _("suppressed") if r["suppressed"] else "",
            ]
            for r in summary["settings"]
        ]
        rows += [
            [
                _("Question"),
                r["label"],
                "" if r["suppressed"] else r["answered"],
                "" if r["suppressed"] else r["yes_percent"],
                _("suppressed") if r["suppressed"] else "",
            ]
            for r in summary["items"]
        ]
        return csv_response(
            "lp-feedback-summary.csv", [_("Part"), _("Row"), _("Answers"), _("Percent"), _("Note")], rows
        )
    return render_page(
        request,
        "networkmeetings/feedback_summary.html",
        {"form": form, "summary": summary, "chart_height": chart_height},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def feedback_import(request):
    centres = FamilyCentre.objects.filter(pk__in=coordinator_centre_ids(request.user)).order_by("name_fi")
    if not centres.exists():
        raise PermissionDenied
    form = FeedbackImportForm(request.POST or None, request.FILES or None, centres=centres)
    run = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read(feedback_services.MAX_IMPORT_BYTES + 1)
            outcome = attempt(
                request,
                lambda: feedback_services.feedback_import(
                    actor=request.user, family_centre=form.cleaned_data["family_centre"], raw=raw
                ),
                form=form,
            )
            if outcome.ok:
                run = outcome.result
                status = 200 if run.status == "succeeded" else 400
                if run.status == "succeeded":
                    from django.contrib import messages

                    messages.success(request, _("%(n)s answers were imported.") % {"n": run.rows_created})
            else:
                status = outcome.status
    return render_page(
        request, "networkmeetings/feedback_import.html", {"form": form, "run": run}, status=status
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def qualifications(request):
    can_manage = can_manage_qualifications(request.user)
    if not can_manage and not LPQualification.objects.filter(user=request.user).exists():
        raise PermissionDenied
    form = None
    status = 200
    if can_manage:
        people = get_user_model().objects.filter(is_active=True).order_by("full_name", "email")
        form = QualificationForm(request.POST or None, people=people)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                outcome = attempt(
                    request,
                    lambda: qualification_record(actor=request.user, **form.cleaned_data),
                    form=form,
                    success=_("The qualification was saved."),
                )
                if outcome.ok:
                    return redirect("networkmeetings:qualifications")
                status = outcome.status
    elif request.method == "POST":
        raise PermissionDenied
    qs = LPQualification.objects.select_related("user", "organisation", "area")
    counts = []
    if not can_manage:
        qs = qs.filter(user=request.user)
    else:
        rows = qualification_counts()
        areas = Area.objects.in_bulk({r["area_id"] for r in rows if r["area_id"]})
        organisations = Organisation.objects.in_bulk(
            {r["organisation_id"] for r in rows if r["organisation_id"]}
        )
        levels = dict(LPQualification.Level.choices)
        counts = [
            {
                "area": areas.get(r["area_id"], "–"),
                "organisation": organisations.get(r["organisation_id"], "–"),
                "level": levels[r["level"]],
                "count": r["count"],
            }
            for r in rows
        ]
    return render_page(
        request,
        "networkmeetings/qualifications.html",
        {"form": form, "qualifications": list(qs[:500]), "counts": counts},
        status=status,
    )
