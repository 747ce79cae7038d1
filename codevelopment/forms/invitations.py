"""Forms for inviting a person and for the invited person's new account. Shape only; the rules live in
codevelopment.services.invitations."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Membership

from ..services.common import MEMBER_ROLES
from ..services.invitations import password_problems


class InvitationForm(DomainErrorMixin, forms.Form):
    full_name = CleanCharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"))
    background = forms.ChoiceField(label=_("Taking part as"), required=False)
    domain_error_fields = {
        "invalid_email": "email",
        "invalid_role": "role",
        "invalid_background": "background",
        "role_needs_account": "role",
        "inactive_user": "email",
        "already_member": "email",
        "already_invited": "email",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("role", Membership.Role.CLIENT_REPRESENTATIVE)
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in Membership.Role if r in MEMBER_ROLES]
        self.fields["background"].choices = [("", "–"), *Membership.Background.choices]


class AcceptNewAccountForm(DomainErrorMixin, forms.Form):
    full_name = CleanCharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password and not only numbers."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    domain_error_fields = {"name_required": "full_name", "too_long": "full_name", "password": "password1"}

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The passwords do not match."))
        elif first:
            for problem in password_problems(first, email=self.email, full_name=cleaned.get("full_name", "")):
                self.add_error("password1", problem)
        return cleaned


def user_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()
