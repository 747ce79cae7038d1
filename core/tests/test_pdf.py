"""Every PDF of the platform is tagged PDF/UA-1 in the language of the page."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from core.pdf import render_pdf
from core.tests.pdfcheck import pdf_accessibility

_TEMPLATE = """{% load i18n %}{% get_current_language as LANG %}<!doctype html>
<html lang="{{ LANG }}"><head><meta charset="utf-8"><title>{{ title }}</title></head><body>
<h1>{{ title }}</h1><h2>1 §</h2><ul><li>first</li><li>second</li></ul>
<table><thead><tr><th scope="col">Name</th><th scope="col">Role</th></tr></thead>
<tbody><tr><td>Sanna</td><td>Secretary</td></tr></tbody></table></body></html>"""

_LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"doc.html": _TEMPLATE})]},
    }
]


@override_settings(TEMPLATES=_LOCMEM)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pdf_is_tagged_with_structure_and_language(language):
    with translation.override(language):
        content = render_pdf("doc.html", {"title": "Esityslista"})
    info = pdf_accessibility(content)
    assert info.tagged and info.marked and info.has_struct_tree_root
    assert info.lang == language
    # Headings, lists and tables are real structure, not a flat run of text.
    assert {"H1", "H2", "L", "LI", "Table", "TH", "TD"} <= info.elements
