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


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[..., dict | None]  # (request) -> the panel's context, or None to leave it out
    order: int = 100


registry: dict[str, list[Panel]] = {}


def register(page: str, *, template: str, context: Callable[..., dict | None], order: int = 100) -> None:
    panels = registry.setdefault(page, [])
    if not any(p.template == template for p in panels):  # ready() may run twice in tests
        panels.append(Panel(template, context, order))
        panels.sort(key=lambda p: p.order)


def render_panels(request, page: str) -> list[SafeString]:
    rendered = []
    for panel in registry.get(page, []):
        context = panel.context(request)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
