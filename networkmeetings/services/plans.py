"""The plan of small concrete steps, and the reminders to step owners (exactly once per step)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record, snapshot
from core.dates import display_date
from core.errors import DomainError
from core.models import Notification
from core.services import notification_send
from core.text import clean_input
from core.transitions import lock

from ..models import NetworkMeeting, PlanStep
from ..permissions import can_plan

logger = logging.getLogger(__name__)

REMINDER_DAYS_BEFORE = 3


@transaction.atomic
def plan_step_add(
    *,
    actor,
    meeting: NetworkMeeting,
    what: str,
    due_on: datetime.date | None,
    owner=None,
    pair=None,
    family_member: str = "",
) -> PlanStep:
    meeting = lock(meeting, "process")
    if not can_plan(actor, meeting):
        raise PermissionDenied
    what = clean_input(what, limit=500)
    family_member = clean_input(family_member, limit=60)
    if not what:
        raise DomainError(_("Say what will be done."), code="what")
    if owner is None and not family_member:
        raise DomainError(
            _("Every step needs an owner: a worker, a work pair or a family member."), code="owner"
        )
    if pair is not None and owner is None:
        raise DomainError(_("A work pair needs the first worker too."), code="owner")
    if pair is not None and owner is not None and pair.pk == owner.pk:
        raise DomainError(_("The work pair must be another person."), code="pair")
    if due_on is None:
        raise DomainError(_("Every step needs a date by when it is done."), code="due_on")
    if due_on < timezone.localdate():
        raise DomainError(_("The date cannot be in the past."), code="due_on")
    process = meeting.process
    allowed = {process.convener_id, *process.responsible_ids()} | set(
        process.participants.filter(user__isnull=False, removed_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    for person in (owner, pair):
        if person is not None and person.pk not in allowed:
            raise DomainError(_("A worker of a step must take part in the process."), code="owner")
    step = PlanStep.objects.create(
        meeting=meeting,
        what=what,
        owner=owner,
        pair=pair,
        family_member=family_member,
        due_on=due_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="networkmeetings.plan_step_add",
        obj=step,
        after=snapshot(step, ["owner", "pair", "due_on"]),
    )
    return step


@transaction.atomic
def plan_step_done(*, actor, step: PlanStep) -> PlanStep:
    step = lock(step, "meeting__process")
    if not can_plan(actor, step.meeting) and actor.pk not in step.owner_ids():
        raise PermissionDenied
    if step.done_at is not None:
        raise DomainError(_("The step is already marked done."), code="done")
    step.done_at = timezone.now()
    step.save(update_fields=["done_at", "updated_at"])
    audit_record(actor=actor, action="networkmeetings.plan_step_done", obj=step)
    return step


def steps_due_for_reminder(*, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return PlanStep.objects.filter(
        reminder_sent_at__isnull=True,
        done_at__isnull=True,
        owner__isnull=False,
        due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
        meeting__process__status="open",
    )


def step_reminder_send(step_id: int) -> bool:
    """Reminds the owners of one step. The row is locked (SKIP LOCKED) and marked in the same transaction as
    the in-app notification, so a re-run or a second worker sends nothing twice. The email is sent after
    the commit and carries only a link, never client data."""
    with transaction.atomic():
        step = (
            PlanStep.objects.select_for_update(skip_locked=True)
            .filter(pk=step_id, reminder_sent_at__isnull=True, done_at__isnull=True)
            .first()
        )
        if step is None:
            return False
        step.reminder_sent_at = timezone.now()
        step.save(update_fields=["reminder_sent_at"])
        meeting = NetworkMeeting.objects.select_related("process").get(pk=step.meeting_id)
        url = reverse("networkmeetings:meeting", args=[meeting.pk])
        from django.contrib.auth import get_user_model

        owners = list(get_user_model().objects.filter(pk__in=step.owner_ids(), is_active=True))
        notes = []
        for owner in owners:
            with translation.override(owner.language or settings.LANGUAGE_CODE):
                # SECURITY: the text names no client data; the link leads to a page that checks access.
                text = _("A step of a network plan you own is due on %(date)s.") % {
                    "date": display_date(step.due_on)
                }
            notes += notification_send(
                actor=None, recipients=[owner], verb="networkmeetings.step_due", text=text, url=url
            )
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
    for owner in owners:
        with translation.override(owner.language or settings.LANGUAGE_CODE):
            subject = _("Reminder: a step of a network plan is due")
            body = (
                _("A step of a network plan you own is due on %(date)s. Open it in Ilmiö:")
                % {"date": display_date(step.due_on)}
                + f"\n{settings.SITE_URL}{reverse('networkmeetings:meeting', args=[meeting.pk])}\n"
            )
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
        except Exception:
            logger.exception("could not email the reminder of plan step %s", step_id)
    return True
