"""Panels that apps put on pages owned by a lower layer (the front page, the account page), so that core
and accounts never import the apps above them. An app registers its panels in its AppConfig.ready();
the page renders those whose context function returns a dict, in `order`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

HOME = "home"
HOME_PUBLIC = "home_public"  # the front page of people who are not signed in (families)
PROFILE = "profile"
# Pages of the network (familycentres, observations) that higher apps add to: a meeting's page gets the
# meeting (`meeting=`), a local team's view and a group's page the group (`group=`).
MEETING = "meeting"
TEAM_VIEW = "team_view"
GROUP = "group"


@dataclass(frozen=True)
class Panel:
    template: str
    # (request, **objects) -> the panel's context, or None to leave it out
    context: Callable[..., dict | None]
    order: int = 100


registry: dict[str, list[Panel]] = {}


def register(page: str, *, template: str, context: Callable[..., dict | None], order: int = 100) -> None:
    panels = registry.setdefault(page, [])
    if not any(p.template == template for p in panels):  # ready() may run twice in tests
        panels.append(Panel(template, context, order))
        panels.sort(key=lambda p: p.order)


def render_panels(request, page: str, **objects) -> list[SafeString]:
    """The page's panels; `objects` (the meeting, the group) are passed on to each context function."""
    rendered = []
    for panel in registry.get(page, []):
        context = panel.context(request, **objects)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
