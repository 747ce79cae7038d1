"""Forms for consultation rounds. Shape only; the rules live in codevelopment.services.consultations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Group

from ..models import Document

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ConsultationForm(DomainErrorMixin, forms.Form):
    title = CleanCharField(label=_("Title"), max_length=200)
    draft = CleanCharField(
        label=_("Draft"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_("The text the teams and groups are asked to comment on."),
    )
    document = forms.ModelChoiceField(
        label=_("Attached document"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("No attachment"),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Teams and groups asked"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_("Finnish time."),
    )
    reminder_hours = forms.IntegerField(
        label=_("Reminder before the deadline (hours)"),
        min_value=0,
        max_value=24 * 30,
        initial=48,
        help_text=_("Those who have not commented get one reminder this many hours before the deadline."),
    )
    domain_error_fields = {
        "title_required": "title",
        "draft_required": "draft",
        "deadline_past": "deadline",
        "invalid_reminder": "reminder_hours",
        "groups_required": "groups",
        "unknown_group": "groups",
        "unknown_document": "document",
    }

    def __init__(self, *args, user=None, process=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = (
            Group.objects.visible_to(user)
            .filter(is_active=True)
            .select_related("family_centre")
            .order_by("name")
        )
        self.fields["document"].queryset = (
            process.documents.order_by("title") if process is not None else Document.objects.none()
        )


class CommentForm(DomainErrorMixin, forms.Form):
    text = CleanCharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
    group = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Group.objects.none(), required=False, empty_label=_("Myself")
    )
    domain_error_fields = {"text_required": "text", "unknown_group": "group"}

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups


class CloseConsultationForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, close the round now. No more comments can be written."), required=True
    )
