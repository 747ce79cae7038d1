"""Saved dashboards as links on a meeting's agenda (familycentres.agenda_links): a group's own dashboards
and those of its family centre, as far as the person editing the agenda may read them."""

from __future__ import annotations

from django.db.models import Q

from .models import SavedDashboard
from .permissions import can_view_indicators


def saved_dashboard_links(user, meeting) -> list[tuple[str, str]]:
    if not can_view_indicators(user):
        return []
    group = meeting.group
    owners = Q(group_id=group.pk)
    if group.family_centre_id:
        owners |= Q(family_centre_id=group.family_centre_id)
    dashboards = SavedDashboard.objects.visible_to(user).filter(owners).order_by("name")[:100]
    return [(d.get_absolute_url(), d.name) for d in dashboards]
