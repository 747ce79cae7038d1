"""The developer group's meetings with their memos, and its structured dialogues."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pages import attempt
from familycentres.models import Meeting

from .. import services
from ..forms.meetings import DialogueForm, MemoForm, PlanMeetingForm
from ..forms.reach import REACH_FIELDS
from ..permissions import can_edit_open_process, can_edit_process
from .common import page_of, visible_process


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def meetings(request, pk: int):
    process = visible_process(request, pk)
    can_edit = can_edit_open_process(request.user, process)
    form = None
    status = 200
    if request.method == "POST":
        if not can_edit_process(request.user, process):
            raise PermissionDenied
        form = PlanMeetingForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.meeting_plan(actor=request.user, process=process, **form.cleaned_data),
                form=form,
                success=_("The meeting was planned. The members were invited."),
            )
            if outcome.ok:
                return redirect("codevelopment:meeting_memo", pk=process.pk, meeting_pk=outcome.result.pk)
            status = outcome.status
    elif can_edit:
        form = PlanMeetingForm()
    page = page_of(request, Meeting.objects.filter(group=process.group).order_by("-starts_at", "-id"))
    context = {"process": process, "can_edit": can_edit, "page": page, "form": form}
    return render(request, "codevelopment/meetings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def meeting_memo(request, pk: int, meeting_pk: int):
    process = visible_process(request, pk)
    meeting = get_object_or_404(Meeting.objects.filter(group=process.group), pk=meeting_pk)
    can_edit = can_edit_open_process(request.user, process) and meeting.status != Meeting.Status.CANCELLED
    status = 200
    form = None
    if request.method == "POST":
        if not can_edit_process(request.user, process):
            raise PermissionDenied
        form = MemoForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.meeting_memo_save(
                    actor=request.user, process=process, meeting=meeting, memo=form.cleaned_data["memo"]
                ),
                form=form,
                success=_("The memo was saved."),
            )
            if outcome.ok:
                return redirect("codevelopment:meeting_memo", pk=process.pk, meeting_pk=meeting.pk)
            status = outcome.status
    elif can_edit:
        form = MemoForm(initial={"memo": meeting.minutes})
    context = {"process": process, "can_edit": can_edit_open_process(request.user, process)}
    context.update(meeting=meeting, form=form)
    return render(request, "codevelopment/meeting_memo.html", context, status=status)


def dialogue_values(form) -> dict:
    data = dict(form.cleaned_data)
    data["reach"] = {name: data.pop(name) or "" for name in REACH_FIELDS}
    return data


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def dialogues(request, pk: int):
    process = visible_process(request, pk)
    can_edit = can_edit_open_process(request.user, process)
    status = 200
    form = None
    if request.method == "POST":
        if not can_edit_process(request.user, process):
            raise PermissionDenied
        form = DialogueForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.dialogue_add(actor=request.user, process=process, **dialogue_values(form)),
                form=form,
                success=_("The dialogue was recorded."),
            )
            if outcome.ok:
                return redirect("codevelopment:dialogues", pk=process.pk)
            status = outcome.status
    elif can_edit:
        form = DialogueForm(initial={"held_on": timezone.localdate()})
    page = page_of(request, process.dialogues.order_by("-held_on", "-id"))
    context = {"process": process, "can_edit": can_edit, "page": page, "form": form}
    return render(request, "codevelopment/dialogues.html", context, status=status)
