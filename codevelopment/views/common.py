"""What the co-development pages share: fetching the process (404 when not visible, 403 when not editable),
and the workspace overview that several forms re-render with their errors."""

from __future__ import annotations

from django.shortcuts import render

from core.pages import get_for_edit, get_visible_or_404
from core.pages import page_of as core_page_of

from ..forms.process import (
    HypothesisForm,
    MemberForm,
    MilestoneForm,
    ProcessForm,
    RootCauseForm,
    RootCausesSkipForm,
)
from ..forms.subteams import SubteamForm
from ..models import DevelopmentProcess, Hypothesis
from ..permissions import can_coordinate_process, can_edit_open_process, can_edit_process
from ..selectors import process as process_selectors
from ..selectors.lifecycle import CLOSABLE_STAGES, next_manual_stage, root_causes_ready

PAGE_SIZE = 20

PROCESS_RELATED = ("phenomenon", "group", "decision__group", "follow_up_owner")


def visible_process(request, pk: int) -> DevelopmentProcess:
    """The process if the user may see it, else 404."""
    return get_visible_or_404(
        DevelopmentProcess.objects.select_related(*PROCESS_RELATED), request.user, pk=pk
    )


def editable_process(request, pk: int) -> DevelopmentProcess:
    """The process if the user may see it (else 404) and edit it (else 403)."""
    return get_for_edit(
        DevelopmentProcess.objects.select_related(*PROCESS_RELATED), request.user, can_edit_process, pk=pk
    )


def page_of(request, qs, size: int = PAGE_SIZE):
    return core_page_of(request, qs, size)


def lifecycle_context(user, process: DevelopmentProcess) -> dict:
    target = next_manual_stage(user, process)
    return {
        "stage_changes": list(process.stage_changes.all()),
        "next_stage": DevelopmentProcess.Stage(target) if target else None,
        "can_close": can_edit_process(user, process) and process.stage in CLOSABLE_STAGES,
        "root_causes_ready": root_causes_ready(process),
    }


def subteam_context(user, process: DevelopmentProcess, form=None) -> dict:
    """The sub-teams on the overview, and the form for the coordinator."""
    if not process.is_learning_network:
        return {}
    context = {"subteams": process_selectors.subteam_list(user, process), "show_subteams": True}
    if can_coordinate_process(user, process) and process.stage != DevelopmentProcess.Stage.CLOSED:
        context["subteam_form"] = form or SubteamForm()
    return context


def render_workspace(request, process: DevelopmentProcess, status: int = 200, **forms):
    """The workspace overview; `forms` are the bound forms of a refused send, shown with their errors."""
    editable = can_edit_open_process(request.user, process)
    context = {"process": process, "phenomenon": process.phenomenon, "can_edit": editable}
    context.update(process_selectors.workspace_data(request.user, process))
    context.update(lifecycle_context(request.user, process))
    if editable:
        context["process_form"] = forms.get("process_form") or ProcessForm(
            initial={"core_question": process.core_question, "working_method": process.working_method}
        )
        context["milestone_form"] = forms.get("milestone_form") or MilestoneForm()
        context["hypothesis_form"] = forms.get("hypothesis_form") or HypothesisForm()
        context["root_cause_form"] = forms.get("root_cause_form") or RootCauseForm()
        context["root_causes_skip_form"] = forms.get("root_causes_skip_form") or RootCausesSkipForm(
            initial={"reason": process.no_root_causes_reason}
        )
        context["member_form"] = forms.get("member_form") or MemberForm()
        context["statuses"] = Hypothesis.Status.choices
    context.update(subteam_context(request.user, process, forms.get("subteam_form")))
    return render(request, "codevelopment/workspace.html", context, status=status)
