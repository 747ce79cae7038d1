"""Phenomenon suggestions on an observation's page, without touching the observation view."""

from __future__ import annotations

from django import template

from ..permissions import can_create_phenomenon, can_edit_phenomenon
from ..selectors import phenomena_of, suggestions_for

register = template.Library()


@register.inclusion_tag("phenomena/_suggestions.html", takes_context=True)
def phenomenon_suggestions(context, observation):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"show": False}
    # The phenomena the observation is in, as far as the reader may see them.
    belongs_to = list(phenomena_of(observation, user))
    # SECURITY: suggestions only to those who may open phenomena; linking is checked again in the view.
    may_suggest = can_create_phenomenon(user)
    if not may_suggest and not belongs_to:
        return {"show": False}
    suggestions = []
    if may_suggest and not observation.held:
        suggestions = suggestions_for(observation, user)
        for phenomenon in suggestions:
            phenomenon.user_can_link = can_edit_phenomenon(user, phenomenon)
    return {
        "show": True,
        "may_suggest": may_suggest,
        "observation": observation,
        "belongs_to": belongs_to,
        "phenomenon_suggestions": suggestions,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def phenomenon_panels(context, phenomenon):
    """What apps above phenomena show on its page (for example the indicators of its area)."""
    from ..panels import render_panels

    return render_panels(context.get("request"), phenomenon)
