"""Co-development pages: the list of processes, starting a developer group from a decision, and the
workspace overview with its forms. A refused send comes back on the overview with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import attempt
from phenomena.models import Decision, Initiative

from .. import services
from ..forms.process import (
    HypothesisForm,
    HypothesisStatusForm,
    MemberForm,
    MilestoneForm,
    OpenProcessForm,
    ProcessForm,
    RootCauseForm,
    RootCausesSkipForm,
)
from ..models import DevelopmentProcess
from ..permissions import can_open_process
from ..selectors import process as process_selectors
from ..selectors.consultations import consultations_waiting_for
from .common import editable_process, render_workspace, visible_process


@login_required
@require_GET
@never_cache
def process_list(request):
    processes = list(process_selectors.process_list(user=request.user))
    waiting = consultations_waiting_for(request.user)
    return render(request, "codevelopment/list.html", {"processes": processes, "waiting": waiting})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def process_open(request, decision_pk: int):
    # SECURITY: the decision is reached through an initiative the user may see; others get a 404.
    decision = get_object_or_404(
        Decision.objects.select_related("initiative__phenomenon", "group").filter(
            initiative__in=Initiative.objects.visible_to(request.user)
        ),
        pk=decision_pk,
    )
    if not can_open_process(request.user, decision):
        raise PermissionDenied
    existing = DevelopmentProcess.objects.filter(decision=decision).first()
    if existing is not None:
        messages.info(request, _("A developer group has already been started for this decision."))
        return redirect(existing)
    if decision.kind != Decision.Kind.START_CODEVELOPMENT:
        raise Http404
    if request.method == "GET":
        form = OpenProcessForm(user=request.user)
        return render(request, "codevelopment/open.html", {"form": form, "decision": decision})
    form = OpenProcessForm(request.POST, user=request.user)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.process_open_from_decision(
                actor=request.user,
                decision=decision,
                group=form.cleaned_data["existing_group"],
                name=form.cleaned_data["name"],
            ),
            form=form,
            success=_("The developer group was started."),
        )
        if outcome.ok:
            return redirect(outcome.result)
        status = outcome.status
    return render(request, "codevelopment/open.html", {"form": form, "decision": decision}, status=status)


@login_required
@require_GET
@never_cache
def workspace(request, pk: int):
    return render_workspace(request, visible_process(request, pk))


def workspace_post(request, pk: int, form_class, form_key: str, call, success: str):
    """One of the overview's forms: on success back to the overview, else the overview with this form's
    errors (400 for the shape of the input, the service's 400 or 409 for a broken rule)."""
    process = editable_process(request, pk)
    form = form_class(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(request, lambda: call(process, form.cleaned_data), form=form, success=success)
        if outcome.ok:
            return redirect(process)
        status = outcome.status
    return render_workspace(request, process, status=status, **{form_key: form})


@login_required
@require_POST
def process_update(request, pk: int):
    return workspace_post(
        request,
        pk,
        ProcessForm,
        "process_form",
        lambda p, d: services.process_update(
            actor=request.user,
            process=p,
            core_question=d["core_question"],
            working_method=d["working_method"],
        ),
        _("The core question and working method were saved."),
    )


@login_required
@require_POST
def milestone_add(request, pk: int):
    return workspace_post(
        request,
        pk,
        MilestoneForm,
        "milestone_form",
        lambda p, d: services.milestone_add(
            actor=request.user, process=p, title=d["title"], due_on=d["due_on"]
        ),
        _("The milestone was added."),
    )


@login_required
@require_POST
def milestone_complete(request, pk: int, milestone_pk: int):
    process = editable_process(request, pk)
    milestone = get_object_or_404(process.milestones, pk=milestone_pk)
    attempt(
        request,
        lambda: services.milestone_complete(actor=request.user, milestone=milestone),
        success=_("The milestone was marked done."),
    )
    return redirect(process)


@login_required
@require_POST
def hypothesis_add(request, pk: int):
    return workspace_post(
        request,
        pk,
        HypothesisForm,
        "hypothesis_form",
        lambda p, d: services.hypothesis_add(actor=request.user, process=p, **d),
        _("The hypothesis was added."),
    )


@login_required
@require_POST
def hypothesis_status(request, pk: int, hypothesis_pk: int):
    process = editable_process(request, pk)
    hypothesis = get_object_or_404(process.hypotheses, pk=hypothesis_pk)
    form = HypothesisStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(process)
    attempt(
        request,
        lambda: services.hypothesis_set_status(
            actor=request.user, hypothesis=hypothesis, status=form.cleaned_data["status"]
        ),
        success=_("The hypothesis status was saved."),
    )
    return redirect(process)


@login_required
@require_POST
def root_cause_add(request, pk: int):
    return workspace_post(
        request,
        pk,
        RootCauseForm,
        "root_cause_form",
        lambda p, d: services.root_cause_add(actor=request.user, process=p, text=d["text"]),
        _("The root cause was added."),
    )


@login_required
@require_POST
def root_causes_skip(request, pk: int):
    return workspace_post(
        request,
        pk,
        RootCausesSkipForm,
        "root_causes_skip_form",
        lambda p, d: services.root_causes_skip(actor=request.user, process=p, reason=d["reason"]),
        _("Why there are no root causes was recorded."),
    )


@login_required
@require_POST
def member_add(request, pk: int):
    return workspace_post(
        request,
        pk,
        MemberForm,
        "member_form",
        lambda p, d: services.member_add(
            actor=request.user, process=p, user=d["user"], role=d["role"], background=d["background"]
        ),
        _("The person was added to the developer group."),
    )
