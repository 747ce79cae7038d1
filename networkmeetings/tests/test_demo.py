from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from networkmeetings import demo
from networkmeetings.models import LPFeedback, LPQualification, NetworkMeeting, NetworkProcess, PlanStep


@pytest.mark.django_db
def test_demo_loads_twice_without_duplicates():
    call_command("seed_demo", verbosity=0)
    ctx = SimpleNamespace(stdout=io.StringIO(), now=timezone.now())
    demo.load(ctx)
    demo.load(ctx)
    from django.contrib.auth import get_user_model

    User = get_user_model()
    professional = User.objects.get(email="ammattilainen@demo.ilmio.fi")
    collector = User.objects.get(email="kokoaja@demo.ilmio.fi")
    assert NetworkProcess.objects.filter(convener=professional).count() == 2
    assert not NetworkProcess.objects.visible_to(collector).exists()
    network = NetworkMeeting.objects.get(kind="network")
    assert network.structure == "hypothesis" and network.steps.count() == 4
    assert network.steps.filter(pair__isnull=False).exists()
    assert NetworkMeeting.objects.filter(kind="lp_negotiation").count() == 1
    assert NetworkMeeting.objects.filter(kind="lp_discussion").count() == 1
    assert PlanStep.objects.count() == 6
    assert LPFeedback.objects.count() == 28
    assert LPQualification.objects.count() == 3
