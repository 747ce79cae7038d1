"""Data for the reminder, consultation, update and public-page tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from codevelopment import services
from codevelopment.models import ConsultationRound, FollowUpMetric, FollowUpPoint
from codevelopment.tests.factories import decided
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory


def opened_process(**kwargs):
    decision, chair = decided(**kwargs)
    process = services.process_open_from_decision(actor=chair, decision=decision)
    process.chair = chair
    return process


def metric(process, owner=None) -> FollowUpMetric:
    return FollowUpMetric.objects.create(
        process=process,
        name="Kerhopaikkojen määrä",
        unit="paikkaa",
        baseline=Decimal("10"),
        target=Decimal("20"),
        method="Laskenta",
        owner=owner or process.chair,
    )


def point(process, *, days_ago: int = 1, owner=None, value=None) -> FollowUpPoint:
    return FollowUpPoint.objects.create(
        metric=metric(process, owner),
        due_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        value=value,
        recorded_at=timezone.now() if value is not None else None,
    )


def team_with_members(count: int = 2, **kwargs):
    team = GroupFactory(**kwargs)
    members = [MembershipFactory(group=team, role=Membership.Role.MEMBER).user for _ in range(count)]
    return team, members


def consultation(process, groups, *, hours_left: float = 10, reminder_hours: int = 48) -> ConsultationRound:
    made = ConsultationRound.objects.create(
        process=process,
        title="Luonnos iltapäivätoiminnasta",
        draft="Ehdotamme kerhoja kouluille.",
        deadline=timezone.now() + datetime.timedelta(hours=hours_left),
        reminder_hours=reminder_hours,
    )
    made.groups.set(groups)
    return made
