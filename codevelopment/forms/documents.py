"""The document upload form. Shape only; size and type are checked in codevelopment.services.documents."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin


class DocumentForm(DomainErrorMixin, forms.Form):
    title = CleanCharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), max_length=1000)
    domain_error_fields = {
        "title_required": "title",
        "too_long": "title",
        "file_required": "file",
        "file_too_large": "file",
        "file_type": "file",
    }
