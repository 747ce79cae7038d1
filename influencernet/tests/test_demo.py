from __future__ import annotations

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from familycentres.permissions import is_limited_account

from ..demo import load
from ..models import Call, Matter, Member, Network, Proposal, Statement

pytestmark = pytest.mark.django_db


def _ctx():
    return SimpleNamespace(stdout=StringIO(), now=timezone.now())


def _counts():
    return [m.objects.count() for m in (Network, Member, Matter, Statement, Call, Proposal)]


def test_demo_loads_the_network_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    load(_ctx())
    first = _counts()
    load(_ctx())
    assert _counts() == first
    network = Network.objects.get(slug="pirkanmaa")
    kinds = set(network.members.values_list("kind", flat=True))
    assert network.members.count() >= 8
    assert {"youth_council", "disability_council", "client_panel", "ngo", "parish"} <= kinds
    open_matter = network.matters.get(status=Matter.Status.OPEN)
    assert open_matter.statements.filter(status=Statement.Status.SUBMITTED).count() == 2
    closed = network.matters.get(status=Matter.Status.CLOSED)
    assert closed.response and closed.deliveries.count() == 2
    assert network.calls.count() == 1
    assert network.proposals.count() == 2
    assert network.proposals.filter(status=Proposal.Status.FEEDBACK_GIVEN).count() == 1
    rep = network.members.get(kind="client_panel").representatives.exclude(user=None).get().user
    assert is_limited_account(rep)
