"""The developer group's contact list, on a page and as a CSV file, for its members only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.audit import audit_record
from core.csv import csv_response
from core.pages import render_page

from ..permissions import can_view_contacts
from ..selectors.contacts import contact_list
from .common import page_of, visible_process

PAGE_SIZE = 50


@login_required
@require_GET
@never_cache
def contacts(request, pk: int):
    process = visible_process(request, pk)
    if not can_view_contacts(request.user, process):
        raise PermissionDenied
    context = {
        "process": process,
        "section": "contacts",
        "page": page_of(request, contact_list(process), PAGE_SIZE),
    }
    return render_page(request, "codevelopment/contacts.html", context)


@login_required
@require_GET
@never_cache
def contacts_csv(request, pk: int):
    process = visible_process(request, pk)
    if not can_view_contacts(request.user, process):
        raise PermissionDenied
    with transaction.atomic():
        # Who took the group's contact details with them is kept in the process' history.
        audit_record(actor=request.user, action="codevelopment.contacts_export", obj=process)
    header = [_("Name"), _("Job title"), _("Role"), _("Taking part as"), _("Organisation"), _("Email")]
    rows = (
        [
            m.user.full_name,
            m.user.title,
            m.get_role_display(),
            m.get_background_display() if m.background else "",
            m.organisation.name if m.organisation_id else "",
            m.user.email,
        ]
        for m in contact_list(process).iterator(chunk_size=500)
    )
    response = csv_response(f"contacts-{process.pk}.csv", header, rows)
    response["Cache-Control"] = "no-store"
    return response
