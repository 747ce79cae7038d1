"""The life cycle pages of a co-development process: the manual stage steps, the proposal to the steering
group, the follow-up with its metrics, points and charts, and closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import attempt
from core.pdf import pdf_response

from .. import services
from ..charts import metric_chart
from ..forms.lifecycle import (
    AdvanceForm,
    CloseForm,
    MetricForm,
    PointRecordForm,
    PointScheduleForm,
    ProposalForm,
    SubteamEvaluationForm,
)
from ..metric_panels import metric_panels
from ..models import DevelopmentProcess, FollowUpPoint, Survey
from ..permissions import (
    can_add_subteam_evaluation,
    can_edit_open_process,
    can_edit_process,
    can_manage_follow_up,
    can_record_point,
    is_follow_up_owner,
)
from ..selectors.lifecycle import (
    CLOSABLE_STAGES,
    FOLLOW_UP_STAGES,
    PROPOSAL_DRAFT_STAGES,
    deciding_group,
    follow_up_metrics,
    metric_owner_candidates,
    proposal_rows,
    root_causes_ready,
    subteam_evaluations,
)
from .common import visible_process

Stage = DevelopmentProcess.Stage


@login_required
@require_POST
def process_advance(request, pk: int):
    process = visible_process(request, pk)
    if not (can_edit_process(request.user, process) or is_follow_up_owner(request.user, process)):
        raise PermissionDenied
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid stage."))
        return redirect(process)
    attempt(
        request,
        lambda: services.process_advance(
            actor=request.user, process=process, stage=form.cleaned_data["stage"]
        ),
        success=_("The stage was changed."),
    )
    return redirect(process)


# Proposal ------------------------------------------------------------------------------------------------


def render_proposal(request, process, form=None, status: int = 200):
    editable = can_edit_open_process(request.user, process) and process.stage in PROPOSAL_DRAFT_STAGES
    proposals = proposal_rows(process)
    draft = next((p for p in proposals if p.state == "draft"), None)
    if editable and form is None:
        initial = {}
        if draft is not None:
            initial = {"solutions": draft.solutions, "plan": draft.plan, "measurement": draft.measurement}
        form = ProposalForm(initial=initial)
    context = {
        "process": process,
        "proposals": proposals,
        "draft": draft,
        "reach_dialogues": list(process.dialogues.order_by("-held_on", "-id")),
        "reach_surveys": list(process.surveys.exclude(status=Survey.Status.DRAFT)),
        "reach_problem": services.reach_problem(process) if process.stage in PROPOSAL_DRAFT_STAGES else "",
        "root_causes_ready": root_causes_ready(process),
        "can_edit": editable,
        "can_send": editable and draft is not None and process.stage == Stage.DESIGNING,
        "form": form if editable else None,
    }
    return render(request, "codevelopment/proposal.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def proposal(request, pk: int):
    process = visible_process(request, pk)
    if request.method == "GET":
        return render_proposal(request, process)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    form = ProposalForm(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.proposal_save(actor=request.user, process=process, **form.cleaned_data),
            form=form,
            success=_("The proposal was saved."),
        )
        if outcome.ok:
            return redirect("codevelopment:proposal", pk=process.pk)
        status = outcome.status
    return render_proposal(request, process, form=form, status=status)


@login_required
@require_POST
def proposal_send(request, pk: int):
    process = visible_process(request, pk)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    attempt(
        request,
        lambda: services.proposal_send(actor=request.user, process=process),
        success=_("The proposal was sent to %(group)s.") % {"group": process.decision.group.name},
    )
    return redirect("codevelopment:proposal", pk=process.pk)


# Follow-up -----------------------------------------------------------------------------------------------


def charted_metrics(process) -> list:
    """The process's metrics, each with its `point_list` and its `chart` (the page and the report)."""
    metrics = follow_up_metrics(process)
    for metric in metrics:
        metric.point_list = list(metric.points.all())
        metric.chart = metric_chart(metric, metric.point_list)
    return metrics


def render_follow_up(request, process, status: int = 200, **forms):
    user = request.user
    manage = can_manage_follow_up(user, process) and process.stage in FOLLOW_UP_STAGES
    metrics = charted_metrics(process)
    # When the implementation began: apps above this one mark it on their figures of the metric.
    began = process.stage_changes.filter(stage="implementation").order_by("changed_at").first()
    implemented_on = timezone.localtime(began.changed_at).date() if began else None
    panels = metric_panels(request, metrics, implemented_on)
    for metric in metrics:
        metric.panels = panels.get(metric.pk, [])
        points = metric.point_list
        for point in points:
            point.can_record = point.recorded_at is None and can_record_point(user, point, process)
        metric.schedule_form = (
            forms.get("schedule_form") if forms.get("schedule_metric") == metric.pk else None
        ) or PointScheduleForm(prefix=f"m{metric.pk}")
    context = {
        "process": process,
        "metrics": metrics,
        "can_manage": manage,
        "stage_allows": process.stage in FOLLOW_UP_STAGES,
        "evaluations": subteam_evaluations(process),
    }
    if can_add_subteam_evaluation(user, process) and process.stage in FOLLOW_UP_STAGES:
        context["evaluation_form"] = forms.get("evaluation_form") or SubteamEvaluationForm(process=process)
    if manage:
        context["metric_form"] = forms.get("metric_form") or MetricForm(
            candidates=metric_owner_candidates(process)
        )
    return render(request, "codevelopment/follow_up.html", context, status=status)


