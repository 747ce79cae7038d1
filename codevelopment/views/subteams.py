"""The local sub-teams of a learning network, added from the workspace overview by its coordinator."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pages import attempt

from .. import services
from ..forms.subteams import SubteamForm
from ..permissions import can_coordinate_process
from .common import render_workspace, visible_process


@login_required
@require_POST
def subteam_add(request, pk: int):
    process = visible_process(request, pk)
    if not can_coordinate_process(request.user, process):
        raise PermissionDenied
    form = SubteamForm(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.subteam_add(actor=request.user, process=process, **form.cleaned_data),
            form=form,
            success=_("The local sub-team was added."),
        )
        if outcome.ok:
            return redirect(process)
        status = outcome.status
    return render_workspace(request, process, status=status, subteam_form=form)
