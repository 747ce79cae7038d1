from __future__ import annotations

import datetime

from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEvent
from networkmeetings.models import NetworkMeeting, NetworkProcess
from networkmeetings.services.retention import processes_erase_expired


def _close(process, years_ago):
    NetworkProcess.objects.filter(pk=process.pk).update(
        status="closed",
        closed_at=timezone.now() - datetime.timedelta(days=365 * years_ago + 10),
        close_reason="x",
    )


def test_erases_only_after_thirty_years(world):
    _close(world.process, 29)
    assert processes_erase_expired() == []
    _close(world.process, 31)
    assert processes_erase_expired(dry_run=True) == [world.process.pk]
    assert NetworkProcess.objects.filter(pk=world.process.pk).exists()
    assert processes_erase_expired() == [world.process.pk]
    assert not NetworkProcess.objects.filter(pk=world.process.pk).exists()
    assert not NetworkMeeting.objects.filter(pk=world.meeting.pk).exists()
    event = AuditEvent.objects.get(action="networkmeetings.process_erase")
    assert event.after["id"] == world.process.pk


def test_open_process_is_never_erased(world):
    assert processes_erase_expired(now=timezone.now() + datetime.timedelta(days=365 * 50)) == []


def test_command_dry_run(world, capsys):
    _close(world.process, 31)
    call_command("networkmeetings_retention", "--dry-run")
    assert "would be erased" in capsys.readouterr().out
    assert NetworkProcess.objects.filter(pk=world.process.pk).exists()
