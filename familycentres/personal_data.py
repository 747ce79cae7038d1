"""familycentres' part of a person's data export: their memberships (past ones too)."""

from __future__ import annotations

from .models import Membership


def memberships_of(user) -> list[dict]:
    rows = Membership.objects.filter(user=user).select_related("group", "group__family_centre")
    return [
        {
            "group": m.group.name,
            "family_centre": m.group.family_centre.name if m.group.family_centre else None,
            "role": m.role,
            "role_label": str(m.get_role_display()),
            "started_on": m.started_on,
            "ended_on": m.ended_on,
        }
        for m in rows.order_by("pk")
    ]
