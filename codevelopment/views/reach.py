"""Recording whom a survey or a dialogue reached (target group, channel, environment and vulnerable
families), from the survey's page, the dialogues page or the proposal page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pages import attempt

from .. import services
from ..forms.reach import REACH_FIELDS, ReachForm
from ..permissions import can_edit_open_process
from .common import editable_process

KINDS = {"survey": "surveys", "dialogue": "dialogues"}


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def reach(request, pk: int, kind: str, rpk: int):
    if kind not in KINDS:
        raise Http404
    process = editable_process(request, pk)
    record = get_object_or_404(getattr(process, KINDS[kind]), pk=rpk)
    back = request.GET.get("next") == "proposal"
    initial = {name: getattr(record, name) for name in REACH_FIELDS} if record.reach_recorded else {}
    form = ReachForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.reach_record(actor=request.user, record=record, **form.cleaned_data),
                form=form,
                success=_("Whom it reached was recorded."),
            )
            if outcome.ok:
                if back:
                    return redirect("codevelopment:proposal", pk=process.pk)
                if kind == "survey":
                    return redirect("codevelopment:survey_detail", pk=process.pk, spk=record.pk)
                return redirect("codevelopment:dialogues", pk=process.pk)
            status = outcome.status
    context = {
        "process": process,
        "record": record,
        "kind": kind,
        "form": form,
        "back": back,
        "can_edit": can_edit_open_process(request.user, process),
    }
    return render(request, "codevelopment/reach.html", context, status=status)
