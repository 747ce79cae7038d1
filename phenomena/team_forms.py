"""The form a local family-centre team raises a matter to its steering group with. It checks the shape of
input only; services.initiative_raise_from_team holds the rules."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin

from .models import Initiative, Phenomenon
from .services import TEAM_PROPOSALS

RAISE_ERROR_FIELDS = {
    "title_required": "title",
    "description_required": "description",
    "kind": "kind",
    "scale": "scale",
    "proposal": "proposal",
    "rationale_required": "rationale",
    "unknown_phenomenon": "phenomenon",
    "already_waiting": "phenomenon",
}


class PhenomenonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.get_status_display()})"


class TeamRaiseForm(DomainErrorMixin, forms.Form):
    domain_error_fields = RAISE_ERROR_FIELDS

    phenomenon = PhenomenonChoiceField(
        label=_("Phenomenon"),
        required=False,
        queryset=Phenomenon.objects.none(),
        empty_label=_("A new phenomenon (describe it below)"),
        help_text=_("Choose a phenomenon already being followed, or leave this to describe a new one."),
    )
    title = CleanCharField(label=_("Title"), max_length=200, required=False)
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    kind = forms.ChoiceField(
        label=_("Positive or a concern?"),
        required=False,
        choices=Phenomenon.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
    )
    scale = forms.ChoiceField(
        label=_("Scale"), required=False, choices=[("", _("Choose…")), *Phenomenon.Scale.choices]
    )
    proposal = forms.ChoiceField(
        label=_("What is proposed?"),
        choices=[(value, label) for value, label in Initiative.Proposal.choices if value in TEAM_PROPOSALS],
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
    )
    rationale = CleanCharField(label=_("Why?"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, user, team, **kwargs):
        super().__init__(*args, **kwargs)
        # Open phenomena the person may see, of the team's family centre or county-wide.
        self.fields["phenomenon"].queryset = (
            Phenomenon.objects.visible_to(user)
            .exclude(status=Phenomenon.Status.CLOSED)
            .filter(Q(family_centre_id=team.family_centre_id) | Q(family_centre__isnull=True))
            .order_by("-created_at", "-pk")
        )

    def clean(self):
        data = super().clean()
        if not data.get("phenomenon") and "phenomenon" not in self.errors:
            required = {
                "title": _("Give the phenomenon a title."),
                "description": _("Describe the phenomenon."),
                "kind": _("Say whether the phenomenon is positive or a concern."),
                "scale": _("Choose the scale of the phenomenon."),
            }
            for name, message in required.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data
