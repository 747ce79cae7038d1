"""The LP training registry: qualifications, training and booster dates, booster reminders."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, snapshot
from core.dates import display_date
from core.errors import DomainError
from core.services import notification_send

from ..models import LPQualification
from ..permissions import can_manage_qualifications


@transaction.atomic
def qualification_record(
    *,
    actor,
    user,
    level: str,
    trained_on: datetime.date,
    booster_on: datetime.date | None = None,
    organisation=None,
    area=None,
) -> LPQualification:
    """Records or updates a professional's LP qualification (one row per person and level)."""
    if not can_manage_qualifications(actor):
        raise PermissionDenied
    if level not in LPQualification.Level.values:
        raise DomainError(_("Choose the qualification."), code="level")
    today = timezone.localdate()
    if trained_on > today:
        raise DomainError(_("The training date cannot be in the future."), code="trained_on")
    if booster_on is not None and (booster_on > today or booster_on < trained_on):
        raise DomainError(
            _("The booster date must be between the training date and today."), code="booster_on"
        )
    qualification, _created = LPQualification.objects.select_for_update().update_or_create(
        user=user,
        level=level,
        defaults={
            "trained_on": trained_on,
            "booster_on": booster_on,
            "organisation": organisation,
            "area": area,
        },
        create_defaults={
            "trained_on": trained_on,
            "booster_on": booster_on,
            "organisation": organisation,
            "area": area,
            "created_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="networkmeetings.qualification_record",
        obj=qualification,
        after=snapshot(qualification, ["user", "level", "trained_on", "booster_on"]),
    )
    return qualification


def booster_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tells each trained worker once when their booster training is due (every two years)."""
    today = today or timezone.localdate()
    sent = 0
    for q in LPQualification.objects.select_related("user").filter(user__is_active=True):
        due = q.booster_due_on
        if due > today + datetime.timedelta(days=30) or q.booster_reminded_for == due:
            continue
        with transaction.atomic():
            # The conditional update claims the reminder: a second run or worker finds it taken.
            claimed = (
                LPQualification.objects.filter(pk=q.pk)
                .exclude(booster_reminded_for=due)
                .update(booster_reminded_for=due)
            )
            if not claimed:
                continue
            notification_send(
                actor=None,
                recipients=[q.user],
                verb="networkmeetings.booster_due",
                # Rendered in the recipient's own language, the date as that language writes it.
                text=lambda due=due: (
                    _("Your LP booster training is due by %(date)s.") % {"date": display_date(due)}
                ),
            )
            sent += 1
    return sent
