"""Forms for the life cycle pages: stage steps, the proposal, follow-up metrics and points, and closing. They
check the shape of input only; the rules live in codevelopment.services.lifecycle."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Group

from ..models import DevelopmentProcess, FollowUpMetric
from ..permissions import subteams_of

NUMBER = {"max_digits": 14, "decimal_places": 2}


def _person(user) -> str:
    return user.full_name or user.email


class AdvanceForm(forms.Form):
    stage = forms.ChoiceField(choices=DevelopmentProcess.Stage.choices)


class ProposalForm(DomainErrorMixin, forms.Form):
    solutions = CleanCharField(label=_("Solutions"), widget=forms.Textarea(attrs={"rows": 4}))
    plan = CleanCharField(label=_("Implementation plan"), widget=forms.Textarea(attrs={"rows": 4}))
    measurement = CleanCharField(
        label=_("How the result will be measured"), widget=forms.Textarea(attrs={"rows": 3})
    )
    domain_error_fields = {"proposal_incomplete": None}


class MetricForm(DomainErrorMixin, forms.Form):
    name = CleanCharField(label=_("Metric"), max_length=200)
    unit = CleanCharField(
        label=_("Unit"), max_length=50, help_text=_("For example families, per cent or days.")
    )
    baseline = forms.DecimalField(label=_("Baseline"), **NUMBER)
    target = forms.DecimalField(label=_("Target"), **NUMBER)
    method = CleanCharField(label=_("How it is measured"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(
        label=_("Who follows the metric"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("– the follow-up owner of the process –"),
    )
    domain_error_fields = {
        "name_required": "name",
        "unit_required": "unit",
        "method_required": "method",
        "baseline": "baseline",
        "target": "target",
        "owner_required": "owner",
        "owner_invalid": "owner",
    }

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["owner"].queryset = candidates.order_by("full_name", "pk")
        self.fields["owner"].label_from_instance = _person


class PointScheduleForm(DomainErrorMixin, forms.Form):
    due_on = forms.DateField(label=_("Follow-up date"), widget=forms.DateInput(attrs={"type": "date"}))
    domain_error_fields = {"duplicate_date": "due_on", "due_on_required": "due_on"}


class PointRecordForm(DomainErrorMixin, forms.Form):
    value = forms.DecimalField(label=_("Measured value"), **NUMBER)
    evaluation_families = CleanCharField(
        label=_("Evaluation from families' point of view"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    evaluation_professionals = CleanCharField(
        label=_("Evaluation from professionals' point of view"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    more_development_needed = forms.TypedChoiceField(
        label=_("Is more development needed?"),
        choices=[("yes", _("Yes: a new phenomenon is opened from this")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    domain_error_fields = {"value_required": "value", "value": "value"}


class CloseForm(DomainErrorMixin, forms.Form):
    follow_up_owner = forms.ModelChoiceField(
        label=_("Who owns the follow-up"), queryset=get_user_model().objects.none()
    )
    summary = CleanCharField(label=_("Closing summary"), widget=forms.Textarea(attrs={"rows": 5}))
    domain_error_fields = {
        "follow_up_owner_required": "follow_up_owner",
        "follow_up_owner_invalid": "follow_up_owner",
        "summary_required": "summary",
    }

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["follow_up_owner"].queryset = candidates.order_by("full_name", "pk")
        self.fields["follow_up_owner"].label_from_instance = _person


class SubteamEvaluationForm(DomainErrorMixin, forms.Form):
    subteam = forms.ModelChoiceField(
        label=_("Sub-team"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("– another organisation, named below –"),
    )
    organisation = CleanCharField(
        label=_("Organisation (when not a sub-team)"), max_length=200, required=False
    )
    metric = forms.ModelChoiceField(
        label=_("Metric (optional)"),
        queryset=FollowUpMetric.objects.none(),
        required=False,
        empty_label=_("– no metric –"),
    )
    value = forms.DecimalField(label=_("Value (optional)"), required=False, **NUMBER)
    text = CleanCharField(
        label=_("Evaluation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the implementation works in your sub-team or organisation. No personal data."),
    )
    domain_error_fields = {
        "who_required": "organisation",
        "unknown_subteam": "subteam",
        "unknown_metric": "metric",
        "text_required": "text",
        "text_personal_data": "text",
        "value": "value",
    }

    def __init__(self, *args, process=None, **kwargs):
        super().__init__(*args, **kwargs)
        if process is not None:
            self.fields["subteam"].queryset = subteams_of(process).order_by("name", "pk")
            self.fields["metric"].queryset = process.metrics.order_by("created_at", "pk")
