"""The form of whom a survey or a dialogue reached; the rules live in codevelopment.services.reach."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin

from ..models import Reach

REACH_ERRORS = {
    "target_group_required": "target_group",
    "target_group_personal_data": "target_group",
    "channel_required": "channel",
    "environment_required": "environment",
    "vulnerable_required": "vulnerable_reached",
    "vulnerable_how_required": "vulnerable_how",
    "vulnerable_how_personal_data": "vulnerable_how",
}


class ReachFields(forms.Form):
    target_group = CleanCharField(
        label=_("Target group"),
        max_length=300,
        help_text=_("Whom it was meant for, for example parents of babies or pupils in grades 1–2."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("– choose –")), *Reach.Channel.choices])
    environment = CleanCharField(
        label=_("Environment"),
        max_length=300,
        help_text=_(
            "Where it took place in everyday life, for example a school, a day-care centre or online."
        ),
    )
    vulnerable_reached = forms.ChoiceField(
        label=_("Were vulnerable children, young people and families reached?"),
        choices=Reach.Vulnerable.choices,
        widget=forms.RadioSelect,
    )
    vulnerable_how = CleanCharField(
        label=_("How they were reached, or why not"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        help_text=_(
            "For example which families in a vulnerable position took part and how the group went to them. "
            "No names."
        ),
    )


class ReachForm(DomainErrorMixin, ReachFields):
    domain_error_fields = REACH_ERRORS


REACH_FIELDS = tuple(ReachFields.base_fields)
