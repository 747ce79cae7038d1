"""Forms for the steering-group pages. They check the shape of input only; the services enforce the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import DomainErrorMixin
from familycentres.models import Group, Meeting

from .models import Decision
from .services import decision_kinds_for, follow_up_owner_candidates


class AgendaForm(DomainErrorMixin, forms.Form):
    # Every refusal of services.initiative_put_on_agenda is about the chosen meeting.
    domain_error_fields = {
        "wrong_group": "meeting",
        "not_submitted": "meeting",
        "meeting_not_planned": "meeting",
    }

    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        help_text=_("One of the group's planned meetings."),
    )

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            group=group, status=Meeting.Status.PLANNED
        ).order_by("starts_at")


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=Decision.Kind.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}))
    scope = forms.ChoiceField(
        label=_("Scope of co-development"),
        choices=[("", _("– not set –")), *Decision.Scope.choices],
        required=False,
        help_text=_("Needed when co-development is started."),
    )
    responsible_progress = forms.CharField(
        label=_("Responsible for progress"),
        max_length=300,
        required=False,
        help_text=_("People or groups, in your own words."),
    )
    responsible_coordination = forms.CharField(
        label=_("Responsible for coordination"), max_length=300, required=False
    )
    responsible_facilitation = forms.CharField(
        label=_("Responsible for facilitation"), max_length=300, required=False
    )
    responsible_users = forms.ModelMultipleChoiceField(
        label=_("Responsible people from the group"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    working_group = forms.ModelChoiceField(
        label=_("Working group for the local action"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("– none –"),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("– decided outside a meeting –"),
    )
    follow_up_owner = forms.ModelChoiceField(
        label=_("Who follows up the implementation"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("– not set –"),
        help_text=_("Needed when a proposal is approved for implementation."),
    )

    def __init__(self, *args, group: Group, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiative is not None:
            allowed = decision_kinds_for(initiative)
            self.fields["kind"].choices = [(v, label) for v, label in Decision.Kind.choices if v in allowed]
            self.fields["follow_up_owner"].queryset = follow_up_owner_candidates(initiative).order_by(
                "full_name", "pk"
            )
        self.fields["follow_up_owner"].label_from_instance = lambda u: u.full_name or u.email
        self.fields["responsible_users"].queryset = (
            get_user_model()
            .objects.filter(memberships__group=group, memberships__ended_on__isnull=True, is_active=True)
            .distinct()
            .order_by("full_name", "pk")
        )
        self.fields["responsible_users"].label_from_instance = lambda u: u.full_name or u.email
        # Working groups first, then the groups of the same family centre.
        working = Group.objects.filter(is_active=True, kind=Group.Kind.WORKING_GROUP)
        if group.family_centre_id:
            working = working | Group.objects.filter(is_active=True, family_centre_id=group.family_centre_id)
        self.fields["working_group"].queryset = working.distinct().order_by("name")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(group=group)
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-starts_at")
        )
        self.fields["meeting"].label_from_instance = str


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the decisions"), max_length=200, required=False)
