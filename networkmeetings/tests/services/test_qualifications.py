from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.errors import DomainError
from core.models import Notification
from networkmeetings.models import LPQualification
from networkmeetings.services.qualifications import booster_reminders_send, qualification_record

from ..factories import LPQualificationFactory


def test_coordinator_records_and_updates_a_qualification(world):
    trained = timezone.localdate() - datetime.timedelta(days=10)
    q = qualification_record(
        actor=world.coordinator, user=world.convener, level="negotiation", trained_on=trained
    )
    again = qualification_record(
        actor=world.coordinator,
        user=world.convener,
        level="negotiation",
        trained_on=trained,
        booster_on=timezone.localdate(),
    )
    assert q.pk == again.pk and again.booster_on == timezone.localdate()


def test_qualification_rules(world):
    with pytest.raises(PermissionDenied):
        qualification_record(
            actor=world.convener, user=world.convener, level="trainer", trained_on=timezone.localdate()
        )
    with pytest.raises(DomainError):
        qualification_record(
            actor=world.coordinator,
            user=world.convener,
            level="trainer",
            trained_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    with pytest.raises(DomainError):
        qualification_record(
            actor=world.coordinator,
            user=world.convener,
            level="trainer",
            trained_on=timezone.localdate(),
            booster_on=timezone.localdate() - datetime.timedelta(days=5),
        )


def test_booster_reminder_once_when_two_years_near(world):
    LPQualificationFactory(
        user=world.convener, trained_on=timezone.localdate() - datetime.timedelta(days=2 * 365 - 10)
    )
    LPQualificationFactory(user=world.pair, trained_on=timezone.localdate() - datetime.timedelta(days=100))
    assert booster_reminders_send() == 1
    assert booster_reminders_send() == 0
    assert (
        Notification.objects.filter(verb="networkmeetings.booster_due", recipient=world.convener).count() == 1
    )
    # The due date as the recipient's language writes it: 1.12.2026, never 01.12.2026 or an ISO date.
    note = Notification.objects.get(verb="networkmeetings.booster_due", recipient=world.convener)
    due = LPQualification.objects.get(user=world.convener).booster_due_on
    assert f"{due.day}.{due.month}.{due.year}" in note.text and due.isoformat() not in note.text
