from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from codevelopment.models import DevelopmentProcess
from core.forms import CleanCharField, DomainErrorMixin

from ..models import Member


class CallForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "title_required": "title",
        "description_required": "description",
        "how_many": "how_many",
        "deadline": "deadline",
        "process": "process",
    }

    title = CleanCharField(label=_("Theme"), max_length=200)
    description = CleanCharField(
        label=_("What kind of people are sought"), widget=forms.Textarea(attrs={"rows": 4})
    )
    how_many = forms.IntegerField(label=_("How many people"), min_value=1, max_value=100, initial=2)
    deadline = forms.DateField(label=_("Nominations by"), widget=forms.DateInput(attrs={"type": "date"}))
    process = forms.ModelChoiceField(
        label=_("Developer group"),
        queryset=DevelopmentProcess.objects.none(),
        required=False,
        help_text=_("Accepted people are invited to this developer group."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = DevelopmentProcess.objects.visible_to(user).select_related("group")
        self.fields["process"].label_from_instance = lambda p: p.group.name


class NominationForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "name_required": "full_name",
        "invalid_email": "email",
        "already_nominated": "email",
    }

    member = forms.ModelChoiceField(label=_("Nominating member"), queryset=Member.objects.none())
    full_name = CleanCharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    description = CleanCharField(
        label=_("Why this person"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class NominationDecisionForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"reason_required": "reason"}

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = CleanCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
