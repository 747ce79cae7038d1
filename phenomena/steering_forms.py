"""Forms for the steering-group pages. They check the shape of input only; the services enforce the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import DomainErrorMixin
from familycentres.models import Group, Meeting

from .models import OTHER_BODY_KINDS, Decision
from .services import (
    decision_kinds_for,
    follow_up_owner_candidates,
    forward_targets,
    responsible_candidates,
    working_group_choices,
)


def _person_label(user) -> str:
    return user.full_name or user.email


def _person_field(label, help_text=""):
    return forms.ModelChoiceField(
        label=label,
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("– nobody named –"),
        help_text=help_text,
    )


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


class DecisionForm(DomainErrorMixin, forms.Form):
    # The service's refusals shown at the field they concern.
    domain_error_fields = {
        "scope_required": "scope",
        "responsible_required": "progress_user",
        "responsible_progress_invalid": "progress_user",
        "responsible_coordination_invalid": "coordination_user",
        "responsible_facilitation_invalid": "facilitation_user",
        "responsible_work_pair_invalid": "work_pair_user",
        "working_group_required": "working_group",
        "working_group_both": "new_working_group",
        "working_group_invalid": "working_group",
        "forward_target_invalid": "forward_to",
        "follow_up_owner_required": "follow_up_owner",
        "follow_up_owner_invalid": "follow_up_owner",
        "reasons_required": "reasons",
        "personal_data": "reasons",
        "wrong_meeting": "meeting",
    }

    kind = forms.ChoiceField(label=_("Decision"), choices=Decision.Kind.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}))
    scope = forms.ChoiceField(
        label=_("Scope of co-development"),
        choices=[("", _("– not set –")), *Decision.Scope.choices],
        required=False,
        help_text=_("Needed when co-development is started."),
    )
    progress_user = _person_field(
        _("Responsible for progress"),
        _("People of the network get the role in the developer group and are told."),
    )
    responsible_progress = forms.CharField(
        label=_("Responsible for progress, outside the platform"),
        max_length=300,
        required=False,
        help_text=_("People or groups not on the platform, in your own words."),
    )
    coordination_user = _person_field(_("Coordinator"))
    responsible_coordination = forms.CharField(
        label=_("Responsible for coordination, outside the platform"), max_length=300, required=False
    )
    work_pair_user = _person_field(
        _("Coordination work pair from early childhood education or a school"),
        _("The everyday interface: a second coordinator from early childhood education or a school."),
    )
    work_pair_organisation = forms.CharField(
        label=_("Work pair's day-care centre or school"), max_length=200, required=False
    )
    facilitation_user = _person_field(_("Facilitator"))
    responsible_facilitation = forms.CharField(
        label=_("Responsible for facilitation, outside the platform"), max_length=300, required=False
    )
    forward_to = forms.ModelChoiceField(
        label=_("Forward to"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=None,
        help_text=_("The routes configured for this group; the first is the next level."),
    )
    new_working_group = forms.CharField(
        label=_("…or a new working group"),
        max_length=200,
        required=False,
        help_text=_(
            "The name of a new working group under this group; the responsible people become its members."
        ),
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
        self.fields["follow_up_owner"].label_from_instance = _person_label
        candidates = responsible_candidates(group).order_by("full_name", "pk")
        for name in ("progress_user", "coordination_user", "facilitation_user", "work_pair_user"):
            self.fields[name].queryset = candidates
            self.fields[name].label_from_instance = _person_label
        targets = forward_targets(group)
        self.forward_targets = targets
        self.fields["forward_to"].queryset = Group.objects.filter(pk__in=[t.pk for t in targets])
        order = {t.pk: i for i, t in enumerate(targets)}
        self.fields["forward_to"].choices = [
            (t.pk, t.name) for t in sorted(targets, key=lambda t: order[t.pk])
        ]
        if targets:
            self.fields["forward_to"].initial = targets[0].pk
        self.fields["responsible_users"].queryset = (
            get_user_model()
            .objects.filter(memberships__group=group, memberships__ended_on__isnull=True, is_active=True)
            .distinct()
            .order_by("full_name", "pk")
        )
        self.fields["responsible_users"].label_from_instance = lambda u: u.full_name or u.email
        self.fields["working_group"].queryset = working_group_choices(group).order_by("name")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(group=group)
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-starts_at")
        )
        self.fields["meeting"].label_from_instance = str


class RouteForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"route_self": "target", "route_exists": "target", "unknown_group": "target"}

    target = forms.ModelChoiceField(label=_("Group to forward to"), queryset=Group.objects.none())

    def __init__(self, *args, source: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Group.objects.filter(is_active=True).exclude(pk=source.pk).order_by("level", "name")
        )


class OtherDecisionForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "kind": "kind",
        "decided_on_required": "decided_on",
        "decided_on_future": "decided_on",
        "summary_or_document": "summary",
        "personal_data": "summary",
        "file_too_large": "document",
        "file_type": "document",
    }

    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in Decision.Kind.choices if c[0] in OTHER_BODY_KINDS],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(
        label=_("Summary of the decision"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("No personal data: it is told to those behind the phenomenon."),
    )
    document = forms.FileField(
        label=_("Decision document"),
        required=False,
        help_text=_("A summary, the document or both."),
    )


class LocalActionReportForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"what_happened_required": "what_happened", "personal_data": "what_happened"}

    what_happened = forms.CharField(
        label=_("What happened"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    done = forms.BooleanField(label=_("The local action is done"), required=False)


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the decisions"), max_length=200, required=False)
