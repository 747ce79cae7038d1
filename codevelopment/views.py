"""Co-development pages: the list of processes, starting a developer group from a decision, and the
workspace with its forms. Every write goes through codevelopment.services; a broken rule comes back as a
form error on the workspace with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError
from phenomena.models import Decision
from phenomena.views.steering import _initiatives_visible_to

from . import selectors, services
from .forms import (
    HypothesisForm,
    HypothesisStatusForm,
    MemberForm,
    MilestoneForm,
    OpenProcessForm,
    ProcessForm,
    RootCauseForm,
)
from .models import DevelopmentProcess, Hypothesis
from .permissions import can_edit_process, can_open_process


def _visible(request, pk: int) -> DevelopmentProcess:
    try:
        return selectors.process_detail(request.user, pk)
    except DevelopmentProcess.DoesNotExist:
        raise Http404 from None


def _editable(request, pk: int) -> DevelopmentProcess:
    process = _visible(request, pk)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    return process


def _render_workspace(request, process, status: int = 200, **forms):
    editable = can_edit_process(request.user, process) and process.stage != DevelopmentProcess.Stage.CLOSED
    context = {"process": process, "phenomenon": process.phenomenon, "can_edit": editable}
    context.update(selectors.workspace_data(request.user, process))
    context.update(_lifecycle_context(request.user, process))
    if editable:
        context["process_form"] = forms.get("process_form") or ProcessForm(
            initial={"core_question": process.core_question, "working_method": process.working_method}
        )
        context["milestone_form"] = forms.get("milestone_form") or MilestoneForm()
        context["hypothesis_form"] = forms.get("hypothesis_form") or HypothesisForm()
        context["root_cause_form"] = forms.get("root_cause_form") or RootCauseForm()
        context["member_form"] = forms.get("member_form") or MemberForm()
        context["statuses"] = Hypothesis.Status.choices
    from .workspace_views import subteam_context

    context.update(subteam_context(request.user, process, forms.get("subteam_form")))
    return render(request, "codevelopment/workspace.html", context, status=status)


def _lifecycle_context(user, process) -> dict:
    from .lifecycle import CLOSABLE_STAGES, next_manual_stage

    target = next_manual_stage(user, process)
    return {
        "stage_changes": list(process.stage_changes.all()),
        "next_stage": DevelopmentProcess.Stage(target) if target else None,
        "can_close": can_edit_process(user, process) and process.stage in CLOSABLE_STAGES,
    }


@login_required
@require_GET
@never_cache
def process_list(request):
    from .consultations import consultations_waiting_for

    processes = list(selectors.process_list(user=request.user))
    waiting = consultations_waiting_for(request.user)
    return render(request, "codevelopment/list.html", {"processes": processes, "waiting": waiting})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def process_open(request, decision_pk: int):
    # SECURITY: the decision is reached through an initiative the user may see; others get a 404.
    decision = get_object_or_404(
        Decision.objects.select_related("initiative__phenomenon", "group").filter(
            initiative__in=_initiatives_visible_to(request.user)
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
    if request.method == "POST":
        form = OpenProcessForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                process = services.process_open_from_decision(
                    actor=request.user,
                    decision=decision,
                    group=form.cleaned_data["existing_group"],
                    name=form.cleaned_data["name"],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The developer group was started."))
                return redirect(process)
        return render(request, "codevelopment/open.html", {"form": form, "decision": decision}, status=400)
    form = OpenProcessForm(user=request.user)
    return render(request, "codevelopment/open.html", {"form": form, "decision": decision})


@login_required
@require_GET
@never_cache
def workspace(request, pk: int):
    return _render_workspace(request, _visible(request, pk))


def _post(request, pk: int, form_class, form_key: str, call, success: str):
    process = _editable(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(process, form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, success)
            return redirect(process)
    return _render_workspace(request, process, status=400, **{form_key: form})


@login_required
@require_POST
def process_update(request, pk: int):
    return _post(
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
    return _post(
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
    process = _editable(request, pk)
    milestone = get_object_or_404(process.milestones, pk=milestone_pk)
    try:
        services.milestone_complete(actor=request.user, milestone=milestone)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The milestone was marked done."))
    return redirect(process)


@login_required
@require_POST
def hypothesis_add(request, pk: int):
    return _post(
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
    process = _editable(request, pk)
    hypothesis = get_object_or_404(process.hypotheses, pk=hypothesis_pk)
    form = HypothesisStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(process)
    try:
        services.hypothesis_set_status(
            actor=request.user, hypothesis=hypothesis, status=form.cleaned_data["status"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The hypothesis status was saved."))
    return redirect(process)


@login_required
@require_POST
def root_cause_add(request, pk: int):
    return _post(
        request,
        pk,
        RootCauseForm,
        "root_cause_form",
        lambda p, d: services.root_cause_add(actor=request.user, process=p, text=d["text"]),
        _("The root cause was added."),
    )


@login_required
@require_POST
def member_add(request, pk: int):
    return _post(
        request,
        pk,
        MemberForm,
        "member_form",
        lambda p, d: services.member_add(
            actor=request.user, process=p, user=d["user"], role=d["role"], background=d["background"]
        ),
        _("The person was added to the developer group."),
    )
