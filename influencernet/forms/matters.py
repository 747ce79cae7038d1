from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from familycentres.models import FamilyCentre

from ..models import Member


class MatterForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "title_required": "title",
        "question_required": "question",
        "personal_data": "question",
        "family_centre": "family_centre",
        "deadline": "deadline",
        "members_required": "members",
        "members_invalid": "members",
        "too_long": "question",
    }

    family_centre = forms.ModelChoiceField(label=_("Family centre"), queryset=FamilyCentre.objects.none())
    title = CleanCharField(label=_("Title"), max_length=200)
    question = CleanCharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 6}))
    background = CleanCharField(
        label=_("Background and documents"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Background of the matter and links to its documents."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"],
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members asked"), queryset=Member.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_centre"].queryset = network.family_centres.all()
        self.fields["members"].queryset = Member.objects.current().filter(network=network).order_by("name")


class StatementForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "text_required": "text",
        "too_long": "text",
        "public_personal_data": "is_public",
    }

    text = CleanCharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    is_public = forms.BooleanField(
        label=_("The statement may be shown on the public page"),
        required=False,
        help_text=_("Only a statement its member marks public is shown on the public page."),
    )


class ResponseForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "response_required": "response",
        "personal_data": "response",
        "too_long": "response",
    }

    response = CleanCharField(
        label=_("How the statements were used"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Sent to every member that answered and shown on the public page."),
    )


class MatterDocumentForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "title_required": "title",
        "file_required": "file",
        "file_too_large": "file",
        "file_type": "file",
    }

    title = CleanCharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(label=_("File"))
