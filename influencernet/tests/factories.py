"""Factories and a ready network for the influencer network's tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import UserFactory
from familycentres.models import Group, Membership
from familycentres.tests.factories import FamilyCentreFactory, GroupFactory, MembershipFactory

from ..models import Matter, Member, Network, Representative


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Vaikuttajaverkosto {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    group = factory.SubFactory(GroupFactory, kind=Group.Kind.OTHER, family_centre=None)


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Jäsenjärjestö {n}")
    kind = Member.Kind.NGO
    email = factory.Sequence(lambda n: f"member{n}@example.test")
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = Representative

    member = factory.SubFactory(MemberFactory)
    full_name = factory.Sequence(lambda n: f"Edustaja {n}")
    email = factory.Sequence(lambda n: f"rep{n}@example.test")


@dataclass
class World:
    network: Network
    centre: object
    steering: Group
    coordinator: object
    facilitator: object
    secretary: object
    members: list = field(default_factory=list)
    reps: list = field(default_factory=list)  # the representatives' users, one per member
    outsider: object = None


def represent(member: Member, user=None) -> object:
    """Makes `user` (or a new one) a current representative of `member` with a limited account."""
    user = user or UserFactory()
    RepresentativeFactory(member=member, user=user, email=user.email, full_name=user.full_name)
    MembershipFactory(
        group=member.network.group,
        user=user,
        role=Membership.Role.CLIENT_REPRESENTATIVE,
        background=Membership.Background.INFLUENCE_GROUP,
    )
    return user


def world(members: int = 3) -> World:
    centre = FamilyCentreFactory()
    network = NetworkFactory()
    network.family_centres.add(centre)
    steering = GroupFactory(kind=Group.Kind.LOCAL_STEERING, family_centre=centre)
    coordinator = UserFactory()
    facilitator = UserFactory()
    secretary = UserFactory()
    MembershipFactory(group=network.group, user=coordinator, role=Membership.Role.COORDINATOR)
    MembershipFactory(group=network.group, user=facilitator, role=Membership.Role.FACILITATOR)
    MembershipFactory(group=steering, user=secretary, role=Membership.Role.SECRETARY)
    w = World(network, centre, steering, coordinator, facilitator, secretary, outsider=UserFactory())
    for _i in range(members):
        member = MemberFactory(network=network)
        w.members.append(member)
        w.reps.append(represent(member))
    return w


def open_matter(w: World, *, actor=None, members=None, days: int = 7, **kwargs) -> Matter:
    from ..services import matters

    return matters.matter_create(
        actor=actor or w.coordinator,
        network=w.network,
        family_centre=w.centre,
        title=kwargs.pop("title", "Perhekeskuksen aukioloajat"),
        question=kwargs.pop("question", "Miten aukioloajat sopivat perheille?"),
        deadline=timezone.now() + timedelta(days=days),
        members=members if members is not None else w.members,
        **kwargs,
    )


def pass_deadline(matter: Matter) -> Matter:
    Matter.objects.filter(pk=matter.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    matter.refresh_from_db()
    return matter
