"""Forms check the shape of input only; the rules live in codevelopment.services. A DomainError comes back
as a form error through `add_domain_error`, with what was typed kept."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from familycentres.models import Group

from .models import Hypothesis
from .services import MEMBER_ROLES


class DomainErrorMixin:
    error_fields: dict[str, str] = {}

    def add_domain_error(self, exc: DomainError) -> None:
        field = self.error_fields.get(exc.code)
        self.add_error(field if field in self.fields else None, exc.message)


class OpenProcessForm(DomainErrorMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the new developer group"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a name from the phenomenon's title."),
    )
    existing_group = forms.ModelChoiceField(
        label=_("Or an existing group takes the work on"),
        queryset=Group.objects.none(),
        required=False,
    )
    error_fields = {"unknown_group": "existing_group", "too_long": "name"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing_group"].queryset = Group.objects.visible_to(user).filter(is_active=True)


class ProcessForm(DomainErrorMixin, forms.Form):
    core_question = forms.CharField(
        label=_("Core question"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    working_method = forms.CharField(
        label=_("Working method"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MilestoneForm(DomainErrorMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    error_fields = {"title_required": "title", "too_long": "title"}


class HypothesisForm(DomainErrorMixin, forms.Form):
    statement = forms.CharField(label=_("Hypothesis"), widget=forms.Textarea(attrs={"rows": 2}))
    for_text = forms.CharField(
        label=_("What speaks for it"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    against_text = forms.CharField(
        label=_("What speaks against it"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    error_fields = {"statement_required": "statement"}


class HypothesisStatusForm(DomainErrorMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Hypothesis.Status.choices)
    error_fields = {"invalid_status": "status"}


class RootCauseForm(DomainErrorMixin, forms.Form):
    text = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 2}))
    error_fields = {"text_required": "text"}


class MemberForm(DomainErrorMixin, forms.Form):
    email = forms.EmailField(label=_("Email address of the person"))
    role = forms.ChoiceField(label=_("Role"))
    background = forms.ChoiceField(label=_("Taking part as"), required=False)
    error_fields = {
        "invalid_role": "role",
        "unknown_user": "email",
        "already_member": "email",
        "invalid_background": "background",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from familycentres.models import Membership

        self.fields["role"].choices = [(r.value, r.label) for r in Membership.Role if r in MEMBER_ROLES]
        self.fields["background"].choices = [("", "–"), *Membership.Background.choices]

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active person has that email address."))
        self.cleaned_data["user"] = user
        return email
