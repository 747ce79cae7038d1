"""Forms of the developer group's meetings, memos and structured dialogues. Shape only; the rules live
in codevelopment.services.meetings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.forms import MeetingForm

from ..models import DialogueRecord
from .reach import REACH_ERRORS, REACH_FIELDS, ReachFields


class PlanMeetingForm(DomainErrorMixin, MeetingForm):
    domain_error_fields = {"title_required": "title", "too_long": "title", "meeting_times": "ends_at"}


class MemoForm(DomainErrorMixin, forms.Form):
    memo = CleanCharField(label=_("Memo"), widget=forms.Textarea(attrs={"rows": 14}), max_length=100_000)
    domain_error_fields = {"memo_required": "memo", "too_long": "memo"}


class DialogueForm(DomainErrorMixin, ReachFields):
    """A dialogue and, if known already, whom it reached (the reach can also be recorded later)."""

    method = forms.ChoiceField(label=_("Method"), choices=DialogueRecord.Method.choices)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    question = CleanCharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5_000)
    participants = CleanCharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5_000,
        help_text=_("By role or group, for example six parents and two teachers. No names."),
    )
    heard = CleanCharField(
        label=_("What was heard"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000
    )
    domain_error_fields = {
        "invalid_method": "method",
        "question_required": "question",
        "participants_required": "participants",
        "heard_required": "heard",
        "participants_personal_data": "participants",
        "heard_personal_data": "heard",
        **REACH_ERRORS,
    }
    field_order = ["method", "held_on", "question", "participants", "heard", *REACH_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REACH_FIELDS:
            self.fields[name].required = False
