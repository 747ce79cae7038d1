from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import validate_reasonable_date
from core.forms import CleanCharField

from ..models import Attendance, Meeting

# The earlier name of core.forms.CleanCharField, kept while other apps' forms still import it.
NoNulCharField = CleanCharField


class MeetingForm(forms.ModelForm):
    title = CleanCharField(label=_("Title"), max_length=200)
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
    location = CleanCharField(label=_("Place"), max_length=200, required=False)
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
    minutes = CleanCharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}), max_length=100_000
    )


class AgendaItemForm(forms.Form):
    title = CleanCharField(label=_("Title"), max_length=300)
    description = CleanCharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20_000
    )
    link = forms.ChoiceField(label=_("Link"), required=False)

    def __init__(self, *args, links=(), **kwargs):
        super().__init__(*args, **kwargs)
        if links:
            # Pages of the site the item can point to (a saved indicator dashboard, ...).
            self.fields["link"].choices = [("", _("No link")), *links]
        else:
            del self.fields["link"]


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)
