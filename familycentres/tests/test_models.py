from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from familycentres.models import FamilyCentre, centre_slug
from familycentres.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


def test_centre_slug_makes_an_address_the_urls_accept():
    assert centre_slug("Perhekeskus Vantaa – Kerava") == "perhekeskus-vantaa-kerava"
    assert centre_slug("Familjecentralen Österbotten") == "familjecentralen-osterbotten"
    assert len(centre_slug("Perhekeskus " + "pitkä nimi " * 20)) <= 60


def test_a_centre_without_slug_gets_one_from_its_name_and_opens():
    county = AreaFactory()
    centre = FamilyCentre.objects.create(name_fi="Perhekeskus Vantaa – Kerava", wellbeing_county=county)
    assert centre.slug == "perhekeskus-vantaa-kerava"
    assert reverse("familycentres:centre_detail", args=[centre.slug]).endswith("/perhekeskus-vantaa-kerava/")


@pytest.mark.parametrize(
    "slug", ["perhekeskus-vantaa–kerava", "ääni", "a b", "a/b"], ids=["dash", "umlaut", "space", "slash"]
)
def test_database_refuses_a_slug_the_urls_would_not_accept(slug):
    county = AreaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FamilyCentre.objects.create(name_fi="Perhekeskus", slug=slug, wellbeing_county=county)
