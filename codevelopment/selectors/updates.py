"""Reads for a process's updates: who hears of them, and the page of them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from ..models import DevelopmentProcess, ProcessUpdate


def update_recipients(process: DevelopmentProcess):
    """The developer group's members, the deciding steering group's members and the people who logged the
    phenomenon's observations (those with an account)."""
    current = Q(memberships__ended_on__isnull=True)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            (current & Q(memberships__group=process.group_id))
            | (current & Q(memberships__group=process.decision.group_id))
            | Q(observations__phenomenon_links__phenomenon=process.phenomenon_id)
        )
        .distinct()
    )


def update_list(process: DevelopmentProcess) -> QuerySet[ProcessUpdate]:
    return process.updates.order_by("-published_at", "-id")
