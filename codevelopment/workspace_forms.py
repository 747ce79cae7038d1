"""Forms of the workspace tools (meetings, dialogues, documents, invitations, sub-teams). Shape only; the
rules live in codevelopment.workspace."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from familycentres.forms import MeetingForm, NoNulCharField
from familycentres.models import FamilyCentre, Membership

from .forms import DomainErrorMixin
from .models import DialogueRecord
from .services import MEMBER_ROLES


class PlanMeetingForm(DomainErrorMixin, MeetingForm):
    error_fields = {"title_required": "title", "too_long": "title", "meeting_times": "ends_at"}


class MemoForm(DomainErrorMixin, forms.Form):
    memo = NoNulCharField(label=_("Memo"), widget=forms.Textarea(attrs={"rows": 14}), max_length=100_000)
    error_fields = {"memo_required": "memo", "too_long": "memo"}


class DialogueForm(DomainErrorMixin, forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=DialogueRecord.Method.choices)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    question = NoNulCharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5_000)
    participants = NoNulCharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5_000,
        help_text=_("By role or group, for example six parents and two teachers. No names."),
    )
    heard = NoNulCharField(
        label=_("What was heard"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000
    )
    error_fields = {
        "invalid_method": "method",
        "question_required": "question",
        "participants_required": "participants",
        "heard_required": "heard",
        "participants_personal_data": "participants",
        "heard_personal_data": "heard",
    }


class DocumentForm(DomainErrorMixin, forms.Form):
    title = NoNulCharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), max_length=1000)
    error_fields = {
        "title_required": "title",
        "too_long": "title",
        "file_required": "file",
        "file_too_large": "file",
        "file_type": "file",
    }


class InvitationForm(DomainErrorMixin, forms.Form):
    full_name = NoNulCharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"))
    background = forms.ChoiceField(label=_("Taking part as"), required=False)
    error_fields = {
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
    full_name = NoNulCharField(label=_("Your name"), max_length=150)
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
    error_fields = {"name_required": "full_name", "too_long": "full_name", "password": "password1"}

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from .workspace import password_problems

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The passwords do not match."))
        elif first:
            for problem in password_problems(first, email=self.email, full_name=cleaned.get("full_name", "")):
                self.add_error("password1", problem)
        return cleaned


class SubteamForm(DomainErrorMixin, forms.Form):
    name = NoNulCharField(label=_("Name of the sub-team"), max_length=200)
    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=FamilyCentre.objects.all())
    error_fields = {"name_required": "name", "too_long": "name", "family_centre_required": "family_centre"}


def user_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()
