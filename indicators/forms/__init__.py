"""Forms of the indicators app: they check the shape of input; services enforce the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin, FastSelect, FastSelectMultiple
from familycentres.models import FamilyCentre
from indicators.models import YEAR_MAX, YEAR_MIN, Indicator, Value

FILE_KIND_CHOICES = [
    ("sotkanet-json", _("Sotkanet JSON")),
    ("sotkanet-csv", _("Sotkanet CSV")),
    ("pxweb-jsonstat2", _("Statistics Finland json-stat2")),
    ("csv", _("CSV in the shape of our export")),
]


class DashboardForm(forms.Form):
    """The selection of a dashboard, read from the query string: the same link reopens the same view."""

    indicator = forms.TypedMultipleChoiceField(
        label=_("Indicators"), coerce=int, required=False, widget=FastSelectMultiple
    )
    area = forms.ChoiceField(label=_("Area"), required=False, widget=FastSelect)
    year_from = forms.IntegerField(
        label=_("From year"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )
    year_to = forms.IntegerField(label=_("To year"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[(v, capfirst(label)) for v, label in Value.Gender.choices], required=False
    )

    MAX_INDICATORS = 5

    def __init__(self, *args, indicators: list[tuple[int, str]], areas: list[tuple[str, str]], **kwargs):
        """`indicators`: (pk, title) to choose from; `areas`: (code, label)."""
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicators
        self.fields["indicator"].help_text = _("Up to %(n)s at a time.") % {"n": self.MAX_INDICATORS}
        self.fields["area"].choices = areas

    def clean_indicator(self):
        chosen = self.cleaned_data["indicator"]
        if len(chosen) > self.MAX_INDICATORS:
            raise forms.ValidationError(_("Choose at most %(n)s indicators.") % {"n": self.MAX_INDICATORS})
        return chosen

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The last year cannot be before the first."))
        return data


class UploadForm(forms.Form):
    source = forms.ChoiceField(label=_("Format"), choices=FILE_KIND_CHOICES)
    file = forms.FileField(label=_("File"))
    indicator = forms.ModelChoiceField(
        label=_("Indicator (for a json-stat2 file)"),
        queryset=Indicator.objects.filter(source=Indicator.Source.STATFIN),
        required=False,
        help_text=_("Needed when the dataset does not name a Statistics Finland indicator of the catalogue."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.INDICATORS_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.INDICATORS_UPLOAD_MAX_BYTES // 1_000_000}
            )
        return upload


class ScheduleForm(forms.Form):
    schedule = forms.ChoiceField(label=_("Scheduled import"), choices=Indicator.Schedule.choices)


class LinkForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


def default_years() -> tuple[int, int]:
    this_year = timezone.localdate().year
    return this_year - 10, this_year


class SaveDashboardForm(DomainErrorMixin, forms.Form):
    """Keeps the current selection under a name for one of the user's family centres or groups."""

    name = CleanCharField(label=_("Name of the dashboard"), max_length=200)
    owner = forms.ChoiceField(label=_("Kept for"))
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)

    domain_error_fields = {"name": "name", "too_long": "name"}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {self.key(o): o for o in owners}
        self.fields["owner"].choices = [(self.key(o), str(o)) for o in owners]

    @staticmethod
    def key(owner) -> str:
        return f"{'centre' if isinstance(owner, FamilyCentre) else 'group'}:{owner.pk}"

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]
