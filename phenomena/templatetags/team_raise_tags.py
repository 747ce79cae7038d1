"""The "raise to the steering group" panel on a local team's meeting page (owned by familycentres, which
does not import this app): the button for the team's professional members and the matters the team has
raised, where they are now. A fixed number of queries."""

from __future__ import annotations

from django import template

from familycentres.models import Group
from familycentres.permissions import is_member

from ..models import Initiative
from ..permissions import can_raise_from_team

register = template.Library()

RAISED_LIMIT = 10


@register.inclusion_tag("phenomena/_team_raise_panel.html", takes_context=True)
def team_raise_panel(context, meeting):
    user = getattr(context.get("request"), "user", None)
    team = meeting.group
    if user is None or team.kind != Group.Kind.LOCAL_TEAM or not (user.is_staff or is_member(user, team)):
        return {"show": False}
    can_raise = (
        can_raise_from_team(user, team) and team.parent_id is not None and meeting.status != "cancelled"
    )
    raised = list(
        Initiative.objects.visible_to(user)
        .filter(raised_by_team=team)
        .select_related("phenomenon", "group")
        .order_by("-created_at", "-pk")[:RAISED_LIMIT]
    )
    return {"show": True, "meeting": meeting, "team": team, "can_raise": can_raise, "raised": raised}
