"""The form for a process update. Shape only; the rules live in codevelopment.services.updates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin


class UpdateForm(DomainErrorMixin, forms.Form):
    title = CleanCharField(label=_("Title"), max_length=200)
    body = CleanCharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=_(
            "Shown on the family centre's public page and feed. Write no personal data: no names, "
            "addresses, phone numbers or identity codes."
        ),
    )
    domain_error_fields = {"title_required": "title", "body_required": "body", "personal_data": "body"}
