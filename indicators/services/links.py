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


@transaction.atomic
def metric_indicator_set(*, actor, metric, indicator: Indicator | None, region=None):
    """Reads a follow-up metric from `indicator` in `region`, or (indicator None) no longer."""
    from codevelopment.permissions import can_manage_follow_up

    from ..models import MetricIndicator

    if not can_manage_follow_up(actor, metric.process):
        raise PermissionDenied
    before = MetricIndicator.objects.filter(metric=metric).values("indicator_id", "region_id").first()
    if indicator is None:
        MetricIndicator.objects.filter(metric=metric).delete()
        link = None
    else:
        link, _created = MetricIndicator.objects.update_or_create(
            metric=metric, defaults={"indicator": indicator, "region": region, "created_by": actor}
        )
    after = {"indicator_id": indicator.pk, "region_id": region.pk} if indicator else None
    if before != after:
        audit_record(actor=actor, action="indicators.metric_link", obj=metric, before=before, after=after)
    return link
