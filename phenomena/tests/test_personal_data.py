"""The public decision register: reasons with personal data are refused, and reasons are found by base form."""

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


@pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko")
def test_public_register_finds_reasons_by_base_form_and_compound_part(client):
    from django.urls import reverse
    from django.utils import translation

    _decide("Lapsiperheiden jonot neuvolaan ovat pitkiä, joten asia hylätään tässä ryhmässä.")
    with translation.override("en"):
        register = reverse("phenomena:register")
    for query in ["neuvola", "lapsi", "perhe", "jono"]:
        assert "Lapsiperheiden jonot" in client.get(register, {"q": query}).content.decode(), query
    assert "Lapsiperheiden jonot" not in client.get(register, {"q": "koulu"}).content.decode()
