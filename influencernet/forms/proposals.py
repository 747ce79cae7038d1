from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import FamilyCentre, Group
from phenomena.models import Initiative

from ..models import Member, Proposal


class ProposalForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "title_required": "title",
        "description_required": "description",
        "personal_data": "description",
        "member": "member",
        "family_centre": "family_centre",
        "kind": "kind",
    }

    member = forms.ModelChoiceField(label=_("Proposed by"), queryset=Member.objects.none(), required=False)
    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=FamilyCentre.objects.none())
    kind = forms.ChoiceField(label=_("Kind of need"), choices=Proposal.Kind.choices)
    title = CleanCharField(label=_("Title"), max_length=200)
    description = CleanCharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, network, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_centre"].queryset = network.family_centres.all()
        self.fields["member"].queryset = members


class ForwardForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "group": "group",
        "rationale_required": "rationale",
        "initiative_proposal": "proposal",
    }

    group = forms.ModelChoiceField(label=_("Steering group"), queryset=Group.objects.none())
    proposal = forms.ChoiceField(
        label=_("What is proposed"),
        choices=[
            (Initiative.Proposal.CODEVELOPMENT.value, Initiative.Proposal.CODEVELOPMENT.label),
            (Initiative.Proposal.LOCAL_ACTION.value, Initiative.Proposal.LOCAL_ACTION.label),
            (Initiative.Proposal.INFORMATION.value, Initiative.Proposal.INFORMATION.label),
        ],
    )
    rationale = CleanCharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class ProposalFeedbackForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"feedback_required": "feedback", "personal_data": "feedback"}

    feedback = CleanCharField(label=_("Feedback to the network"), widget=forms.Textarea(attrs={"rows": 4}))
