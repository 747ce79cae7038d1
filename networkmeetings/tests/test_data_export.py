"""A professional's data export names the network-meeting processes they hold a role in by the process's
label and role only, their plan steps and their LP qualification; the family's record stays out."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from accounts.selectors import personal_data_export
from accounts.tests.factories import UserFactory
from networkmeetings.tests.factories import NetworkProcessFactory, PlanStepFactory

pytestmark = pytest.mark.django_db


def test_export_names_roles_and_steps_but_not_the_familys_record():
    worker = UserFactory()
    process = NetworkProcessFactory(
        label="Perhe A 2026", convener=worker, core_issue="Perheen oma kuvaus huolesta."
    )
    PlanStepFactory(meeting__process=process, owner=worker, what="Soita kouluterveydenhoitajalle")
    NetworkProcessFactory(label="Toisen perhe")

    with translation.override("en"):
        records = personal_data_export(worker)["network_meetings"]
    assert sorted((r["what"], r["about"], r["text"]) for r in records) == [
        ("Network meeting process", "Perhe A 2026", "convener, responsible worker"),
        ("Plan step", "Perhe A 2026", "Soita kouluterveydenhoitajalle"),
    ]
    dumped = json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False)
    assert "Perheen oma kuvaus" not in dumped and "Toisen perhe" not in dumped
