from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Area

from ..models import Member


class MemberForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"name_required": "name", "name_taken": "name", "kind": "kind"}

    name = CleanCharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Member.Kind.choices)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = CleanCharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.filter(
            kind__in=[Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA, Area.Kind.REGION]
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    description = CleanCharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    joined_on = forms.DateField(
        label=_("Joined"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RepresentativeForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "name_required": "full_name",
        "invalid_email": "email",
        "already_representative": "email",
    }

    full_name = CleanCharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    phone = CleanCharField(label=_("Phone"), max_length=40, required=False)


class AcceptNewAccountForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"name_required": "full_name", "password": "password1"}

    full_name = CleanCharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The passwords are not the same."))
        return data
