"""The phenomenon page's rows written in Python write exactly what the template loops wrote, in fi, sv
and en, with and without the remove buttons."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import engines
from django.utils import translation

from observations.tests.factories import list_row_variety
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db

# templates/phenomena/detail.html's loops before the tags.
OLD_ROWS = """{% load i18n %}<ol class="obs-list">
    {% for o in page.object_list %}
    <li class="obs">
      <div class="obs__head">
        <h3><a href="{{ o.get_absolute_url }}">{{ o.title }}</a></h3>
        {% if o.kind %}<span class="badge">{{ o.get_kind_display|capfirst }}</span>{% endif %}
        {% if can_change %}
        <form method="post" action="{% url 'phenomena:observations' phenomenon.pk %}" class="inline-form">
          {% csrf_token %}
          <button type="submit" name="remove" value="{{ o.pk }}" class="link-button">{% translate "Remove" %}<span class="visually-hidden"> {% blocktranslate with id=o.pk %}observation {{ id }} from the phenomenon{% endblocktranslate %}</span></button>
        </form>
        {% endif %}
      </div>
      {% if not o.title_is_whole_text %}<p class="obs__text">{{ o.shown_text|truncatechars:300 }}</p>{% endif %}
      <p class="obs__meta">
        <span>{{ o.get_environment_display|capfirst }}</span>
        <span>{{ o.get_age_group_display }}</span>
        {% if o.area %}<span>{{ o.area.name }}</span>{% endif %}
        <span>{{ o.family_centre.name }}</span>
        <span>{% translate "observed" %} {{ o.observed_on|date:"SHORT_DATE_FORMAT" }}</span>
      </p>
    </li>
    {% endfor %}
  </ol>"""
NEW_ROWS = """{% load phenomena_tags %}<ol class="obs-list">
    {% phenomenon_observation_rows page.object_list %}
  </ol>"""
OLD_COUNTS = """<tbody>
        {% for row in table.rows %}<tr><th scope="row">{% if row.is_month %}{{ row.label|date:"F Y"|capfirst }}{% else %}{{ row.label|capfirst }}{% endif %}</th><td class="num">{{ row.count }}</td></tr>{% endfor %}
      </tbody>"""
NEW_COUNTS = """{% load phenomena_tags %}<tbody>
        {% count_table_rows table.rows %}
      </tbody>"""


def _render(source: str, context: dict) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture
def page():
    rows = list_row_variety()

    class Page:
        object_list = rows

    return {"page": Page(), "phenomenon": PhenomenonFactory(family_centre=rows[0].family_centre)}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("can_change", [True, False])
def test_phenomenon_rows_write_what_the_template_loop_wrote(page, language, can_change):
    context = {**page, "can_change": can_change, "csrf_token": "t0k3n<&>"}
    with translation.override(language):
        old_html = _render(OLD_ROWS, context)
        new_html = _render(NEW_ROWS, context)
    assert new_html == old_html
    assert new_html.count('name="remove"') == (5 if can_change else 0)
    assert new_html.count("csrfmiddlewaretoken") == (5 if can_change else 0)
    assert "<b>" not in new_html and "&lt;b&gt;" in new_html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_count_rows_write_what_the_template_loop_wrote(language):
    table = {
        "rows": [
            {"label": "koulu", "count": 7},
            {"label": "<i>alue</i>", "count": 3},
            {"label": "–", "count": 1},
            {"label": date(2025, 1, 1), "count": 2, "is_month": True},
            {"label": date(2026, 12, 1), "count": 4, "is_month": True},
        ]
    }
    with translation.override(language):
        old = _render(OLD_COUNTS, {"table": table})
        new = _render(NEW_COUNTS, {"table": table})
    assert new == old
    assert new.count("<tr>") == 5 and "&lt;i&gt;" in new
