"""The families' open form ("Kerro mitä huomasit") and the follow-up code look-up. Both check only the shape
of the input; services.observation_submit_public enforces the rules."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_altcha import AltchaField

from core.forms import CleanCharField, DomainErrorMixin, FastSelect
from familycentres.models import Area, FamilyCentre

from .models import Observation
from .services import MAX_TEXT

# Plain-language labels for families; the model's labels are written for professionals.
ENVIRONMENT_CHOICES = [
    (Observation.Environment.HOME, _("At home or in the family")),
    (Observation.Environment.ECEC, _("In early childhood education (daycare)")),
    (Observation.Environment.SCHOOL, _("At school")),
    (Observation.Environment.LEISURE, _("In free time or hobbies")),
    (Observation.Environment.DIGITAL, _("Online, in games or on social media")),
    (Observation.Environment.SERVICES, _("In services, for example health care or social services")),
    (Observation.Environment.OTHER, _("Somewhere else")),
]
AGE_GROUP_CHOICES = [
    (Observation.AgeGroup.AGE_0_2, _("Babies and toddlers, 0–2 years")),
    (Observation.AgeGroup.AGE_3_6, _("Children under school age, 3–6 years")),
    (Observation.AgeGroup.AGE_7_12, _("School children, 7–12 years")),
    (Observation.AgeGroup.AGE_13_17, _("Young people, 13–17 years")),
    (Observation.AgeGroup.YOUNG_ADULTS, _("Young adults, 18–29 years")),
    (Observation.AgeGroup.FAMILY, _("The whole family")),
]


def _by_local_name(qs: QuerySet[Area]) -> QuerySet[Area]:
    if (get_language() or "fi")[:2] == "sv":
        return qs.order_by(Coalesce(NullIf(F("name_sv"), Value("")), F("name_fi")), "pk")
    return qs.order_by("name_fi", "pk")


def public_municipalities(centre: FamilyCentre | None = None) -> QuerySet[Area]:
    """The municipalities a family can choose: those of one family centre, or (the county form) every
    municipality some family centre serves. A centre that serves only local areas offers those."""
    if centre is not None:
        served = Area.objects.filter(served_by_family_centres=centre)
        municipalities = served.filter(kind=Area.Kind.MUNICIPALITY)
        return _by_local_name(municipalities if municipalities.exists() else served)
    ids = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, served_by_family_centres__isnull=False).values(
        "pk"
    )
    return _by_local_name(Area.objects.filter(pk__in=ids))


class AreaChoiceField(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, obj: Area) -> str:
        return obj.name


# DomainError codes of services.observation_submit_public and the field they belong to.
SERVICE_ERROR_FIELDS = {
    "text_required": "text",
    "text_too_long": "text",
    "area_without_centre": "municipality",
}


class PublicObservationForm(DomainErrorMixin, forms.Form):
    domain_error_fields = SERVICE_ERROR_FIELDS

    text = CleanCharField(
        label=_("What did you notice?"),
        # A validator rather than max_length, so the textarea has no `maxlength`: a browser would cut a long
        # pasted text silently. The server says how long it is instead and keeps all of it in the form.
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Tell it in your own words. At most 10,000 characters."),
        validators=[
            MaxLengthValidator(
                MAX_TEXT,
                message=_("The text is too long: %(show_value)s characters. The limit is %(limit_value)s."),
            )
        ],
        error_messages={"required": _("Write what you noticed.")},
    )
    environment = forms.ChoiceField(
        label=_("Where did you notice it?"),
        choices=ENVIRONMENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where you noticed it."),
            "invalid_choice": _("Choose where you noticed it."),
        },
    )
    age_group = forms.ChoiceField(
        label=_("Whom does it concern?"),
        choices=AGE_GROUP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whom it concerns."),
            "invalid_choice": _("Choose whom it concerns."),
        },
    )
    municipality = AreaChoiceField(
        label=_("Municipality"),
        queryset=Area.objects.none(),
        empty_label=_("Choose a municipality"),
        help_text=_("The municipality where you noticed it."),
        error_messages={
            "required": _("Choose a municipality."),
            "invalid_choice": _("Choose a municipality from the list."),
        },
    )
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=_(
            "If you give it, we send you the follow-up code and a message when the matter moves on. It is "
            "used for nothing else, and it is deleted when the matter is closed."
        ),
        error_messages={"invalid": _("Check the email address. It looks like name@example.fi.")},
    )
    # Spam protection. The honeypot and the stamp are checked by the view (spam.py) before the form, so
    # that a robot's submission costs nothing; AltchaField checks the proof-of-work with the form.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)
    altcha = AltchaField(
        label=_("Automatic spam check"),
        error_messages={
            "required": _(
                "The automatic spam check has not finished. It needs JavaScript. Wait until it says "
                "“Checked”, then send the form again."
            ),
            "invalid": _(
                "The automatic spam check failed or expired. Wait until it says “Checked”, then send again."
            ),
            "error": _(
                "The automatic spam check failed or expired. Wait until it says “Checked”, then send again."
            ),
            "replay": _(
                "The automatic spam check failed or expired. Wait until it says “Checked”, then send again."
            ),
        },
    )

    def __init__(self, *args, municipalities: QuerySet[Area], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip()


# Fields whose typed values a re-rendered form keeps (never the spam-protection fields).
KEPT_FIELDS = ("text", "environment", "age_group", "municipality", "email")


def kept_values(data) -> dict:
    """What the person typed, to put back into a form that is shown again without being validated (a
    rate-limited or rejected submission). NUL characters go, as in the form itself."""
    return {name: (data.get(name) or "").replace("\x00", "") for name in KEPT_FIELDS}


class LookupForm(forms.Form):
    code = CleanCharField(
        label=_("Follow-up code"),
        max_length=40,
        help_text=_("Ten letters and numbers, for example ACEFH-34679. Small letters and spaces are fine."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Write your follow-up code."),
            "max_length": _("That is not a follow-up code. A code looks like ACEFH-34679."),
        },
    )


class CodeEmailForm(forms.Form):
    """The thanks page's offer to send the follow-up code by email."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=_(
            "We send you the code and a message when the matter moves on. The address is used for nothing "
            "else, and it is deleted when the matter is closed."
        ),
        error_messages={
            "required": _("Give your email address."),
            "invalid": _("Check the email address. It looks like name@example.fi."),
        },
    )

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip()
