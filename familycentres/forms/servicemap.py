"""Forms of the service catalogue and the two maps. They check the shape of input; the services check
the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin, FastSelect

from ..models import (
    Area,
    ClientGroup,
    FamilyCentre,
    Group,
    Membership,
    Organisation,
    ServiceChannel,
    ServiceGroup,
    ServiceLanguage,
)

TEXT_FILTERS = {"q", "service_group", "client_group", "language", "kind", "role"}


def coverage_areas():
    return Area.objects.filter(kind__in=[Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA]).order_by("name_fi")


_KIND_LABELS = dict(Area.Kind.choices)


def _kind_label(kind: str) -> str:
    # Each option's label translates one of four kinds: a lookup here rather than the model's
    # `get_kind_display`, which hashes the field's choices again for each of the 300 options.
    return str(_KIND_LABELS.get(kind, kind))


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({_kind_label(obj.kind)})"


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class ServiceForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {
        "name_fi": "name_fi",
        "organisation": "organisation",
        "service_group": "service_group",
        "client_groups": "client_groups",
        "languages": "languages",
        "areas": "areas",
        "too_long": "description_fi",
    }

    name_fi = CleanCharField(label=_("Name in Finnish"), max_length=300)
    name_sv = CleanCharField(label=_("Name in Swedish"), max_length=300, required=False)
    name_en = CleanCharField(label=_("Name in English"), max_length=300, required=False)
    description_fi = CleanCharField(
        label=_("Description in Finnish"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_sv = CleanCharField(
        label=_("Description in Swedish"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_en = CleanCharField(
        label=_("Description in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    organisation = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.order_by("name"))
    areas = AreaMultipleChoiceField(
        label=_("Municipalities or areas covered"),
        queryset=Area.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Choose one or more; hold Ctrl (or Cmd) to choose several."),
    )
    service_group = forms.ChoiceField(label=_("Service group"), choices=ServiceGroup.choices)
    client_groups = forms.MultipleChoiceField(
        label=_("Client groups"), choices=ClientGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of service"),
        choices=ServiceLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = coverage_areas()

    @classmethod
    def initial_for(cls, service) -> dict:
        data = {name: getattr(service, name) for name in ("name_fi", "name_sv", "name_en")}
        data |= {
            name: getattr(service, name) for name in ("description_fi", "description_sv", "description_en")
        }
        data |= {
            "organisation": service.organisation_id,
            "areas": list(service.areas.values_list("pk", flat=True)),
            "service_group": service.service_group,
            "client_groups": service.client_groups,
            "languages": service.languages,
            "is_active": service.is_active,
        }
        return data

    def texts(self) -> dict[str, str]:
        names = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en")
        return {name: self.cleaned_data.get(name, "") for name in names}


class ChannelForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"address": "address", "phone": "phone", "url": "url", "kind": "kind"}

    kind = forms.ChoiceField(label=_("How the service is reached"), choices=ServiceChannel.Kind.choices)
    name = CleanCharField(label=_("Name"), max_length=300, required=False)
    address = CleanCharField(label=_("Street address"), max_length=300, required=False)
    postal_code = CleanCharField(label=_("Postal code"), max_length=10, required=False)
    post_office = CleanCharField(label=_("Post office"), max_length=100, required=False)
    opening_hours = CleanCharField(
        label=_("Opening hours"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    phone = CleanCharField(label=_("Phone number"), max_length=40, required=False)
    url = forms.URLField(label=_("Web address"), max_length=200, required=False, assume_scheme="https")


class ServiceFilterForm(forms.Form):
    """The filters of the service list (GET). Unknown values are ignored rather than refused."""

    q = CleanCharField(label=_("Search"), max_length=100, required=False)
    area = AreaChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("All areas")
    )
    service_group = forms.ChoiceField(
        label=_("Service group"),
        choices=[("", _("All service groups")), *ServiceGroup.choices],
        required=False,
    )
    client_group = forms.ChoiceField(
        label=_("Client group"), choices=[("", _("All client groups")), *ClientGroup.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All providers"),
    )
    language = forms.ChoiceField(
        label=_("Language of service"),
        choices=[("", _("All languages")), *ServiceLanguage.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("kind", "name_fi")

    def values(self) -> dict:
        # A filter value that does not fit (an unknown id in a hand-written URL) is ignored on its own.
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or ("" if name in TEXT_FILTERS else None)
            for name in self.fields
        }


class ServiceMapFilterForm(forms.Form):
    area = AreaChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Whole network"),
        widget=FastSelect,
    )
    centre = forms.ModelChoiceField(
        label=_("Family centre"),
        queryset=FamilyCentre.objects.order_by("name_fi"),
        required=False,
        to_field_name="slug",
        empty_label=_("All family centres"),
        widget=FastSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All providers"),
        widget=FastSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of service"),
        choices=[("", _("All languages")), *ServiceLanguage.choices],
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.exclude(kind=Area.Kind.LOCAL_AREA).order_by(
            "kind", "name_fi"
        )

    def values(self) -> dict:
        # A filter value that does not fit (an unknown id in a hand-written URL) is ignored on its own.
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or ("" if name in TEXT_FILTERS else None)
            for name in self.fields
        }


class NetworkMapFilterForm(forms.Form):
    area = AreaChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Whole network"),
        widget=FastSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All organisations"),
        widget=FastSelect,
    )
    kind = forms.ChoiceField(
        label=_("Group kind"),
        choices=[("", _("All kinds")), *Group.Kind.choices],
        required=False,
        widget=FastSelect,
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("All roles")), *Membership.Role.choices],
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.exclude(kind=Area.Kind.LOCAL_AREA).order_by(
            "kind", "name_fi"
        )

    def values(self) -> dict:
        # A filter value that does not fit (an unknown id in a hand-written URL) is ignored on its own.
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or ("" if name in TEXT_FILTERS else None)
            for name in self.fields
        }


class ServiceFinderForm(forms.Form):
    """The families' service finder: the municipality, the child's age, what they need help with."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Any municipality"),
    )
    age = forms.ChoiceField(
        label=_("Who needs the service"),
        choices=[("", _("Anyone in the family")), *ClientGroup.choices],
        required=False,
    )
    need = forms.ChoiceField(label=_("What do you need help with?"), choices=[], required=False)
    language = forms.ChoiceField(
        label=_("Language of service"),
        choices=[("", _("Any language")), *ServiceLanguage.choices[:3]],
        required=False,
    )

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only municipalities that have services, so that a family never picks a dead end.
        self.fields["municipality"].queryset = (
            Area.objects.filter(kind=Area.Kind.MUNICIPALITY, services__is_active=True)
            .distinct()
            .order_by("name_fi")
        )
        self.fields["need"].choices = [("", _("Anything")), *needs]
