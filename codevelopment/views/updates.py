"""The updates page of a workspace: the developer group's news, newest first, and the form to post one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pages import attempt

from .. import services
from ..forms.updates import UpdateForm
from ..permissions import can_manage_consultations
from ..selectors.updates import update_list as process_updates
from .common import page_of, visible_process


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def update_list(request, pk: int):
    process = visible_process(request, pk)
    can_manage = can_manage_consultations(request.user, process)
    form = UpdateForm() if can_manage else None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = UpdateForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.update_post(actor=request.user, process=process, **form.cleaned_data),
                form=form,
                success=_("The update was posted and the professionals were told."),
            )
            if outcome.ok:
                return redirect(reverse("codevelopment:updates", args=[process.pk]))
            status = outcome.status
    page = page_of(request, process_updates(process))
    context = {"process": process, "page": page, "form": form, "can_manage": can_manage}
    return render(request, "codevelopment/updates.html", context, status=status)
