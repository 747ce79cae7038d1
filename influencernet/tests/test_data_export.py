"""A person's data export lists the members they represent and the statements they wrote."""

from __future__ import annotations

import pytest
from django.utils import translation

from accounts.selectors import personal_data_export
from accounts.tests.factories import UserFactory
from influencernet.models import Statement
from influencernet.tests.factories import open_matter, represent, world

pytestmark = pytest.mark.django_db


def test_export_lists_representation_and_statements_written():
    w = world(members=2)
    person = UserFactory()
    member = w.members[0]
    represent(member, person)
    matter = open_matter(w, title="Perhekeskuksen aukioloajat")
    Statement.objects.update_or_create(
        matter=matter, member=member, defaults={"text": "Iltaisin auki.", "updated_by": person}
    )

    with translation.override("en"):
        records = personal_data_export(person)["influencer_network"]
    assert sorted((r["what"], r["about"], r["text"]) for r in records) == [
        ("Representative", member.name, ""),
        ("Statement", "Perhekeskuksen aukioloajat", "Iltaisin auki."),
    ]
    other = UserFactory()
    assert personal_data_export(other)["influencer_network"] == []
