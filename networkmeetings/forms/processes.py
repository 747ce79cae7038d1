from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import FamilyCentre, Membership

from ..models import GenogramPerson, GenogramRelation, Participant


def colleagues(user):
    """Active professionals of the family centres the user works in."""
    centres = (
        Membership.objects.current()
        .filter(user=user, group__family_centre__isnull=False)
        .values("group__family_centre")
    )
    members = (
        Membership.objects.current()
        .filter(group__family_centre__in=centres)
        .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
        .values("user")
    )
    return get_user_model().objects.filter(pk__in=members, is_active=True).order_by("full_name", "email")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ConveneForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "label": "label",
        "family_centre": "family_centre",
        "responsible_pair": "responsible_pair",
        "responsible_worker": "responsible_worker",
    }

    label = CleanCharField(
        label=_("Pseudonymous label"),
        max_length=60,
        help_text=_(
            "A label that does not identify the family, e.g. 'Family A 2026'. No names or identity codes."
        ),
    )
    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=FamilyCentre.objects.none())
    responsible_worker = PersonChoiceField(label=_("Responsible worker"), queryset=None)
    responsible_pair = PersonChoiceField(label=_("Work pair (optional)"), queryset=None, required=False)
    contact_info = CleanCharField(
        label=_("How the family reaches the responsible worker"),
        max_length=300,
        required=False,
        help_text=_("A work phone number or the service's contact details, shown in the family's plan."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = Membership.objects.current().filter(user=user).values("group__family_centre")
        self.fields["family_centre"].queryset = FamilyCentre.objects.filter(pk__in=centres).order_by(
            "name_fi"
        )
        people = colleagues(user)
        self.fields["responsible_worker"].queryset = people
        self.fields["responsible_pair"].queryset = people
        if not self.is_bound:
            self.initial.setdefault("responsible_worker", user.pk)


class PreparationForm(DomainErrorMixin, forms.Form):
    core_issue = CleanCharField(
        label=_("The core issue, in the family's words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    what_is_told = CleanCharField(
        label=_("What will be told in the meeting, and by whom"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    shared_with_invitees = CleanCharField(
        label=_("What the family agreed may be shared with the invitees"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    family_told_how_it_works = forms.BooleanField(
        label=_("The family has been told how the meeting works"), required=False
    )


class InviteForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"user": "user", "description": "description", "kind": "kind", "email": "email"}

    kind = forms.ChoiceField(label=_("Whom"), choices=Participant.Kind.choices, widget=forms.RadioSelect)
    user = PersonChoiceField(label=_("Professional"), queryset=None, required=False)
    email = forms.EmailField(
        label=_("Email for the invitation (without an account)"),
        required=False,
        help_text=_(
            "The invitee gets a personal link that shows only what the family agreed to share, for 30 days."
        ),
    )
    description = CleanCharField(
        label=_("Role or relation to the family"),
        max_length=120,
        help_text=_(
            "E.g. 'class teacher', 'grandmother', 'football coach'. No full names of the family's network."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = colleagues(user)


class AnswerForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"answer": "answer", "message": "message"}

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[c for c in Participant.Answer.choices if c[0] != Participant.Answer.PENDING],
        widget=forms.RadioSelect,
    )
    message = CleanCharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class GenogramPersonForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"name": "name", "gender": "gender", "generation": "generation"}
    GENERATIONS = [
        (-2, _("grandparents")),
        (-1, _("parents")),
        (0, _("the child's generation")),
        (1, _("the child's children")),
    ]

    name = CleanCharField(
        label=_("Name or role"),
        max_length=60,
        help_text=_("As the family wants, e.g. a first letter or 'mother'."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=GenogramPerson.Gender.choices)
    generation = forms.TypedChoiceField(label=_("Generation"), choices=GENERATIONS, coerce=int, initial=0)
    is_child = forms.BooleanField(label=_("The child the process is about"), required=False)
    note = CleanCharField(label=_("Note"), max_length=200, required=False)


class GenogramRelationForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"target": "target", "kind": "kind"}

    source = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=())
    kind = forms.ChoiceField(label=_("Relation"), choices=GenogramRelation.Kind.choices)
    target = forms.TypedChoiceField(label=_("Other person"), coerce=int, choices=())

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.name) for p in people]
        self.fields["source"].choices = choices
        self.fields["target"].choices = choices


class TimelineEventForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"year": "year", "month": "month", "text": "text"}

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    month = forms.IntegerField(label=_("Month (optional)"), min_value=1, max_value=12, required=False)
    text = CleanCharField(label=_("What happened"), max_length=300)


class CloseForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"reason": "reason"}

    reason = CleanCharField(
        label=_("Reason for closing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
