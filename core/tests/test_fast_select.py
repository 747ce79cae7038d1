from __future__ import annotations

import pytest
from django import forms

from core.forms import FastSelect, FastSelectMultiple

CHOICES = [
    ("", "Valitse kunta"),
    ("1", "Ähtäri"),
    ("2", 'Pedersöre <script>alert("x")</script> & co'),
    ("Ryhmä", [("3", "Kangasala"), ("4", "Orivesi")]),
]


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {"id": "id_municipality", "required": True}),
        ("2", {"id": "id_municipality", "aria-describedby": "id_municipality_helptext"}),
        ("4", {"id": "x", "disabled": True, "class": "wide"}),
    ],
    ids=["empty-required", "selected-described", "grouped-disabled"],
)
def test_fast_select_writes_the_same_html_as_djangos_select(value, attrs):
    expected = forms.Select(choices=CHOICES).render("municipality", value, attrs=attrs)
    written = FastSelect(choices=CHOICES).render("municipality", value, attrs=attrs)
    assert _normalised(written) == _normalised(expected)
    assert "<script>" not in written and "&lt;script&gt;" in written


def _normalised(html: str) -> str:
    from django.test.html import parse_html

    return str(parse_html(html))


def test_fast_select_marks_the_chosen_option_only():
    html = FastSelect(choices=CHOICES).render("m", "3")
    assert html.count("selected") == 1
    assert '<option value="3" selected>Kangasala</option>' in html


@pytest.mark.parametrize("value", [None, ["1"], ["1", "3"]], ids=["none", "one", "two"])
def test_fast_select_multiple_writes_the_same_html_as_djangos(value):
    attrs = {"id": "id_users", "required": True}
    expected = forms.SelectMultiple(choices=CHOICES).render("users", value, attrs=attrs)
    written = FastSelectMultiple(choices=CHOICES).render("users", value, attrs=attrs)
    assert _normalised(written) == _normalised(expected)
    assert "multiple" in written


def test_fast_select_multiple_reads_every_chosen_value():
    from django.http import QueryDict

    data = QueryDict("users=1&users=3")
    assert FastSelectMultiple().value_from_datadict(data, {}, "users") == ["1", "3"]
