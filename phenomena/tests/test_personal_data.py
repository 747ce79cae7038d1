"""The reasons of a decision go to the public decision register: personal data there is refused."""

from __future__ import annotations

import pytest

from core import finnish
from core.errors import DomainError
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services
from phenomena.models import Decision
from phenomena.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _decide(reasons: str):
    group = GroupFactory()
    chair = MembershipFactory(group=group, role=Membership.Role.CHAIR).user
    initiative = InitiativeFactory(group=group)
    return services.decision_record(actor=chair, initiative=initiative, kind="reject", reasons=reasons)


@pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko")
def test_reasons_with_a_name_are_refused():
    with pytest.raises(DomainError) as caught:
        _decide("Virtasen perheen tilanne on vaikea, joten toimitaan paikallisesti.")
    assert caught.value.code == "personal_data"
    assert not Decision.objects.exists()


def test_reasons_with_a_phone_number_are_refused():
    with pytest.raises(DomainError):
        _decide("Lisätietoja numerosta 040 123 4567.")
    assert not Decision.objects.exists()


def test_reasons_without_personal_data_are_recorded():
    decision = _decide(
        "Tampereella perheiden jonot ovat pitkiä; perhekeskus järjestää lisää iltavastaanottoja."
    )
    assert decision.reasons.startswith("Tampereella")
