from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import DomainError
from core.models import Notification
from networkmeetings.services import plans
from networkmeetings.tasks import schedule_step_reminders


def _add(world, **kw):
    args = {
        "actor": world.convener,
        "meeting": world.meeting,
        "what": "Meet the school nurse",
        "due_on": timezone.localdate() + datetime.timedelta(days=7),
        "owner": world.convener,
        "pair": world.invited,
    }
    args.update(kw)
    return plans.plan_step_add(**args)


def test_step_with_work_pair(world):
    step = _add(world)
    assert step.owner_ids() == {world.convener.pk, world.invited.pk}


def test_step_by_family_member(world):
    step = _add(world, owner=None, pair=None, family_member="isä")
    assert step.family_member == "isä"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"owner": None, "pair": None}, "owner"),
        ({"due_on": None}, "due_on"),
        ({"due_on": datetime.date(2000, 1, 1)}, "due_on"),
        ({"what": "  "}, "what"),
    ],
)
def test_step_refused_without_owner_or_date_or_in_the_past(world, change, code):
    count = world.meeting.steps.count()
    with pytest.raises(DomainError) as exc:
        _add(world, **change)
    assert exc.value.code == code
    assert world.meeting.steps.count() == count


def test_step_owner_must_take_part(world):
    with pytest.raises(DomainError):
        _add(world, owner=world.outsider, pair=None)


def test_reminders_fire_exactly_once_per_step(world):
    world.step.due_on = timezone.localdate() + datetime.timedelta(days=1)
    world.step.save()
    mail.outbox.clear()
    assert schedule_step_reminders() == 1
    assert schedule_step_reminders() == 0
    notes = Notification.objects.filter(verb="networkmeetings.step_due")
    assert {n.recipient_id for n in notes} == {world.convener.pk, world.invited.pk}
    assert len(mail.outbox) == 2
    # SECURITY: no client data in the email, only a link.
    assert all(world.process.label not in m.body and world.step.what not in m.body for m in mail.outbox)
    assert plans.step_reminder_send(world.step.pk) is False
    assert notes.count() == 2


def test_no_reminder_for_far_or_done_steps(world):
    world.step.due_on = timezone.localdate() + datetime.timedelta(days=30)
    world.step.save()
    assert schedule_step_reminders() == 0
    world.step.due_on = timezone.localdate()
    world.step.done_at = timezone.now()
    world.step.save()
    assert schedule_step_reminders() == 0


def test_step_done_once(world):
    plans.plan_step_done(actor=world.invited, step=world.step)
    with pytest.raises(DomainError):
        plans.plan_step_done(actor=world.invited, step=world.step)
