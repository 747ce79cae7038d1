"""The long lists inside the service map's cells written in Python: at 50,000 services a county's matrix
has some 400 listed services and hundreds of municipality counts, and a template tag per item was most
of the page's rendering time. The markup is what the template wrote."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def cell_service_items(cell, links: bool) -> str:
    """The `<li>` of each listed service of a cell: its name (a link to it on the page) and provider."""
    items = []
    for s in cell.services:
        name = escape(s.name)
        if links:
            name = f'<a href="{escape(reverse("familycentres:service_detail", args=[s.pk]))}">{name}</a>'
        items.append(f'<li>{name} <span class="provider">({escape(s.provider)})</span></li>')
    return mark_safe("".join(items))  # noqa: S308 - names and providers are escaped


@register.simple_tag
def cell_overlaps(cell) -> str:
    """The municipalities where a cell overlaps, each with its number of providers."""
    return mark_safe(  # noqa: S308 - names are escaped
        ", ".join(
            f"{escape(name)} ("
            + escape(ngettext("%(counter)s provider", "%(counter)s providers", n) % {"counter": localize(n)})
            + ")"
            for name, n in cell.overlap_in
        )
    )
