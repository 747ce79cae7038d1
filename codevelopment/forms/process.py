"""Forms of the process and its workspace overview: opening the developer group, the core question, roadmap,
hypotheses, root causes and members. Shape only; the rules live in codevelopment.services.process."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Group, Membership

from ..models import Hypothesis
from ..services.common import MEMBER_ROLES


class OpenProcessForm(DomainErrorMixin, forms.Form):
    name = CleanCharField(
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
    domain_error_fields = {"unknown_group": "existing_group", "too_long": "name"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing_group"].queryset = Group.objects.visible_to(user).filter(is_active=True)


class ProcessForm(DomainErrorMixin, forms.Form):
    core_question = CleanCharField(
        label=_("Core question"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    working_method = CleanCharField(
        label=_("Working method"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MilestoneForm(DomainErrorMixin, forms.Form):
    title = CleanCharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    domain_error_fields = {"title_required": "title", "too_long": "title"}


class HypothesisForm(DomainErrorMixin, forms.Form):
    statement = CleanCharField(label=_("Hypothesis"), widget=forms.Textarea(attrs={"rows": 2}))
    for_text = CleanCharField(
        label=_("What speaks for it"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    against_text = CleanCharField(
        label=_("What speaks against it"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    domain_error_fields = {"statement_required": "statement"}


class HypothesisStatusForm(DomainErrorMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Hypothesis.Status.choices)
    domain_error_fields = {"invalid_status": "status"}


class RootCauseForm(DomainErrorMixin, forms.Form):
    text = CleanCharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 2}))
    domain_error_fields = {"text_required": "text"}


class RootCausesSkipForm(DomainErrorMixin, forms.Form):
    reason = CleanCharField(
        label=_("Why the group goes on without root causes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Root causes come first. Write this only when the group has a reason not to record them."
        ),
    )
    domain_error_fields = {"reason_required": "reason"}


class MemberForm(DomainErrorMixin, forms.Form):
    email = forms.EmailField(label=_("Email address of the person"))
    role = forms.ChoiceField(label=_("Role"))
    background = forms.ChoiceField(label=_("Taking part as"), required=False)
    domain_error_fields = {
        "invalid_role": "role",
        "unknown_user": "email",
        "already_member": "email",
        "invalid_background": "background",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in Membership.Role if r in MEMBER_ROLES]
        self.fields["background"].choices = [("", "–"), *Membership.Background.choices]

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active person has that email address."))
        self.cleaned_data["user"] = user
        return email
