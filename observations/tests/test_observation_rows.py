"""The team view's rows written in Python write exactly what the template loops wrote, in fi, sv and en."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation
from django.utils.text import Truncator

from observations.templatetags.observation_rows import truncate
from observations.tests.factories import list_row_variety

pytestmark = pytest.mark.django_db

# The team view's loops as the template wrote them before the tags (templates/observations/team_view.html).
OLD_ROWS = """{% load i18n %}<ul class="obs-list">
    {% for o in observations %}
    <li class="obs">
      <div class="obs__head">
        <h3><a href="{{ o.get_absolute_url }}">{{ o.title }}</a></h3>
        {% if o.kind %}<span class="badge">{{ o.get_kind_display|capfirst }}</span>{% endif %}
        {% if o.from_family %}<span class="badge">{% translate "from a family" %}</span>{% endif %}
      </div>
      {% if not o.title_is_whole_text %}<p class="obs__text">{{ o.shown_text|truncatechars:600 }}</p>{% endif %}
      <p class="obs__meta">
        <span>{{ o.get_environment_display|capfirst }}</span>
        <span>{{ o.get_age_group_display }}</span>
        {% if o.area %}<span>{{ o.area.name }}</span>{% endif %}
        <span>{% translate "observed" %} {{ o.observed_on|date:"SHORT_DATE_FORMAT" }}</span>
      </p>
      {% with names=o.themes.all %}{% if names %}<p class="obs__meta">{% translate "Themes:" %} {% for t in names %}{{ t.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}{% endwith %}
    </li>
    {% endfor %}
  </ul>"""
NEW_ROWS = """{% load observation_rows %}<ul class="obs-list">
    {% team_observation_rows observations %}
  </ul>"""
OLD_THEMES = """<ul class="theme-summary">
    {% for t in themes %}
    <li>{% if theme and theme.value == t.value %}<strong aria-current="true">{{ t.name }}</strong>{% else %}<a href="?{{ t.query }}">{{ t.name }}</a>{% endif %} ({{ t.count }})</li>
    {% endfor %}
  </ul>"""
NEW_THEMES = """{% load observation_rows %}<ul class="theme-summary">
    {% theme_summary_items themes theme %}
  </ul>"""


def _render(source: str, context: dict) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture
def observations():
    return list_row_variety()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_team_rows_write_what_the_template_loop_wrote(observations, language):
    with translation.override(language):
        old = _render(OLD_ROWS, {"observations": observations})
        new = _render(NEW_ROWS, {"observations": observations})
    assert new == old
    assert "&lt;script&gt;" in new and "<script>" not in new
    assert new.count('<li class="obs">') == 5


@pytest.mark.parametrize("chosen", [None, "uni & lepo", "-"])
def test_theme_summary_writes_what_the_template_loop_wrote(chosen):
    themes = [
        {
            "name": "uni & lepo",
            "value": "uni & lepo",
            "count": 3,
            "query": "since=2026-01-01&theme=uni+%26+lepo",
        },
        {"name": "<b>", "value": "<b>", "count": 2, "query": "theme=%3Cb%3E"},
        {"name": "Ei teemaa", "value": "-", "count": 1, "query": "theme=-"},
    ]
    theme = next((t for t in themes if t["value"] == chosen), None)
    old = _render(OLD_THEMES, {"themes": themes, "theme": theme})
    new = _render(NEW_THEMES, {"themes": themes, "theme": theme})
    assert new == old
    assert new.count("aria-current") == (1 if chosen else 0)


@pytest.mark.parametrize(
    "text", ["", "lyhyt", "x" * 600, "x" * 601, "e\u0301" * 400, "a\u0301" * 700, "sana " * 200]
)
def test_truncate_is_truncatechars(text):
    assert truncate(text, 600) == Truncator(text).chars(600)
