"""The agenda PDF (like every PDF, made by core.pdf) carry a structure tree and the page's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from core.tests.pdfcheck import pdf_accessibility
from phenomena import services
from phenomena.tests.test_steering import net  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_agenda_pdf_is_tagged_in_page_language(client, net, language):  # noqa: F811
    services.initiative_put_on_agenda(actor=net.member, initiative=net.initiative, meeting=net.meeting)
    client.force_login(net.member)
    with translation.override(language):
        path = reverse("phenomena:agenda_pdf", args=[net.meeting.pk])
    response = client.get(path)
    assert response.status_code == 200
    info = pdf_accessibility(response.content)
    assert info.tagged and info.marked and info.has_struct_tree_root
    assert info.lang == language
    assert {"H1", "Table", "TH", "TD"} <= info.elements
