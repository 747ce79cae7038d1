# Placeholder replaced by the API module.
from rest_framework import viewsets

from .models import Area, FamilyCentre, Group, Meeting, Membership, Organisation


class _Base(viewsets.ReadOnlyModelViewSet):
    pass


class AreaViewSet(_Base):
    queryset = Area.objects.all()


class OrganisationViewSet(_Base):
    queryset = Organisation.objects.all()


class FamilyCentreViewSet(_Base):
    queryset = FamilyCentre.objects.all()


class GroupViewSet(_Base):
    queryset = Group.objects.all()


class MembershipViewSet(_Base):
    queryset = Membership.objects.all()


class MeetingViewSet(_Base):
    queryset = Meeting.objects.all()
