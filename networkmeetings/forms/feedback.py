from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Area, Organisation

from ..models import LPQualification

YES_NO = [("1", _("Yes")), ("0", _("No"))]


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )


class FamilyCodeForm(forms.Form):
    code = CleanCharField(label=_("Your personal code"), max_length=20)


class FeedbackForm(DomainErrorMixin, forms.Form):
    heard = _yes_no(_("Did you feel heard?"))
    parenting_tools = _yes_no(_("Did you get more tools for parenting?"))
    mental_health_meaningful = _yes_no(_("Does thinking about mental health feel more meaningful now?"))
    mental_health_confidence = _yes_no(_("Do you trust your own know-how about mental health more?"))
    useful_child = _yes_no(_("Was it useful for the child?"))
    useful_family = _yes_no(_("Was it useful for the family?"))
    useful_self = _yes_no(_("Was it useful for you?"))
    free_text = CleanCharField(
        label=_("Anything else? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("Do not write names or anything else that identifies a person."),
    )


class FeedbackImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=None)

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_centre"].queryset = centres


class SummaryFilterForm(forms.Form):
    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=None, required=False)
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), required=False)

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_centre"].queryset = centres


class QualificationForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"level": "level", "trained_on": "trained_on", "booster_on": "booster_on"}

    user = forms.ModelChoiceField(label=_("Professional"), queryset=None)
    level = forms.ChoiceField(label=_("Qualification"), choices=LPQualification.Level.choices)
    trained_on = forms.DateField(label=_("Training date"), widget=forms.DateInput(attrs={"type": "date"}))
    booster_on = forms.DateField(
        label=_("Last booster training"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.exclude(kind="local_area").order_by("kind", "name_fi"),
        required=False,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: u.full_name or u.email
