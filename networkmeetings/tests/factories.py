"""Test factories for network meetings."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import UserFactory
from familycentres.models import Membership
from familycentres.tests.factories import FamilyCentreFactory, GroupFactory, MembershipFactory
from networkmeetings.models import (
    LPFeedback,
    LPQualification,
    NetworkMeeting,
    NetworkProcess,
    Participant,
    PlanStep,
)


def with_mfa(user):
    """Turns two-factor authentication (TOTP) on for the user, as the pages require."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "test"}}
    )
    return user


def centre_worker(centre, role=Membership.Role.MEMBER, mfa=True):
    """A professional working in `centre` (a member of one of its groups), with MFA by default."""
    user = UserFactory()
    MembershipFactory(group=GroupFactory(family_centre=centre, kind="local_team"), user=user, role=role)
    return with_mfa(user) if mfa else user


class NetworkProcessFactory(DjangoModelFactory):
    class Meta:
        model = NetworkProcess

    label = factory.Sequence(lambda n: f"Perhe {n}")
    family_centre = factory.SubFactory(FamilyCentreFactory)
    convener = factory.SubFactory(UserFactory)
    responsible_worker = factory.SelfAttribute("convener")
    responsible_pair = None


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    process = factory.SubFactory(NetworkProcessFactory)
    kind = Participant.Kind.PROFESSIONAL
    user = factory.SubFactory(UserFactory)
    description = "class teacher"


class NetworkMeetingFactory(DjangoModelFactory):
    class Meta:
        model = NetworkMeeting

    process = factory.SubFactory(NetworkProcessFactory)
    kind = NetworkMeeting.Kind.NETWORK
    structure = NetworkMeeting.Structure.HYPOTHESIS
    service_setting = ""
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    chair = factory.SelfAttribute("process.convener")
    recorder = factory.SelfAttribute("process.convener")


class PlanStepFactory(DjangoModelFactory):
    class Meta:
        model = PlanStep

    meeting = factory.SubFactory(NetworkMeetingFactory)
    what = "Call the school nurse"
    owner = factory.SelfAttribute("meeting.process.convener")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class LPFeedbackFactory(DjangoModelFactory):
    class Meta:
        model = LPFeedback

    family_centre = factory.SubFactory(FamilyCentreFactory)
    setting = "school"
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    heard = True
    useful_child = True
    source = LPFeedback.Source.IMPORT


class LPQualificationFactory(DjangoModelFactory):
    class Meta:
        model = LPQualification

    user = factory.SubFactory(UserFactory)
    level = LPQualification.Level.NEGOTIATION
    trained_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
