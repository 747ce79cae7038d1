"""Test factories for the family-centre network. Shared by other apps' tests: keep them general and
cheap (no optional relations unless asked for)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import UserFactory
from familycentres.models import (
    AgendaItem,
    Area,
    Attendance,
    ClientGroup,
    FamilyCentre,
    Group,
    Meeting,
    Membership,
    Organisation,
    Service,
    ServiceChannel,
    ServiceGroup,
)


class AreaFactory(DjangoModelFactory):
    """A wellbeing services county by default. Any other kind gets a parent county, because the
    database requires counties to be roots and everything else to have a parent."""

    class Meta:
        model = Area

    kind = Area.Kind.WELLBEING_COUNTY
    code = factory.Sequence(lambda n: f"T{n:04d}")
    name_fi = factory.Sequence(lambda n: f"Testialue {n}")
    name_sv = factory.Sequence(lambda n: f"Testområde {n}")
    parent = factory.Maybe(
        factory.LazyAttribute(lambda o: o.kind != Area.Kind.WELLBEING_COUNTY),
        yes_declaration=factory.SubFactory("familycentres.tests.factories.AreaFactory"),
        no_declaration=None,
    )
    sotkanet_region_id = None


class MunicipalityFactory(AreaFactory):
    kind = Area.Kind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"M{n:04d}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = Organisation.Kind.NGO
    area = None
    business_id = ""


class FamilyCentreFactory(DjangoModelFactory):
    """`municipalities=[area, ...]` sets the municipalities served."""

    class Meta:
        model = FamilyCentre
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Perhekeskus {n}")
    name_sv = factory.Sequence(lambda n: f"Familjecentral {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    wellbeing_county = factory.SubFactory(AreaFactory)
    description = ""

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class GroupFactory(DjangoModelFactory):
    """A local steering group of a new family centre. Pass `family_centre=None` for a group above
    the local level."""

    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Test Group {n}")
    kind = Group.Kind.LOCAL_STEERING
    level = Group.Level.LOCAL
    family_centre = factory.SubFactory(FamilyCentreFactory)
    area = None
    parent = None
    description = ""
    is_active = True


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    organisation = None
    started_on = factory.LazyFunction(timezone.localdate)
    ended_on = None


class MeetingFactory(DjangoModelFactory):
    """A planned two-hour meeting a week from now."""

    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = ""
    video_url = ""
    status = Meeting.Status.PLANNED
    minutes = ""

    class Params:
        # Under way: started an hour ago (minutes and decisions can be recorded).
        started = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - timedelta(hours=1)).replace(microsecond=0)
            )
        )


def meeting_starts_now(meeting) -> None:
    """The meeting day comes for a meeting already saved: it started half an hour ago and goes on for an
    hour, so its decisions and minutes can be recorded."""
    now = timezone.now().replace(microsecond=0)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=1)
    )


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    # Unique across the run, so several items on one meeting never collide on (meeting, order).
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    description = ""
    outcome = ""


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    status = Attendance.Status.INVITED


class ServiceFactory(DjangoModelFactory):
    """A typed (local) service. `areas=[municipality, ...]` sets the coverage."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Palvelu {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    service_group = ServiceGroup.PROMOTION
    client_groups = factory.LazyFunction(lambda: [ClientGroup.AGE_0_6])
    languages = factory.LazyFunction(lambda: ["fi"])

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class ServiceChannelFactory(DjangoModelFactory):
    class Meta:
        model = ServiceChannel

    service = factory.SubFactory(ServiceFactory)
    kind = ServiceChannel.Kind.PHONE
    phone = "040 123 4567"


def centre_with_municipality(name_fi: str = "Nokia"):
    """A county, a municipality in it and a family centre serving the municipality."""
    county = AreaFactory()
    municipality = MunicipalityFactory(name_fi=name_fi, parent=county)
    centre = FamilyCentreFactory(wellbeing_county=county, municipalities=[municipality])
    return centre, municipality


def build_network(home: str = "Nokia", other: str = "Orivesi"):
    """The small network most tests need (the root conftest's `network` fixture): a family centre serving a
    municipality with a local area, its local team with a professional, a colleague, a collector and a
    client representative; a second family centre with a group and its collector; a signed-up person
    in no group (`outsider`) and an administrator (`staff`)."""
    from types import SimpleNamespace

    centre, municipality = centre_with_municipality(home)
    local = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=municipality, name_fi="Alinenkylä", name_sv="")
    team = GroupFactory(family_centre=centre, kind=Group.Kind.LOCAL_TEAM, area=local, name=f"{home}n tiimi")
    other_centre, other_municipality = centre_with_municipality(other)
    other_group = GroupFactory(family_centre=other_centre)
    return SimpleNamespace(
        centre=centre,
        municipality=municipality,
        local=local,
        team=team,
        group=team,
        professional=MembershipFactory(group=team, role=Membership.Role.MEMBER).user,
        colleague=MembershipFactory(group=team, role=Membership.Role.MEMBER).user,
        collector=MembershipFactory(group=team, role=Membership.Role.COLLECTOR).user,
        client_rep=MembershipFactory(group=team, role=Membership.Role.CLIENT_REPRESENTATIVE).user,
        other_centre=other_centre,
        other_municipality=other_municipality,
        other_group=other_group,
        other_collector=MembershipFactory(group=other_group, role=Membership.Role.COLLECTOR).user,
        outsider=UserFactory(),
        staff=UserFactory(staff=True),
    )
