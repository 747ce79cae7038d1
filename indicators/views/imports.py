"""Import runs: the list (polled while a run is going), one run with its errors and line numbers, a file
upload, and starting a source's import now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.models import ImportRun
from core.pages import get_visible_or_404

from ..forms import UploadForm
from ..models import Indicator
from ..permissions import can_run_imports, can_view_import_runs
from ..services.catalogue import sotkanet_catalogue_fetch
from ..services.imports import RUN_SOURCES, file_import, sotkanet_regions_fetch
from ..tasks import import_indicator

PAGE_SIZE = 25
POLL_SECONDS = 120


def _runs():
    return ImportRun.objects.filter(source__in=RUN_SOURCES).select_related("triggered_by")


def _polling(request, page) -> bool:
    """Poll while a run on this page is going, or for a while after one was asked for (the worker may
    not have started it yet)."""
    asked = request.session.get("indicators_import_asked", 0)
    return (
        any(r.status == ImportRun.Status.RUNNING for r in page)
        or timezone.now().timestamp() - asked < POLL_SECONDS
    )


@login_required
@require_http_methods(["GET", "POST"])
def runs(request):
    if not can_view_import_runs(request.user):
        raise PermissionDenied
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            run = file_import(
                actor=request.user,
                kind=form.cleaned_data["source"],
                data=form.cleaned_data["file"].read(),
                indicator=form.cleaned_data.get("indicator"),
            )
            if run.status == ImportRun.Status.SUCCEEDED:
                messages.success(request, _("The file was imported."))
            else:
                messages.error(request, _("The file was not imported. Nothing was changed."))
            return redirect("indicators:run_detail", pk=run.pk)
        status = 400
    page = Paginator(_runs(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "polling": _polling(request, page)}
    if request.htmx:
        return render(request, "indicators/runs.html#runs", context)
    return render(request, "indicators/runs.html", context, status=status)


@login_required
@require_GET
def run_detail(request, pk: int):
    if not can_view_import_runs(request.user):
        raise PermissionDenied
    run = get_object_or_404(_runs(), pk=pk)
    context = {"run": run, "errors": (run.detail or {}).get("errors", [])}
    if request.htmx:
        return render(request, "indicators/run_detail.html#state", context)
    return render(request, "indicators/run_detail.html", context)


def _asked(request) -> None:
    request.session["indicators_import_asked"] = timezone.now().timestamp()


@login_required
@require_POST
def indicator_import(request, pk: int):
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    if not can_run_imports(request.user):
        raise PermissionDenied
    # The import runs in the worker after this request's transaction; the runs page polls its state.
    transaction.on_commit(lambda: import_indicator.delay(indicator.pk, request.user.pk))
    _asked(request)
    messages.info(request, _("The import was started. Its progress is shown below."))
    return redirect("indicators:runs")


@login_required
@require_POST
def source_refresh(request, what: str):
    """Reads Sotkanet's region list or indicator catalogue now (small, so in the request)."""
    if not can_run_imports(request.user):
        raise PermissionDenied
    run = (
        sotkanet_regions_fetch(actor=request.user)
        if what == "regions"
        else sotkanet_catalogue_fetch(actor=request.user)
    )
    if run.status == ImportRun.Status.SUCCEEDED:
        messages.success(request, _("Read from Sotkanet."))
    else:
        messages.error(request, _("Reading from Sotkanet failed. Nothing was changed."))
    return redirect("indicators:run_detail", pk=run.pk)
