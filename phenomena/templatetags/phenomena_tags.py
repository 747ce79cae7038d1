"""Phenomenon suggestions on an observation's page, without touching the observation view."""

from __future__ import annotations

from django import template

from ..permissions import can_create_phenomenon, can_edit_phenomenon
from ..selectors import suggestions_for

register = template.Library()


@register.inclusion_tag("phenomena/_suggestions.html", takes_context=True)
def phenomenon_suggestions(context, observation):
    request = context.get("request")
    user = getattr(request, "user", None)
    # SECURITY: only shown to those who may open phenomena; linking is checked again in the view.
    if user is None or not can_create_phenomenon(user):
        return {"show": False}
    suggestions = suggestions_for(observation, user)
    for phenomenon in suggestions:
        phenomenon.user_can_link = can_edit_phenomenon(user, phenomenon)
    return {
        "show": True,
        "observation": observation,
        "phenomenon_suggestions": suggestions,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def phenomenon_panels(context, phenomenon):
    """What apps above phenomena show on its page (for example the indicators of its area)."""
    from ..panels import render_panels

    return render_panels(context.get("request"), phenomenon)
