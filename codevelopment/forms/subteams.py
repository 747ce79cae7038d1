"""The form for a learning network's local sub-team."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import FamilyCentre


class SubteamForm(DomainErrorMixin, forms.Form):
    name = CleanCharField(label=_("Name of the sub-team"), max_length=200)
    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=FamilyCentre.objects.all())
    domain_error_fields = {
        "name_required": "name",
        "too_long": "name",
        "family_centre_required": "family_centre",
    }
