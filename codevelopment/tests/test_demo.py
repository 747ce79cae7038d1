"""Co-development's part of the demo network (codevelopment/demo.py): a fresh demo shows the whole loop."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from codevelopment.models import DevelopmentProcess
from codevelopment.selectors.lifecycle import root_causes_ready
from codevelopment.services import reach_problem

pytestmark = pytest.mark.django_db


def test_demo_has_a_group_at_follow_up_with_a_chart_and_keeps_the_rules(settings, client):
    settings.DEMO_MODE = True
    settings.DEMO_LOADERS = [
        "familycentres.demo.load",
        "observations.demo.load",
        "phenomena.demo.load",
        "codevelopment.demo.load",
    ]
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert DevelopmentProcess.objects.count() == 2
    done = DevelopmentProcess.objects.get(stage="follow_up")
    metric = done.metrics.get()
    assert metric.points.filter(recorded_at__isnull=False).count() == 2
    assert metric.points.filter(recorded_at__isnull=True).count() == 1
    assert done.follow_up_owner is not None
    # The demo data keeps the loop's own rules: root causes first, and the reach before the proposal.
    for process in DevelopmentProcess.objects.all():
        assert root_causes_ready(process)
    assert reach_problem(done) == ""
    assert done.proposals.get().initiative.decisions.filter(kind="approve_implementation").exists()
    with translation.override("en"):
        public = reverse("codevelopment:public", args=[done.group.family_centre.slug])
    text = client.get(public).content.decode()
    assert "Results of the follow-up" in text and 'class="follow-up-chart"' in text
    assert "Iltapäiväkerhon paikat" in text
