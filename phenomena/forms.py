"""Forms of the phenomenon pages. They check the shape of input only; the rules live in services.py, whose
DomainErrors come back as form errors through `add_domain_error`."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Area, FamilyCentre, Group, Membership
from observations.permissions import member_centre_ids

from .models import Initiative, Phenomenon
from .selectors import recipient_groups

DOMAIN_ERROR_FIELDS = {
    "title_required": "title",
    "unknown_observations": "observations",
    "rationale_required": "rationale",
    "recipient_required": "group",
    "reason_required": "reason",
}
MAX_IDS = 500


def parse_ids(value: str) -> list[int]:
    """ "1, 2 3" → [1, 2, 3]. Anything that is not a number is left out by the caller's validation."""
    return [int(part) for part in re.findall(r"\d+", value or "")][:MAX_IDS]


class ObservationIdsField(CleanCharField):
    def clean(self, value):
        value = super().clean(value)
        if value and re.search(r"[^\d,\s]", value):
            raise forms.ValidationError(
                _("Write observation numbers separated by commas, for example 12, 15.")
            )
        if len(parse_ids(value)) > MAX_IDS:
            raise forms.ValidationError(_("At most %(n)s observations at a time.") % {"n": MAX_IDS})
        return parse_ids(value)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


class PhenomenonForm(DomainErrorMixin, forms.Form):
    """Opening a phenomenon (with `observations`) and editing one (without)."""

    domain_error_fields = DOMAIN_ERROR_FIELDS

    title = CleanCharField(label=_("Title"), max_length=200)
    description = CleanCharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    kind = forms.ChoiceField(
        label=_("Positive or a concern?"),
        choices=Phenomenon.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
    )
    scale = forms.ChoiceField(label=_("Scale"), choices=[("", _("Choose…")), *Phenomenon.Scale.choices])
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.none(), empty_label=_("Not set")
    )
    family_centre = forms.ModelChoiceField(
        label=_("Family centre"),
        required=False,
        queryset=FamilyCentre.objects.none(),
        empty_label=_("From the observations (or county-level)"),
        help_text=_("Leave empty to take the family centre of the observations."),
    )
    analyser_kind = forms.ChoiceField(
        label=_("Who analyses it?"),
        choices=Phenomenon.AnalyserKind.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
    )
    analyser_user = UserChoiceField(
        label=_("Analysing professional"), required=False, queryset=get_user_model().objects.none()
    )
    analyser_group = forms.ModelChoiceField(
        label=_("Analysing team or group"), required=False, queryset=Group.objects.none()
    )
    analyser_other = CleanCharField(label=_("Other network"), required=False, max_length=200)
    further_information = CleanCharField(
        label=_("What further information is needed, and from where?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example indicators, or the view of another network."),
    )
    observations = ObservationIdsField(
        label=_("Observations"),
        required=False,
        help_text=_("Observation numbers separated by commas."),
    )

    def __init__(self, *args, user=None, with_observations: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_observations:
            del self.fields["observations"]
        self.fields["area"].queryset = Area.objects.order_by("kind", "name_fi")
        centres = FamilyCentre.objects.order_by("name_fi")
        groups = Group.objects.filter(is_active=True)
        users = get_user_model().objects.filter(is_active=True)
        if user is not None and not user.is_staff:
            ids = member_centre_ids(user)
            centres = centres.filter(pk__in=ids)
            groups = groups.filter(Q(family_centre_id__in=ids) | Q(family_centre__isnull=True))
            users = users.filter(
                Q(pk=user.pk)
                | Q(
                    memberships__group__family_centre_id__in=ids,
                    memberships__ended_on__isnull=True,
                )
            ).exclude(Q(memberships__role=Membership.Role.CLIENT_REPRESENTATIVE) & ~Q(pk=user.pk))
        self.fields["family_centre"].queryset = centres
        self.fields["analyser_group"].queryset = groups.order_by("name")
        self.fields["analyser_user"].queryset = users.distinct().order_by("full_name", "email")

    def clean(self):
        data = super().clean()
        kind = data.get("analyser_kind")
        if kind == Phenomenon.AnalyserKind.PERSON and not data.get("analyser_user"):
            self.add_error("analyser_user", _("Choose the professional who analyses it."))
        if kind in (Phenomenon.AnalyserKind.TEAM, Phenomenon.AnalyserKind.STEERING_GROUP) and not data.get(
            "analyser_group"
        ):
            self.add_error("analyser_group", _("Choose the team or group that analyses it."))
        if kind == Phenomenon.AnalyserKind.OTHER_NETWORK and not data.get("analyser_other"):
            self.add_error("analyser_other", _("Name the network that analyses it."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kind = data["analyser_kind"]
        kwargs = {
            "title": data["title"],
            "description": data["description"],
            "kind": data["kind"],
            "scale": data["scale"],
            "area": data.get("area"),
            "family_centre": data.get("family_centre"),
            "analyser_kind": kind,
            # Only the analyser that matches the kind is kept, so a changed choice leaves nothing behind.
            "analyser_user": data.get("analyser_user") if kind == Phenomenon.AnalyserKind.PERSON else None,
            "analyser_group": data.get("analyser_group")
            if kind in (Phenomenon.AnalyserKind.TEAM, Phenomenon.AnalyserKind.STEERING_GROUP)
            else None,
            "analyser_other": data.get("analyser_other", "")
            if kind == Phenomenon.AnalyserKind.OTHER_NETWORK
            else "",
            "further_information": data.get("further_information", ""),
        }
        if "observations" in self.fields:
            kwargs["observation_ids"] = data.get("observations") or []
        return kwargs

    @classmethod
    def initial_from(cls, phenomenon: Phenomenon) -> dict:
        return {
            name: getattr(phenomenon, name)
            for name in [
                "title",
                "description",
                "kind",
                "scale",
                "area",
                "family_centre",
                "analyser_kind",
                "analyser_user",
                "analyser_group",
                "analyser_other",
                "further_information",
            ]
        }


class AnalysisForm(PhenomenonForm):
    """Editing: everything above plus the analysis itself."""

    analysis_understanding = CleanCharField(
        label=_("What we understand"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    analysis_root_causes = CleanCharField(
        label=_("Possible root causes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    analysis_open_questions = CleanCharField(
        label=_("Open questions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        kwargs["with_observations"] = False
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        for name in ("analysis_understanding", "analysis_root_causes", "analysis_open_questions"):
            kwargs[name] = self.cleaned_data.get(name, "")
        return kwargs

    @classmethod
    def initial_from(cls, phenomenon: Phenomenon) -> dict:
        initial = super().initial_from(phenomenon)
        for name in ("analysis_understanding", "analysis_root_causes", "analysis_open_questions"):
            initial[name] = getattr(phenomenon, name)
        return initial


class AddObservationsForm(DomainErrorMixin, forms.Form):
    domain_error_fields = DOMAIN_ERROR_FIELDS
    observations = ObservationIdsField(
        label=_("Add observations by number"), help_text=_("Separate numbers with commas.")
    )


class CloseForm(DomainErrorMixin, forms.Form):
    domain_error_fields = DOMAIN_ERROR_FIELDS
    reason = CleanCharField(
        label=_("Reason for closing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why no initiative is made. Everyone who reads the phenomenon sees the reason."),
    )


class InitiativeForm(DomainErrorMixin, forms.Form):
    domain_error_fields = DOMAIN_ERROR_FIELDS
    proposal = forms.ChoiceField(
        label=_("What is proposed?"),
        choices=Initiative.Proposal.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
    )
    rationale = CleanCharField(label=_("Why?"), widget=forms.Textarea(attrs={"rows": 5}))
    group = forms.ModelChoiceField(
        label=_("To which group?"),
        required=False,
        queryset=Group.objects.none(),
        empty_label=_("Another body (name it below)"),
    )
    other_body = CleanCharField(
        label=_("Or another body"),
        required=False,
        max_length=200,
        help_text=_("For example a school principal for community student welfare."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = list(recipient_groups())
        kinds = dict(Group.Kind.choices)
        grouped: dict[str, list] = {}
        for group in groups:
            grouped.setdefault(str(kinds.get(group.kind, group.kind)).capitalize(), []).append(
                (group.pk, group.name)
            )
        self.fields["group"].queryset = recipient_groups()
        self.fields["group"].choices = [("", self.fields["group"].empty_label), *grouped.items()]

    def clean(self):
        data = super().clean()
        if not data.get("group") and not data.get("other_body"):
            self.add_error("group", _("Choose the group or name the body the initiative goes to."))
        if data.get("group") and data.get("other_body"):
            self.add_error("other_body", _("Choose a group or name another body, not both."))
        return data
