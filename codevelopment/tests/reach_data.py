"""Data for the reminder, consultation, update and public-page tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from codevelopment.models import ConsultationRound, FollowUpMetric, FollowUpPoint
from codevelopment.tests.factories import (
    ConsultationRoundFactory,
    DevelopmentProcessFactory,
    FollowUpMetricFactory,
    FollowUpPointFactory,
)
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory


def opened_process(**kwargs):
    return DevelopmentProcessFactory(**kwargs)


def metric(process, owner=None) -> FollowUpMetric:
    return FollowUpMetricFactory(process=process, owner=owner or process.chair)


def point(process, *, days_ago: int = 1, owner=None, value=None) -> FollowUpPoint:
    return FollowUpPointFactory(
        metric=metric(process, owner),
        due_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        value=value,
    )


def team_with_members(count: int = 2, **kwargs):
    team = GroupFactory(**kwargs)
    members = [MembershipFactory(group=team, role=Membership.Role.MEMBER).user for _ in range(count)]
    return team, members


def consultation(process, groups, *, hours_left: float = 10, reminder_hours: int = 48) -> ConsultationRound:
    return ConsultationRoundFactory(
        process=process,
        groups=groups,
        deadline=timezone.now() + datetime.timedelta(hours=hours_left),
        reminder_hours=reminder_hours,
    )
