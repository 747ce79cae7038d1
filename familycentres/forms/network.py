from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import validate_reasonable_date

from ..models import Attendance, Meeting


class NoNulCharField(forms.CharField):
    """PostgreSQL cannot store NUL characters; they are never meaningful in typed text."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "") if isinstance(value, str) else value


class MeetingForm(forms.ModelForm):
    title = NoNulCharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        validators=[validate_reasonable_date],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        validators=[validate_reasonable_date],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = NoNulCharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("For example a Teams or Zoom link. Leave empty for a meeting in person."),
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "video_url"]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not cleaned.get("location") and not cleaned.get("video_url"):
            self.add_error("location", _("Give a place or a video link."))
        return cleaned


class MinutesForm(forms.Form):
    minutes = NoNulCharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}), max_length=100_000
    )


class AgendaItemForm(forms.Form):
    title = NoNulCharField(label=_("Title"), max_length=300)
    description = NoNulCharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20_000
    )


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)
