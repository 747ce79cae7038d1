"""Indicators read beside a phenomenon: whoever may edit the phenomenon chooses them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.audit import audit_record

from ..models import Indicator, PhenomenonIndicator
from ..permissions import can_link_to_phenomenon


@transaction.atomic
def phenomenon_indicator_link(*, actor, phenomenon, indicator: Indicator) -> PhenomenonIndicator:
    if not can_link_to_phenomenon(actor, phenomenon):
        raise PermissionDenied
    link, created = PhenomenonIndicator.objects.get_or_create(
        phenomenon=phenomenon, indicator=indicator, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action="indicators.phenomenon_link",
            obj=phenomenon,
            after={"indicator": indicator.pk},
        )
    return link


@transaction.atomic
def phenomenon_indicator_unlink(*, actor, phenomenon, indicator: Indicator) -> None:
    if not can_link_to_phenomenon(actor, phenomenon):
        raise PermissionDenied
    deleted, _ = PhenomenonIndicator.objects.filter(phenomenon=phenomenon, indicator=indicator).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="indicators.phenomenon_unlink",
            obj=phenomenon,
            before={"indicator": indicator.pk},
        )
