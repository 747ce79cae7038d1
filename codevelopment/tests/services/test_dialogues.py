from __future__ import annotations

import datetime

import pytest

from codevelopment import services
from codevelopment.tests.factories import decided
from core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def test_service_refuses_personal_data_and_unknown_method(process):
    with pytest.raises(DomainError) as error:
        services.dialogue_add(
            actor=process.chair,
            process=process,
            method="eratauko",
            held_on=datetime.date(2026, 1, 1),
            question="Q",
            participants="vanhemmat",
            heard="soita 0401234567",
        )
    assert error.value.code == "heard_personal_data"
    with pytest.raises(DomainError):
        services.dialogue_add(
            actor=process.chair,
            process=process,
            method="nope",
            held_on=datetime.date(2026, 1, 1),
            question="Q",
            participants="vanhemmat",
            heard="h",
        )
