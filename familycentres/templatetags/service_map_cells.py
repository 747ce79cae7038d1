"""The long lists inside the service map's cells written in Python: at 50,000 services a county's matrix
has some 400 listed services and hundreds of municipality counts, and a template tag per item was most
of the page's rendering time. The markup is what the template wrote."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
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


@register.simple_tag
def cell_summary(cell, row, matrix, query_string: str) -> str:
    """What the page's matrix shows of a cell: the number of services as the control that opens the
    cell (a link to the cell's own page, fetched in place by htmx) and the providers' names. The
    services and the municipalities where the cell is missing or overlaps come when it is opened."""
    if not cell.count:
        return ""
    url = reverse("familycentres:service_map_cell", args=[cell.service_group, cell.client_group])
    if query_string:
        url = f"{url}?{query_string}"
    url = escape(url)
    count = escape(
        ngettext("%(counter)s service", "%(counter)s services", cell.count)
        % {"counter": localize(cell.count)}
    )
    column = dict(matrix.columns).get(cell.client_group, cell.client_group)
    where = escape(f"{capfirst(row.label)} – {capfirst(column)}")
    providers = escape(", ".join(cell.providers))
    return mark_safe(  # noqa: S308 - every part is escaped
        f'<p class="cell-open"><a href="{url}" hx-get="{url}" hx-target="#service-map-cell" '
        f'hx-swap="innerHTML show:#service-map-cell:top">{count}'
        f'<span class="visually-hidden">: {where}</span></a></p>'
        f'<p class="note">{escape(_("Providers"))}: {providers}</p>'
    )
