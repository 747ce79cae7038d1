"""The network map's list alternative written in Python: the whole network has hundreds of groups and
thousands of memberships, and a template tag per name was most of the page's rendering time. The
markup is what the template wrote."""

from __future__ import annotations

from html import escape as _escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..models import Membership

register = template.Library()


def _escaper():
    """Django's `escape` (the same text: `html.escape` with quotes) without its lazy-string wrapper, and
    each name escaped once: a person's or group's name recurs in many relations."""
    done: dict[str, str] = {}

    def escape(value) -> str:
        text = str(value)
        out = done.get(text)
        if out is None:
            out = done[text] = _escape(text)
        return out

    return escape


@register.simple_tag
def network_group_items(data) -> str:
    """The `<li>` of each group: its link and kind, the group it reports to, its organisations and
    the people (with role and organisation) the viewer may see."""
    escape = _escaper()
    reports_to, organisations, people = _("Reports to"), _("Organisations"), _("People")
    roles = {value: escape(label) for value, label in Membership.Role.choices}
    out = []
    for item in data.groups:
        group = item["group"]
        out.append(
            f'<li>\n      <a href="{escape(data.group_urls[group.pk])}">{escape(group.name)}</a> '
            f'<span class="muted">({escape(item["kind_label"])})</span>\n      <ul>'
        )
        if item["parent"] is not None:
            out.append(f"<li>{escape(reports_to)}: {escape(item['parent'].name)}</li>")
        if item["organisations"]:
            names = ", ".join(escape(org.name) for org in item["organisations"])
            out.append(f"<li>{escape(organisations)}: {names}</li>")
        if item["members"]:
            out.append(f"<li>{escape(people)}:\n          <ul>")
            for m in item["members"]:
                org = f" ({escape(m.organisation_name)})" if m.organisation_id else ""
                role = roles.get(m.role, escape(m.role))
                out.append(f"<li>{escape(m.full_name)} – {role}{org}</li>")
            out.append("</ul>\n        </li>")
        out.append("</ul>\n    </li>")
    return mark_safe("".join(out))  # noqa: S308 - every name is escaped


@register.simple_tag
def network_organisation_items(data) -> str:
    """The `<li>` of each organisation with its kind and the groups it sits in."""
    escape = _escaper()
    out = []
    for org in data.organisations:
        groups = "".join(
            f'<li><a href="{escape(data.group_urls[g.pk])}">{escape(g.name)}</a></li>' for g in org["groups"]
        )
        out.append(
            f'<li>{escape(org["name"])} <span class="muted">({escape(org["kind_label"])})</span>\n'
            f"      <ul>{groups}</ul>\n    </li>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every name is escaped
