from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin


class TermChangeForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"term_required": "term_fi", "personal_data": "meaning_fi"}

    term_fi = CleanCharField(label=_("Term in Finnish"), max_length=150)
    meaning_fi = CleanCharField(label=_("Meaning in Finnish"), widget=forms.Textarea(attrs={"rows": 3}))
    term_sv = CleanCharField(label=_("Term in Swedish"), max_length=150, required=False)
    meaning_sv = CleanCharField(
        label=_("Meaning in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    term_en = CleanCharField(label=_("Term in English"), max_length=150, required=False)
    meaning_en = CleanCharField(
        label=_("Meaning in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class GoalForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"text_required": "text", "year": "year"}

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    text = CleanCharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
