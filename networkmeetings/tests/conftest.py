"""A small network for the tests: one family centre, a convener with a work pair, an invited professional,
a colleague who takes no part, an administrator, all with two-factor authentication on."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from accounts.tests.factories import UserFactory
from familycentres.models import Membership
from familycentres.tests.factories import FamilyCentreFactory

from .factories import (
    NetworkMeetingFactory,
    NetworkProcessFactory,
    ParticipantFactory,
    PlanStepFactory,
    centre_worker,
    with_mfa,
)


@pytest.fixture
def world(db):
    centre = FamilyCentreFactory()
    convener = centre_worker(centre)
    pair = centre_worker(centre)
    invited = centre_worker(centre)
    outsider = centre_worker(centre)
    coordinator = centre_worker(centre, role=Membership.Role.COORDINATOR)
    admin = with_mfa(UserFactory(staff=True, is_superuser=True))
    process = NetworkProcessFactory(
        family_centre=centre, convener=convener, responsible_worker=convener, responsible_pair=pair
    )
    participant = ParticipantFactory(process=process, user=invited)
    meeting = NetworkMeetingFactory(process=process, chair=convener, recorder=pair)
    step = PlanStepFactory(meeting=meeting, owner=convener, pair=invited)
    return SimpleNamespace(
        centre=centre,
        convener=convener,
        pair=pair,
        invited=invited,
        outsider=outsider,
        coordinator=coordinator,
        admin=admin,
        process=process,
        participant=participant,
        meeting=meeting,
        step=step,
    )
