"""The life cycle pages of a co-development process: the manual stage steps, the proposal to the steering
group, the follow-up with its metrics, points and charts, and closing. Every write goes through
codevelopment.lifecycle; a broken rule comes back as a form error with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError

from . import lifecycle
from .charts import metric_chart
from .lifecycle_forms import (
    AdvanceForm,
    CloseForm,
    MetricForm,
    PointRecordForm,
    PointScheduleForm,
    ProposalForm,
)
from .models import DevelopmentProcess, FollowUpMetric, FollowUpPoint
from .permissions import can_edit_process
from .views import _visible

Stage = DevelopmentProcess.Stage


def _open_for_edit(user, process) -> bool:
    return can_edit_process(user, process) and process.stage != Stage.CLOSED


# Stage steps ---------------------------------------------------------------------------------------------


@login_required
@require_POST
def process_advance(request, pk: int):
    process = _visible(request, pk)
    if not (can_edit_process(request.user, process) or lifecycle.is_follow_up_owner(request.user, process)):
        raise PermissionDenied
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid stage."))
        return redirect(process)
    try:
        lifecycle.process_advance(actor=request.user, process=process, stage=form.cleaned_data["stage"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The stage was changed."))
    return redirect(process)


# Proposal ------------------------------------------------------------------------------------------------


def _proposal_rows(process):
    proposals = list(
        process.proposals.select_related("initiative").prefetch_related("initiative__decisions__group")
    )
    for proposal in proposals:
        decisions = list(proposal.initiative.decisions.all()) if proposal.initiative else []
        proposal.decision = decisions[0] if decisions else None
        if proposal.initiative is None:
            proposal.state = "draft"
            proposal.state_label = _("draft")
        elif proposal.decision is not None:
            proposal.state = "decided"
            proposal.state_label = _("decided")
        elif proposal.initiative.status == proposal.initiative.Status.ON_AGENDA:
            proposal.state = "on_agenda"
            proposal.state_label = _("on the agenda")
        elif proposal.initiative.status == proposal.initiative.Status.WITHDRAWN:
            proposal.state = "withdrawn"
            proposal.state_label = _("withdrawn")
        else:
            proposal.state = "sent"
            proposal.state_label = _("sent")
    return proposals


def _render_proposal(request, process, form=None, status: int = 200):
    editable = _open_for_edit(request.user, process) and process.stage in lifecycle.PROPOSAL_DRAFT_STAGES
    proposals = _proposal_rows(process)
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
        "can_edit": editable,
        "can_send": editable and draft is not None and process.stage == Stage.DESIGNING,
        "form": form if editable else None,
    }
    return render(request, "codevelopment/proposal.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def proposal(request, pk: int):
    process = _visible(request, pk)
    if request.method == "GET":
        return _render_proposal(request, process)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            lifecycle.proposal_save(actor=request.user, process=process, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The proposal was saved."))
            return redirect("codevelopment:proposal", pk=process.pk)
    return _render_proposal(request, process, form=form, status=400)


@login_required
@require_POST
def proposal_send(request, pk: int):
    process = _visible(request, pk)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    try:
        lifecycle.proposal_send(actor=request.user, process=process)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The proposal was sent to %(group)s.") % {"group": process.decision.group.name}
        )
    return redirect("codevelopment:proposal", pk=process.pk)


# Follow-up -----------------------------------------------------------------------------------------------


def follow_up_metrics(process) -> list[FollowUpMetric]:
    return list(
        process.metrics.select_related("owner").prefetch_related(
            Prefetch("points", queryset=FollowUpPoint.objects.select_related("new_phenomenon", "recorded_by"))
        )
    )


def _render_follow_up(request, process, status: int = 200, **forms):
    user = request.user
    manage = lifecycle.can_manage_follow_up(user, process) and process.stage in lifecycle.FOLLOW_UP_STAGES
    metrics = follow_up_metrics(process)
    for metric in metrics:
        points = list(metric.points.all())
        metric.point_list = points
        metric.chart = metric_chart(metric, points)
        for point in points:
            point.can_record = point.recorded_at is None and lifecycle.can_record_point(user, point, process)
        metric.schedule_form = (
            forms.get("schedule_form") if forms.get("schedule_metric") == metric.pk else None
        ) or PointScheduleForm(prefix=f"m{metric.pk}")
    context = {
        "process": process,
        "metrics": metrics,
        "can_manage": manage,
        "stage_allows": process.stage in lifecycle.FOLLOW_UP_STAGES,
    }
    if manage:
        context["metric_form"] = forms.get("metric_form") or MetricForm(
            candidates=lifecycle.metric_owner_candidates(process)
        )
    return render(request, "codevelopment/follow_up.html", context, status=status)


@login_required
@require_GET
@never_cache
def follow_up(request, pk: int):
    return _render_follow_up(request, _visible(request, pk))


def _managed(request, pk: int):
    process = _visible(request, pk)
    if not lifecycle.can_manage_follow_up(request.user, process):
        raise PermissionDenied
    return process


@login_required
@require_POST
def metric_add(request, pk: int):
    process = _managed(request, pk)
    form = MetricForm(request.POST, candidates=lifecycle.metric_owner_candidates(process))
    if form.is_valid():
        try:
            lifecycle.metric_add(actor=request.user, process=process, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The metric was added."))
            return redirect("codevelopment:follow_up", pk=process.pk)
    return _render_follow_up(request, process, status=400, metric_form=form)


@login_required
@require_POST
def point_schedule(request, pk: int, metric_pk: int):
    process = _managed(request, pk)
    metric = get_object_or_404(process.metrics, pk=metric_pk)
    form = PointScheduleForm(request.POST, prefix=f"m{metric.pk}")
    if form.is_valid():
        try:
            lifecycle.point_schedule(actor=request.user, metric=metric, due_on=form.cleaned_data["due_on"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The follow-up date was added."))
            return redirect("codevelopment:follow_up", pk=process.pk)
    return _render_follow_up(request, process, status=400, schedule_form=form, schedule_metric=metric.pk)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def point_record(request, pk: int, point_pk: int):
    process = _visible(request, pk)
    point = get_object_or_404(
        FollowUpPoint.objects.select_related("metric", "metric__owner"), pk=point_pk, metric__process=process
    )
    if not lifecycle.can_record_point(request.user, point, process):
        raise PermissionDenied
    if point.recorded_at is not None and request.method == "GET":
        messages.info(request, _("This follow-up point has already been recorded."))
        return redirect(reverse("codevelopment:follow_up", args=[process.pk]) + f"#point-{point.pk}")
    form = PointRecordForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                lifecycle.point_record(actor=request.user, point=point, **form.cleaned_data)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The follow-up was recorded."))
                return redirect(reverse("codevelopment:follow_up", args=[process.pk]) + f"#point-{point.pk}")
        status = 400
    context = {"process": process, "point": point, "metric": point.metric, "form": form}
    return render(request, "codevelopment/point_record.html", context, status=status)


# Closing -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def process_close(request, pk: int):
    process = _visible(request, pk)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    if process.stage == Stage.CLOSED:
        messages.info(request, _("The co-development process has been closed."))
        return redirect(process)
    candidates = lifecycle.metric_owner_candidates(process)
    form = CloseForm(
        request.POST or None,
        candidates=candidates,
        initial={"follow_up_owner": process.follow_up_owner_id},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                lifecycle.process_close(
                    actor=request.user,
                    process=process,
                    follow_up_owner=form.cleaned_data["follow_up_owner"],
                    summary=form.cleaned_data["summary"],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The co-development process was closed."))
                return redirect(process)
        status = 400
    context = {"process": process, "form": form, "can_close": process.stage in lifecycle.CLOSABLE_STAGES}
    return render(request, "codevelopment/close.html", context, status=status)
