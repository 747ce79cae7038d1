"""Template helpers of the collector's and the local team's pages, and of the bits they add to the
network's group and meeting pages."""

from __future__ import annotations

from django import template

from familycentres.models import Group

from .. import pii
from ..models import TeamReview
from ..permissions import can_record_review, can_see_team_view

register = template.Library()


@register.filter
def held_labels(observation) -> list[str]:
    """Why an observation's text is held, in words ("phone number", "street address")."""
    return [str(pii.KIND_LABELS.get(kind, kind)) for kind in getattr(observation, "held_reasons", None) or []]


@register.simple_tag
def triage_notes(observation):
    """The collector's internal notes, with their writers, in one query."""
    return list(observation.notes.select_related("created_by").order_by("created_at", "id"))


@register.inclusion_tag("observations/_team_view_link.html", takes_context=True)
def team_view_link(context, group):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"group": group, "show": user is not None and can_see_team_view(user, group)}


@register.inclusion_tag("observations/_team_review_summary.html", takes_context=True)
def team_review_panel(context, meeting):
    """What the team recorded in this meeting. The observations listed are only those the reader may see:
    a meeting page is open to the whole network, the observations are not."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or meeting.group.kind != Group.Kind.LOCAL_TEAM:
        return {"show": False}
    review = TeamReview.objects.filter(meeting=meeting).select_related("created_by", "updated_by").first()
    observations, hidden = [], 0
    if review is not None:
        discussed = review.observations.all()
        observations = list(discussed.visible_to(user).filter(held=False).order_by("-created_at", "-id"))
        hidden = discussed.count() - len(observations)
    return {
        "show": True,
        "meeting": meeting,
        "review": review,
        "observations": observations,
        "hidden": hidden,
        "can_record": can_record_review(user, meeting.group) and meeting.status != "cancelled",
    }


@register.filter
def redaction_suggestion(text: str) -> str:
    """The text with what looks like personal data replaced by "[…]", for the collector to check."""
    return pii.redact(text or "")
