"""The phenomena's part of the demo network (phenomena/demo.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from core.demo import DemoContext
from familycentres.models import Group
from phenomena.demo import load
from phenomena.models import Decision, Initiative, Phenomenon

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_county_decision_once(settings):
    settings.DEMO_MODE = True
    # This app's part of the demo (apps above it add phenomena of their own, e.g. the influencer network's).
    settings.DEMO_LOADERS = ["familycentres.demo.load", "observations.demo.load", "phenomena.demo.load"]
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Phenomenon.objects.count() == 4
    raised = Initiative.objects.get(raised_by_team__isnull=False)
    assert (
        raised.raised_by_team.kind == Group.Kind.LOCAL_TEAM and raised.group == raised.raised_by_team.parent
    )
    assert raised.status == Initiative.Status.ON_AGENDA
    # The steering groups have at least three local teams under them.
    assert (
        Group.objects.filter(kind=Group.Kind.LOCAL_TEAM, parent__kind=Group.Kind.LOCAL_STEERING).count() >= 3
    )
    decision = Decision.objects.get(kind="start_codevelopment")
    assert decision.group.kind == Group.Kind.COUNTY_STEERING and decision.scope == "county"
    # The two named in the text and the early childhood education work pair named in a role.
    assert decision.responsible_users.count() == 3 and decision.meeting is not None
    assert set(decision.responsibilities.values_list("role", flat=True)) == {
        "progress",
        "coordination",
        "work_pair",
    }
    from phenomena.models import ForwardingRoute

    assert set(
        ForwardingRoute.objects.filter(source=decision.group).values_list("target__kind", flat=True)
    ) == {"welfare_board", "children_families_council", "hyte_steering"}
    assert Decision.objects.filter(kind="forward").count() == 2
    assert decision.initiative.status == Initiative.Status.DECIDED


def test_load_on_its_own_twice_after_seed_creates_nothing(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    counts = (Phenomenon.objects.count(), Initiative.objects.count(), Decision.objects.count())

    for _run in range(2):
        ctx = DemoContext(stdout=StringIO())
        load(ctx)
        assert ctx.created == {}

    assert (Phenomenon.objects.count(), Initiative.objects.count(), Decision.objects.count()) == counts
