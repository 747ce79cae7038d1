"""Query filters of the network API. They check the shape of query parameters only: a value of the
wrong type or an unknown id is a 400, never a 500. Visibility is applied by the views, not here."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Area, FamilyCentre, Group, Meeting, Membership, Organisation


def _visible_groups(request):
    # SECURITY: a limited account may name only groups it can see, so filtering by someone else's
    # group is an invalid choice (400) rather than a way to learn what exists.
    if request is None:
        return Group.objects.none()
    return Group.objects.visible_to(request.user)


class AreaFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Area.Kind.choices, label=_("Kind"))
    parent = django_filters.ModelChoiceFilter(queryset=Area.objects.all(), label=_("Parent area"))
    code = django_filters.CharFilter(label=_("Official code"))

    class Meta:
        model = Area
        fields = ["kind", "parent", "code"]


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices, label=_("Kind"))
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.all(), label=_("Area"))

    class Meta:
        model = Organisation
        fields = ["kind", "area"]


class FamilyCentreFilter(django_filters.FilterSet):
    wellbeing_county = django_filters.ModelChoiceFilter(
        queryset=Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY), label=_("Wellbeing services county")
    )
    municipality = django_filters.ModelChoiceFilter(
        field_name="municipalities",
        queryset=Area.objects.filter(kind__in=[Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA]),
        label=_("Municipality or local area served"),
    )

    class Meta:
        model = FamilyCentre
        fields = ["wellbeing_county", "municipality"]


class GroupFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Group.Kind.choices, label=_("Kind"))
    level = django_filters.ChoiceFilter(choices=Group.Level.choices, label=_("Level"))
    family_centre = django_filters.ModelChoiceFilter(
        queryset=FamilyCentre.objects.all(), label=_("Family centre")
    )
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.all(), label=_("Area"))
    parent = django_filters.ModelChoiceFilter(queryset=_visible_groups, label=_("Next level up"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Group
        fields = ["kind", "level", "family_centre", "area", "parent", "is_active"]


class MembershipFilter(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(queryset=_visible_groups, label=_("Group"))
    user = django_filters.ModelChoiceFilter(queryset=User.objects.all(), label=_("Person"))
    role = django_filters.ChoiceFilter(choices=Membership.Role.choices, label=_("Role"))
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("Organisation")
    )
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("Current (not ended)")
    )

    class Meta:
        model = Membership
        fields = ["group", "user", "role", "organisation", "current"]


class MeetingFilter(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(queryset=_visible_groups, label=_("Group"))
    family_centre = django_filters.ModelChoiceFilter(
        field_name="group__family_centre", queryset=FamilyCentre.objects.all(), label=_("Family centre")
    )
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices, label=_("Status"))
    # Dates are local (Europe/Helsinki) calendar days, both ends inclusive, as people say them.
    date_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("Starts on or after this date")
    )
    date_to = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("Starts on or before this date")
    )

    class Meta:
        model = Meeting
        fields = ["group", "family_centre", "status", "date_from", "date_to"]
