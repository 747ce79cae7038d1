"""The developer group's contact list: its current members with their roles, organisations and emails."""

from __future__ import annotations

from django.db.models import QuerySet

from familycentres.models import Membership

from ..models import DevelopmentProcess


def contact_list(process: DevelopmentProcess) -> QuerySet[Membership]:
    return (
        Membership.objects.current()
        .filter(group_id=process.group_id, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user_id", "role")
    )
