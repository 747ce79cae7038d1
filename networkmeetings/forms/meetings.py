from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin

from ..models import RECORD_MAX_CHARS, NetworkMeeting, ServiceSetting
from .processes import PersonChoiceField


class MeetingForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "kind": "kind",
        "structure": "structure",
        "service_setting": "service_setting",
        "chair": "chair",
        "recorder": "recorder",
    }

    kind = forms.ChoiceField(label=_("Meeting type"), choices=NetworkMeeting.Kind.choices)
    structure = forms.ChoiceField(
        label=_("Structure of a network meeting"),
        choices=[
            (NetworkMeeting.Structure.HYPOTHESIS, NetworkMeeting.Structure.HYPOTHESIS.label),
            (NetworkMeeting.Structure.HELP_MAP, NetworkMeeting.Structure.HELP_MAP.label),
        ],
        help_text=_("LP meetings have their own structure."),
    )
    service_setting = forms.ChoiceField(
        label=_("Service setting (LP meetings)"), choices=[("", "–"), *ServiceSetting.choices], required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    place = CleanCharField(label=_("Place"), max_length=200, required=False)
    chair = PersonChoiceField(label=_("Chair"), queryset=None)
    recorder = PersonChoiceField(label=_("Recorder"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people
        self.fields["recorder"].queryset = people


class RecordForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"text": "text", "record_conflict": "text"}

    text = CleanCharField(
        label=_("Shared record"),
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        strip=False,
        max_length=RECORD_MAX_CHARS,
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StepForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"what": "what", "owner": "owner", "pair": "pair", "due_on": "due_on"}

    what = CleanCharField(label=_("What"), max_length=500)
    owner = PersonChoiceField(label=_("Worker"), queryset=None, required=False)
    pair = PersonChoiceField(label=_("Work pair"), queryset=None, required=False)
    family_member = CleanCharField(label=_("Or a family member (role)"), max_length=60, required=False)
    due_on = forms.DateField(
        label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["pair"].queryset = people


class ConcludeForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "next_meeting_on": "next_meeting_on",
        "evaluation_family": "evaluation_family",
        "evaluation_workers": "evaluation_workers",
    }
    SCALE = [("", "–"), *[(str(i), str(i)) for i in range(1, 6)]]

    next_meeting_on = forms.DateField(
        label=_("Next meeting"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    evaluation_family = forms.TypedChoiceField(
        label=_("How well was the family's wellbeing strengthened? The family's view (1–5)"),
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
    )
    evaluation_workers = forms.TypedChoiceField(
        label=_("How well was the family's wellbeing strengthened? The workers' view (1–5)"),
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
    )
