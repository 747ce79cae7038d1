"""Writes for the developer group's documents: uploads checked by size and by content before they are
stored under a random name, and removal (the file goes only once the row surely has)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import DomainError

from .. import filetypes
from ..filetypes import accepted_types_text, document_max_bytes, safe_file_name
from ..models import DevelopmentProcess, Document
from ..permissions import can_delete_document, can_upload_document
from .common import clean, ensure_open, log_event


@transaction.atomic
def document_upload(*, actor, process: DevelopmentProcess, title: str, upload) -> Document:
    """Checks the size and the type (by content) before the file is stored under a random name."""
    process = DevelopmentProcess.objects.select_for_update().select_related("group").get(pk=process.pk)
    if not can_upload_document(actor, process):
        raise PermissionDenied
    ensure_open(process)
    title = clean(title, 200)
    if not title:
        raise DomainError(_("Give the document a title."), code="title_required")
    if upload is None or not upload.size:
        raise DomainError(_("Choose a file."), code="file_required")
    limit = document_max_bytes()
    if upload.size > limit:
        raise DomainError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": f"{limit / (1024 * 1024):.0f}"},
            code="file_too_large",
        )
    content_type = filetypes.detect_content_type(upload)
    if content_type is None:
        raise DomainError(
            _("This type of file is not accepted. Accepted are: %(types)s.")
            % {"types": accepted_types_text()},
            code="file_type",
        )
    original_name = safe_file_name(upload.name)
    document = Document(
        process=process,
        title=title,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        created_by=actor,
    )
    upload.seek(0)
    document.file.save(original_name, upload, save=False)
    stored_name = document.file.name
    try:
        document.save()
        log_event(process, actor, _("Document added: %(title)s") % {"title": title})
        audit_record(
            actor=actor,
            action="codevelopment.document_upload",
            obj=document,
            after={"title": title, "content_type": content_type, "size": upload.size},
        )
    except Exception:
        # A failed write must not leave the stored file behind.
        document.file.storage.delete(stored_name)
        raise
    return document


@transaction.atomic
def document_delete(*, actor, document: Document) -> None:
    document = Document.objects.select_for_update().select_related("process__group").get(pk=document.pk)
    if not can_delete_document(actor, document):
        raise PermissionDenied
    process = document.process
    storage, name = document.file.storage, document.file.name
    before = {"title": document.title, "original_name": document.original_name, "size": document.size}
    audit_record(actor=actor, action="codevelopment.document_delete", obj=document, before=before)
    document.delete()
    log_event(process, actor, _("Document removed: %(title)s") % {"title": before["title"]})
    # The file goes only when the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))
