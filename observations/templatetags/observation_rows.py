"""The rows of the team view's long lists, written in Python.

The team view shows 50 observations a page and a summary of every theme of its period (up to a few
hundred): written by the template language, a variable look-up, filter and translation at a time, they
were about three quarters of the page's processor time. These tags write exactly the HTML the template
loops wrote (a test compares the two in fi, sv and en), with the same escaping: every value goes through
`html.escape`, which is what Django's `escape` does."""

from __future__ import annotations

import unicodedata
from html import escape

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from core.choices import labels
from core.paths import url_maker

from ..models import Observation

register = template.Library()


def capfirst(value) -> str:
    text = str(value)
    return text[0].upper() + text[1:] if text else text


def truncate(text: str, length: int) -> str:
    """`truncatechars`: the text NFC-normalised, cut to `length` characters with "…". A text no longer than
    `length` is never cut (combining characters count for nothing), so it skips Truncator's loop over
    each character."""
    if len(text) <= length:
        return unicodedata.normalize("NFC", text)
    return Truncator(text).chars(length)


def observation_items(
    observations, *, text_length: int, head_extra=None, with_centre=False, with_themes=False
) -> str:
    """Observation list items (`<li class="obs">` each) as the lists' template loops wrote them: the title
    linked, the kind, `head_extra(o)` after it (a badge, a form), the text cut to `text_length` unless the
    title is the whole text, the environment, age group, area, the family centre if `with_centre`, the
    date, and the themes if `with_themes`. Every value is escaped."""
    url = url_maker("observations:detail")
    observed = escape(gettext("observed"))
    themes_label = escape(gettext("Themes:"))
    kinds = labels(Observation.Kind.choices)
    environments = labels(Observation.Environment.choices)
    age_groups = labels(Observation.AgeGroup.choices)
    parts = []
    for o in observations:
        kind = f'<span class="badge">{escape(capfirst(kinds.get(o.kind, o.kind)))}</span>' if o.kind else ""
        text = (
            ""
            if o.title_is_whole_text
            else f'<p class="obs__text">{escape(truncate(o.shown_text, text_length))}</p>'
        )
        area = f"<span>{escape(str(o.area.name))}</span>" if o.area else ""
        centre = f"        <span>{escape(str(o.family_centre.name))}</span>\n" if with_centre else ""
        themes = ""
        if with_themes:
            names = [escape(str(t.name)) for t in o.themes.all()]
            themes = (
                f'      <p class="obs__meta">{themes_label} {", ".join(names)}</p>\n' if names else "      \n"
            )
        parts.append(
            '\n    <li class="obs">\n      <div class="obs__head">\n'
            f'        <h3><a href="{escape(url(o.pk))}">{escape(o.title)}</a></h3>\n'
            f"        {kind}\n"
            f"        {head_extra(o) if head_extra else ''}\n"
            "      </div>\n"
            f"      {text}\n"
            '      <p class="obs__meta">\n'
            f"        <span>{escape(capfirst(environments.get(o.environment, o.environment)))}</span>\n"
            f"        <span>{escape(str(age_groups.get(o.age_group, o.age_group)))}</span>\n"
            f"        {area}\n"
            f"{centre}"
            f"        <span>{observed} {escape(date_filter(o.observed_on, 'SHORT_DATE_FORMAT'))}</span>\n"
            "      </p>\n"
            f"{themes}"
            "    </li>\n    "
        )
    return "".join(parts)


@register.simple_tag
def team_observation_rows(observations) -> SafeString:
    """The team view's observation list items: the text cut at 600 characters, a badge for what came from
    a family, the themes."""
    from_family = f'<span class="badge">{escape(gettext("from a family"))}</span>'
    items = observation_items(
        observations,
        text_length=600,
        head_extra=lambda o: from_family if o.from_family else "",
        with_themes=True,
    )
    return mark_safe(items)  # noqa: S308 -- every value is escaped


@register.simple_tag
def theme_summary_items(themes, chosen) -> SafeString:
    """The team view's theme summary items: each theme a link narrowing the list to it (the chosen one
    marked as current), with its number of observations."""
    parts = []
    for t in themes:
        name = escape(str(t["name"]))
        if chosen and chosen["value"] == t["value"]:
            label = f'<strong aria-current="true">{name}</strong>'
        else:
            label = f'<a href="?{escape(t["query"])}">{name}</a>'
        parts.append(f"\n    <li>{label} ({t['count']})</li>\n    ")
    return mark_safe("".join(parts))  # noqa: S308 -- every value above is escaped