@login_required
@require_GET
@never_cache
def follow_up(request, pk: int):
    return render_follow_up(request, visible_process(request, pk))


def managed_process(request, pk: int) -> DevelopmentProcess:
    process = visible_process(request, pk)
    if not can_manage_follow_up(request.user, process):
        raise PermissionDenied
    return process


@login_required
@require_POST
def metric_add(request, pk: int):
    process = managed_process(request, pk)
    form = MetricForm(request.POST, candidates=metric_owner_candidates(process))
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.metric_add(actor=request.user, process=process, **form.cleaned_data),
            form=form,
            success=_("The metric was added."),
        )
        if outcome.ok:
            return redirect("codevelopment:follow_up", pk=process.pk)
        status = outcome.status
    return render_follow_up(request, process, status=status, metric_form=form)


@login_required
@require_POST
def point_schedule(request, pk: int, metric_pk: int):
    process = managed_process(request, pk)
    metric = get_object_or_404(process.metrics, pk=metric_pk)
    form = PointScheduleForm(request.POST, prefix=f"m{metric.pk}")
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.point_schedule(
                actor=request.user, metric=metric, due_on=form.cleaned_data["due_on"]
            ),
            form=form,
            success=_("The follow-up date was added."),
        )
        if outcome.ok:
            return redirect("codevelopment:follow_up", pk=process.pk)
        status = outcome.status
    return render_follow_up(request, process, status=status, schedule_form=form, schedule_metric=metric.pk)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def point_record(request, pk: int, point_pk: int):
    process = visible_process(request, pk)
    point = get_object_or_404(
        FollowUpPoint.objects.select_related("metric", "metric__owner"), pk=point_pk, metric__process=process
    )
    if not can_record_point(request.user, point, process):
        raise PermissionDenied
    back = reverse("codevelopment:follow_up", args=[process.pk]) + f"#point-{point.pk}"
    if point.recorded_at is not None and request.method == "GET":
        messages.info(request, _("This follow-up point has already been recorded."))
        return redirect(back)
    form = PointRecordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.point_record(actor=request.user, point=point, **form.cleaned_data),
                form=form,
                success=_("The follow-up was recorded."),
            )
            if outcome.ok:
                return redirect(back)
            status = outcome.status
    context = {"process": process, "point": point, "metric": point.metric, "form": form}
    return render(request, "codevelopment/point_record.html", context, status=status)


@login_required
@require_POST
def subteam_evaluation_add(request, pk: int):
    process = visible_process(request, pk)
    if not can_add_subteam_evaluation(request.user, process):
        raise PermissionDenied
    form = SubteamEvaluationForm(request.POST, process=process)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.subteam_evaluation_add(actor=request.user, process=process, **form.cleaned_data),
            form=form,
            success=_("The evaluation was added."),
        )
        if outcome.ok:
            return redirect(reverse("codevelopment:follow_up", args=[process.pk]) + "#evaluations-heading")
        status = outcome.status
    return render_follow_up(request, process, status=status, evaluation_form=form)


@login_required
@require_GET
def follow_up_report(request, pk: int):
    """The follow-up report as a tagged PDF in the page's language: each metric against its target (the
    chart and a table), the evaluations of each point and of the sub-teams."""
    process = visible_process(request, pk)
    context = {
        "process": process,
        "metrics": charted_metrics(process),
        "evaluations": subteam_evaluations(process),
        "approving_group": deciding_group(process),
        "printed": timezone.localtime(),
    }
    name = f"follow-up-{process.pk}.pdf"
    response = pdf_response("codevelopment/follow_up_report_pdf.html", context, name, request=request)
    response["Cache-Control"] = "no-store"
    return response


# Closing -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def process_close(request, pk: int):
    process = visible_process(request, pk)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    if process.stage == Stage.CLOSED:
        messages.info(request, _("The co-development process has been closed."))
        return redirect(process)
    form = CloseForm(
        request.POST or None,
        candidates=metric_owner_candidates(process),
        initial={"follow_up_owner": process.follow_up_owner_id},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.process_close(
                    actor=request.user,
                    process=process,
                    follow_up_owner=form.cleaned_data["follow_up_owner"],
                    summary=form.cleaned_data["summary"],
                ),
                form=form,
                success=_("The co-development process was closed."),
            )
            if outcome.ok:
                return redirect(process)
            status = outcome.status
    context = {"process": process, "form": form, "can_close": process.stage in CLOSABLE_STAGES}
    return render(request, "codevelopment/close.html", context, status=status)
