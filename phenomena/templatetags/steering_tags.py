"""Steering-group links and feedback on pages owned by other apps (group, meeting and team pages), without
touching their views. Each tag costs a fixed number of queries."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.fragments import versioned_fragment
from familycentres.models import Group
from familycentres.permissions import is_member
from observations.selectors import team_area_ids

from .. import selectors
from ..models import AgendaEntry, Decision, Initiative
from ..permissions import can_decide

register = template.Library()

STEERING_KINDS = {
    Group.Kind.LOCAL_STEERING,
    Group.Kind.REGIONAL_COORDINATION,
    Group.Kind.COUNTY_STEERING,
    Group.Kind.WELFARE_BOARD,
}
TEAM_DECISIONS_LIMIT = 20


@register.inclusion_tag("phenomena/_group_initiatives_link.html", takes_context=True)
def group_initiatives_link(context, group):
    user = getattr(context.get("request"), "user", None)
    if user is None or not (user.is_staff or is_member(user, group)):
        return {"show": False}
    open_ = Initiative.objects.filter(
        group=group, status__in=[Initiative.Status.SUBMITTED, Initiative.Status.ON_AGENDA]
    ).count()
    if group.kind not in STEERING_KINDS and not open_:
        return {"show": False}
    return {"show": True, "group": group, "count": open_}


@register.inclusion_tag("phenomena/_meeting_links.html", takes_context=True)
def meeting_steering_links(context, meeting):
    user = getattr(context.get("request"), "user", None)
    entries = list(
        AgendaEntry.objects.filter(agenda_item__meeting=meeting)
        .select_related("agenda_item", "initiative__phenomenon")
        .order_by("agenda_item__order")
    )
    decider = bool(user) and can_decide(user, meeting.group)
    decided = (
        set(
            Decision.objects.filter(
                group=meeting.group, initiative__in=[e.initiative for e in entries]
            ).values_list("initiative_id", flat=True)
        )
        if entries
        else set()
    )
    for entry in entries:
        entry.decision_recorded = entry.initiative_id in decided
    return {"meeting": meeting, "entries": entries, "can_decide": decider}


@register.simple_tag
def team_decisions(group):
    """Decisions on the initiatives of phenomena the team raised or that hold observations of the team's area,
    newest first. The same for every reader of the team view, so kept in the cache per team, its areas and
    the language, under the version `team_decisions` that the database raises on every write that can
    change it (migration phenomena 0010): finding the decided phenomena with observations of a busy
    area was the page's slowest statement."""
    area_ids = team_area_ids(group)
    key = f"{group.pk}:{','.join(map(str, area_ids))}:{get_language()}"

    def render() -> str:
        decisions = selectors.team_decisions(group, area_ids, TEAM_DECISIONS_LIMIT)
        return render_to_string("phenomena/_team_decisions.html", {"decisions": decisions, "group": group})

    return versioned_fragment("team_decisions", key, render)
