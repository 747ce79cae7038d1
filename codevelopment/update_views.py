"""The updates page of a workspace: the developer group's news, newest first, and the form to post one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.errors import DomainError

from . import consultations, updates
from .outreach_forms import UpdateForm
from .views import _visible

PAGE_SIZE = 20


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def update_list(request, pk: int):
    process = _visible(request, pk)
    can_manage = consultations.can_manage(request.user, process)
    form = UpdateForm() if can_manage else None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = UpdateForm(request.POST)
        if form.is_valid():
            try:
                updates.update_post(actor=request.user, process=process, **form.cleaned_data)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The update was posted and the professionals were told."))
                return redirect(reverse("codevelopment:updates", args=[process.pk]))
        status = 400
    page = Paginator(process.updates.order_by("-published_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"process": process, "page": page, "form": form, "can_manage": can_manage}
    return render(request, "codevelopment/updates.html", context, status=status)
