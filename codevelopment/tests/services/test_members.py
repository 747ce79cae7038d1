from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.tests.factories import decided
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def _open(scope="local"):
    decision, chair = decided(scope=scope)
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


@pytest.fixture
def process():
    return _open()


def test_service_refuses_unknown_background(process):
    with pytest.raises(DomainError):
        services.member_add(
            actor=process.chair, process=process, user=UserFactory(), role="member", background="x"
        )
