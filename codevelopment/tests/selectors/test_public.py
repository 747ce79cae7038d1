from __future__ import annotations

import pytest

from codevelopment.selectors.public import centre_area_ids
from familycentres.models import Area
from familycentres.tests.factories import AreaFactory, FamilyCentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    county = AreaFactory(kind=Area.Kind.WELLBEING_COUNTY, parent=None)
    region = AreaFactory(kind=Area.Kind.REGION, parent=county)
    other_region = AreaFactory(kind=Area.Kind.REGION, parent=county)
    municipality = AreaFactory(kind=Area.Kind.MUNICIPALITY, parent=region)
    centre = FamilyCentreFactory(slug="kuopio", wellbeing_county=county, municipalities=[municipality])
    return {
        "county": county,
        "region": region,
        "other_region": other_region,
        "municipality": municipality,
        "centre": centre,
    }


def test_area_ids_cover_the_centre_and_everything_above(tree):
    ids = centre_area_ids(tree["centre"])
    assert ids == {tree["county"].pk, tree["region"].pk, tree["municipality"].pk}
