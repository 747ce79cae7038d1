"""A person's data export and "My data" page list what they wrote in phenomena, and nothing of others."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.selectors import personal_data_export
from accounts.tests.factories import UserFactory
from phenomena.models import PhenomenonComment
from phenomena.tests.factories import InitiativeFactory, PhenomenonFactory

pytestmark = pytest.mark.django_db


def test_export_lists_phenomena_analyses_initiatives_and_comments_of_the_person_only(client):
    person = UserFactory()
    other = UserFactory()
    mine = PhenomenonFactory(created_by=person, title="Iltapäivät yksin", description="Lapset ovat yksin.")
    analysed = PhenomenonFactory(
        created_by=other, title="Uni", analyser_user=person, analysis_understanding="Ruutuaika myöhään."
    )
    InitiativeFactory(phenomenon=mine, created_by=person, rationale="Koko alueen asia.")
    PhenomenonComment.objects.create(phenomenon=analysed, created_by=person, text="Koulu näkee saman.")
    PhenomenonComment.objects.create(phenomenon=analysed, created_by=other, text="Toisen kommentti.")

    with translation.override("en"):
        records = personal_data_export(person)["phenomena"]
    by_what = {(r["what"], r["about"]): r["text"] for r in records}
    assert by_what == {
        ("Phenomenon", "Iltapäivät yksin"): "Lapset ovat yksin.",
        ("Analysis", "Uni"): "Ruutuaika myöhään.",
        ("Initiative", "Iltapäivät yksin"): "Koko alueen asia.",
        ("Comment", "Uni"): "Koulu näkee saman.",
    }
    assert [r["at"] for r in records] == sorted((r["at"] for r in records), reverse=True)

    client.force_login(person)
    with translation.override("fi"):
        body = client.get(reverse("my_data")).content.decode()
        heading = translation.gettext("Phenomena, analyses and answers")
    assert heading in body and "Koulu näkee saman." in body and "Toisen kommentti." not in body


def test_a_person_with_nothing_in_phenomena_gets_an_empty_list(client):
    person = UserFactory()
    assert personal_data_export(person)["phenomena"] == []
    client.force_login(person)
    with translation.override("fi"):
        response = client.get(reverse("my_data"))
    assert response.status_code == 200
