"""Forms of the matters sent down to the local teams and of the analysis' contributors and discussion.
They check the shape of input; the rules are in referral_services and analysis_services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import Group

from .models import Phenomenon, Referral

REFERRAL_ERROR_FIELDS = {
    "subject_invalid": "subject",
    "title_required": "title",
    "question_required": "question",
    "teams_required": "teams",
    "teams_too_many": "teams",
    "teams_invalid": "teams",
    "phenomenon_required": "phenomenon",
    "phenomenon_unknown": "phenomenon",
    "observation_required": "observation",
    "observation_unknown": "observation",
    "too_long": "question",
}


class TeamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ReferralForm(DomainErrorMixin, forms.Form):
    domain_error_fields = REFERRAL_ERROR_FIELDS

    subject = forms.ChoiceField(
        label=_("What is sent"),
        choices=Referral.Subject.choices,
        widget=forms.RadioSelect,
        initial="question",
    )
    title = CleanCharField(label=_("Title"), max_length=200)
    question = CleanCharField(
        label=_("Question to the teams"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the teams are asked to discuss. No personal data of families."),
    )
    phenomenon = forms.ModelChoiceField(
        label=_("Phenomenon"),
        queryset=Phenomenon.objects.none(),
        required=False,
        help_text=_("When a phenomenon is sent."),
    )
    observation = forms.IntegerField(
        label=_("Observation number"),
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text=_("When an observation is sent."),
    )
    teams = TeamChoiceField(
        label=_("Local teams"), queryset=Group.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phenomenon"].queryset = Phenomenon.objects.visible_to(user).order_by("title", "pk")
        self.fields["teams"].queryset = (
            Group.objects.visible_to(user).filter(kind=Group.Kind.LOCAL_TEAM, is_active=True).order_by("name")
        )


class ReferralAnswerForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"text_required": "text", "too_long": "text", "unchanged": "text"}

    text = CleanCharField(
        label=_("The team's answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A short summary of the team's discussion. No personal data of families."),
    )


def _person_label(user) -> str:
    return f"{user.full_name} ({user.title})" if user.title else user.full_name


class ContributorsForm(DomainErrorMixin, forms.Form):
    """The people to invite. The page does not list every professional of the network (thousands): it
    shows the chosen people as checked checkboxes and a search (templates/includes/people_picker.html); the
    queryset still validates what is sent."""

    domain_error_fields = {
        "contributors_required": "users",
        "contributors_invalid": "users",
        "contributors_too_many": "users",
        "contributors_already": "users",
    }

    users = forms.ModelMultipleChoiceField(
        label=_("People to invite"),
        queryset=None,
        help_text=_("Professionals of the network whom the analysis needs. Each is notified."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = candidates
        self.fields["users"].label_from_instance = _person_label
        # Never the choices of everyone: the picker writes the chosen and the found people itself.
        self.fields["users"].widget.choices = []


class CommentForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"text_required": "text", "too_long": "text"}

    text = CleanCharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible to everyone who reads the phenomenon. No personal data of families."),
    )


class AnalysisWriteForm(DomainErrorMixin, forms.Form):
    """The analysis only, for its named analyser."""

    domain_error_fields = {"too_long": "analysis_understanding"}

    further_information = CleanCharField(
        label=_("Further information needed, and from where"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    analysis_understanding = CleanCharField(
        label=_("What we understand"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    analysis_root_causes = CleanCharField(
        label=_("Possible root causes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    analysis_open_questions = CleanCharField(
        label=_("Open questions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    FIELDS = (
        "further_information",
        "analysis_understanding",
        "analysis_root_causes",
        "analysis_open_questions",
    )

    @classmethod
    def initial_from(cls, phenomenon) -> dict:
        return {name: getattr(phenomenon, name) for name in cls.FIELDS}
