"""The developer group's documents: the list with the upload form, the download (access-logged) and removal.
A document is reached through Document.objects.visible_to, so it is visible exactly when its process is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import attempt, get_visible_or_404, private_file_download

from .. import services
from ..filetypes import accepted_types_text, document_max_bytes
from ..forms.documents import DocumentForm
from ..models import DevelopmentProcess, Document
from ..permissions import can_delete_document, can_edit_open_process, can_upload_document
from .common import page_of, visible_process


def _max_mb() -> str:
    return f"{document_max_bytes() / (1024 * 1024):.0f}"


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def documents(request, pk: int):
    process = visible_process(request, pk)
    can_upload = (
        can_upload_document(request.user, process) and process.stage != DevelopmentProcess.Stage.CLOSED
    )
    status = 200
    form = None
    if request.method == "POST":
        if not can_upload_document(request.user, process):
            raise PermissionDenied
        form = DocumentForm(request.POST, request.FILES)
        status = 400
        # SECURITY: the size is checked before anything is stored; the type by content in the service.
        upload = request.FILES.get("file")
        if upload is not None and upload.size > document_max_bytes():
            form.is_valid()
            form.add_error("file", _("The file is too large (at most %(mb)s MB).") % {"mb": _max_mb()})
        elif form.is_valid():
            outcome = attempt(
                request,
                lambda: services.document_upload(
                    actor=request.user,
                    process=process,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                ),
                form=form,
                success=_("The document was added."),
            )
            if outcome.ok:
                return redirect("codevelopment:documents", pk=process.pk)
            status = outcome.status
    elif can_upload:
        form = DocumentForm()
    page = page_of(request, process.documents.select_related("created_by").order_by("-created_at", "-id"))
    for document in page.object_list:
        document.can_delete = can_delete_document(request.user, document)
    context = {
        "process": process,
        "can_edit": can_edit_open_process(request.user, process),
        "page": page,
        "form": form,
        "accepted_types": accepted_types_text(),
        "max_mb": _max_mb(),
    }
    return render(request, "codevelopment/documents.html", context, status=status)


def visible_document(request, pk: int, document_pk: int) -> Document:
    return get_visible_or_404(
        Document.objects.select_related("process__group"), request.user, pk=document_pk, process_id=pk
    )


@login_required
@require_GET
@never_cache
def document_download(request, pk: int, document_pk: int):
    return private_file_download(
        request,
        lambda user: visible_document(request, pk, document_pk),
        purpose="codevelopment: workspace document download",
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def document_delete(request, pk: int, document_pk: int):
    document = visible_document(request, pk, document_pk)
    process = document.process
    if not can_delete_document(request.user, document):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        outcome = attempt(
            request,
            lambda: services.document_delete(actor=request.user, document=document),
            success=_("The document was removed."),
        )
        if outcome.ok:
            return redirect("codevelopment:documents", pk=process.pk)
        status = outcome.status
    context = {"process": process, "can_edit": can_edit_open_process(request.user, process)}
    context["document"] = document
    return render(request, "codevelopment/document_delete.html", context, status=status)
