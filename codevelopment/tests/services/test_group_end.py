"""A temporary developer group becomes inactive when its process closes; an existing group does not."""

from __future__ import annotations

import pytest

from codevelopment import services
from codevelopment.tests import lifecycle_data as h
from core.models import AuditEvent
from familycentres.models import Group

pytestmark = pytest.mark.django_db


def _close(process):
    services.process_close(
        actor=process.chair, process=process, follow_up_owner=process.chair, summary="Valmis."
    )


def test_temporary_working_group_ends_with_its_process():
    process = h.implementing()
    assert process.group.kind == Group.Kind.WORKING_GROUP and process.group.is_active
    _close(process)
    process.group.refresh_from_db()
    assert not process.group.is_active
    event = AuditEvent.objects.get(action="group.deactivate", object_id=str(process.group.pk))
    assert event.after["process"] == process.pk


def test_existing_group_that_took_the_work_on_stays_active():
    process = h.implementing()
    Group.objects.filter(pk=process.group_id).update(kind=Group.Kind.LOCAL_TEAM)
    process.group.refresh_from_db()
    _close(process)
    process.group.refresh_from_db()
    assert process.group.is_active
    assert not AuditEvent.objects.filter(action="group.deactivate").exists()
