"""`{% page_panels "meeting" meeting=meeting %}`: what higher apps add to a page of a lower one
(core.panels), rendered in place."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..panels import render_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def page_panels(context, page: str, **objects) -> SafeString:
    # Each panel renders its own (autoescaped) template, so the joined output is already safe HTML.
    return mark_safe("".join(render_panels(context.get("request"), page, **objects)))  # noqa: S308
