"""A person's data export lists what they wrote in developer groups, named by the group, and nothing of
others."""

from __future__ import annotations

import pytest
from django.utils import translation

from accounts.selectors import personal_data_export
from accounts.tests.factories import UserFactory
from codevelopment.models import RootCause, WorkLogEntry
from codevelopment.tests.factories import ConsultationCommentFactory, DevelopmentProcessFactory

pytestmark = pytest.mark.django_db


def test_export_lists_log_entries_root_causes_and_comments_on_drafts():
    person = UserFactory()
    process = DevelopmentProcessFactory()
    WorkLogEntry.objects.create(process=process, text="Tapasimme koulun kanssa.", created_by=person)
    WorkLogEntry.objects.create(process=process, text="Toisen merkintä.", created_by=process.chair)
    RootCause.objects.create(process=process, text="Iltapäivätoiminta loppuu kello 16.", created_by=person)
    comment = ConsultationCommentFactory(author=person, text="Hyvä, mutta aikataulu on tiukka.")

    with translation.override("en"):
        records = personal_data_export(person)["codevelopment"]
    assert sorted((r["what"], r["text"]) for r in records) == [
        ("Comment on a draft", "Hyvä, mutta aikataulu on tiukka."),
        ("Log entry", "Tapasimme koulun kanssa."),
        ("Root cause", "Iltapäivätoiminta loppuu kello 16."),
    ]
    groups = {r["what"]: r["about"] for r in records}
    assert groups["Log entry"] == process.group.name
    assert groups["Comment on a draft"] == comment.consultation.process.group.name
