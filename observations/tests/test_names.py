"""Names in families' and professionals' texts are held for review like other personal data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core import finnish
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations import services
from observations.models import Observation
from observations.tests.factories import centre_with_municipality

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko"),
]


@pytest.fixture
def place():
    centre, municipality = centre_with_municipality()
    collector = MembershipFactory(
        group=GroupFactory(family_centre=centre), role=Membership.Role.COLLECTOR
    ).user
    return centre, municipality, collector


def _public(municipality, text):
    return services.observation_submit_public(
        text=text, environment="school", age_group="7-12", area=municipality
    )


def test_a_childs_name_on_the_open_form_is_held_and_marked_for_the_collector(client, place):
    centre, municipality, collector = place
    observation = _public(municipality, "Poikani Eetun luokalla kiusataan")
    assert observation.held and observation.held_reasons == ["name"]
    client.force_login(collector)
    body = client.get(reverse("observations:redact", args=[observation.pk])).content.decode()
    assert '<mark class="pii-mark"' in body and '">Eetun<span class="visually-hidden">' in body
    assert "Poikani […] luokalla kiusataan</textarea>" in body


def test_a_place_name_passes(place):
    _centre, municipality, _collector = place
    observation = _public(municipality, "Tampereella on pitkät jonot")
    assert not observation.held and observation.held_reasons == []


def test_a_held_name_is_hidden_from_the_team_until_redacted(place):
    centre, municipality, collector = place
    member = MembershipFactory(group=GroupFactory(family_centre=centre), role=Membership.Role.MEMBER).user
    observation = _public(municipality, "Virtasen perheen lapset jäävät yksin.")
    assert observation not in Observation.objects.visible_to(member)
    services.observation_redact(
        actor=collector, observation=observation, text="[…] perheen lapset jäävät yksin."
    )
    observation.refresh_from_db()
    assert observation in Observation.objects.visible_to(member)
    assert "virtanen" not in observation.lemmas.split()


def test_a_redaction_that_keeps_the_name_is_refused(place):
    from core.errors import DomainError

    _centre, municipality, collector = place
    observation = _public(municipality, "Mikolle ei ole tarjottu apua.")
    with pytest.raises(DomainError):
        services.observation_redact(actor=collector, observation=observation, text="Mikolle ei apua.")


def test_the_observation_form_warns_as_the_professional_types(client, place):
    _centre, _municipality, collector = place
    client.force_login(collector)
    body = client.get(reverse("observations:create")).content.decode()
    assert 'hx-post="' + reverse("personal_data_check") + '"' in body
    assert 'hx-include="#id_text"' in body
