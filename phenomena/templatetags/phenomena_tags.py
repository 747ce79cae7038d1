"""Phenomenon suggestions on an observation's page, without touching the observation view."""

from __future__ import annotations

from html import escape

from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from observations.templatetags.observation_rows import capfirst, observation_items

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


@register.simple_tag(takes_context=True)
def phenomenon_observation_rows(context, observations) -> SafeString:
    """The phenomenon page's observation list items, as the template loop wrote them (a test compares
    the two), each with its remove button for those who may change the phenomenon."""
    can_change = context.get("can_change")
    if can_change:
        token = context.get("csrf_token")
        csrf = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'
            if token and str(token) != "NOTPROVIDED"
            else ""
        )
        action = escape(reverse("phenomena:observations", args=[context["phenomenon"].pk]))
        remove_label = escape(gettext("Remove"))
        which = gettext("observation %(id)s from the phenomenon")

    def remove_form(o) -> str:
        return (
            "\n"
            f'        <form method="post" action="{action}" class="inline-form">\n'
            f"          {csrf}\n"
            f'          <button type="submit" name="remove" value="{escape(str(o.pk))}" '
            f'class="link-button">{remove_label}<span class="visually-hidden"> '
            f"{which % {'id': escape(str(o.pk))}}</span></button>\n"
            "        </form>\n"
            "        "
        )

    items = observation_items(
        observations, text_length=300, head_extra=remove_form if can_change else None, with_centre=True
    )
    return mark_safe(items)  # noqa: S308 -- every value is escaped


@register.simple_tag
def count_table_rows(rows) -> SafeString:
    """A count table's body rows: the label (a month as "tammikuu 2025") and its number."""
    parts = []
    for row in rows:
        label = date_filter(row["label"], "F Y") if row.get("is_month") else row["label"]
        parts.append(
            f'<tr><th scope="row">{escape(capfirst(label))}</th><td class="num">{escape(str(row["count"]))}</td></tr>'
        )
    return mark_safe("".join(parts))  # noqa: S308 -- every value above is escaped
