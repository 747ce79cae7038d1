from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from codevelopment import services
from codevelopment.tests.factories import decided
from core.errors import ConflictError

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def test_closed_process_refuses_meeting_plan(process):
    process.stage = "closed"
    process.closed_at = timezone.now()
    process.save()
    start = timezone.now()
    with pytest.raises(ConflictError):
        services.meeting_plan(
            actor=process.chair,
            process=process,
            title="x",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            location="y",
        )
