"""The service map's counting statements are cached under a version that every write to the services,
their area links, the area tree and the organisations changes: a map read again comes from the cache
(no counting statement), and after any of those writes it is counted afresh and shows the write."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from familycentres.models import Area, ClientGroup, Organisation, Service, ServiceGroup
from familycentres.selectors import service_map
from familycentres.tests.factories import (
    AreaFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    county = AreaFactory(name_fi="Pirkanmaa")
    region = AreaFactory(kind=Area.Kind.REGION, parent=county, name_fi="Eteläinen")
    for name in ("Tampere", "Nokia"):
        MunicipalityFactory(parent=region, name_fi=name)
    AreaFactory(kind=Area.Kind.REGION, parent=AreaFactory(name_fi="Pohjois-Karjala"), name_fi="Muu")
    return county


def town(name: str) -> Area:
    return Area.objects.get(name_fi=name)


def clinic(matrix):
    row = next(r for r in matrix.rows if r.code == ServiceGroup.PROMOTION)
    return row.cells[[code for code, _label in matrix.columns].index(ClientGroup.AGE_0_6)]


def counting_statements(**kwargs) -> tuple[object, int]:
    """The map, and how many of its statements counted services (read the services table)."""
    with CaptureQueriesContext(connection) as ctx:
        matrix = service_map(**kwargs)
    return matrix, sum("familycentres_service" in q["sql"] and "WITH s AS" in q["sql"] for q in ctx)


def version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM core_cacheversion WHERE name = 'service_map'")
        return cursor.fetchone()[0]


def test_a_map_read_again_comes_from_the_cache(county):
    ServiceFactory(areas=[town("Tampere")], organisation=OrganisationFactory(name="Kunta"))
    user = UserFactory()
    first, counted = counting_statements(user=user, area=county, cell_limit=8)
    assert counted == 3
    again, counted = counting_statements(user=user, area=county, cell_limit=8)
    assert counted == 0
    assert again == first
    # Other filters or another cell length are other statements, counted on their own.
    _other, counted = counting_statements(user=user, area=town("Nokia"), cell_limit=8)
    assert counted == 3


@pytest.mark.parametrize(
    "write",
    [
        "service_added",
        "service_renamed",
        "service_withdrawn",
        "service_deleted",
        "link_added",
        "link_removed",
        "provider_renamed",
        "area_moved",
        "bulk_update",
    ],
)
def test_every_write_that_changes_the_map_is_seen_at_once(county, write):
    provider = OrganisationFactory(name="Kunta")
    service = ServiceFactory(name_fi="Neuvola", areas=[town("Tampere")], organisation=provider)
    user = UserFactory()
    before = service_map(user=user, area=county, cell_limit=8)
    assert service_map(user=user, area=county, cell_limit=8) == before
    seen = version()
    if write == "service_added":
        ServiceFactory(name_fi="Perhekeskus", areas=[town("Nokia")], organisation=provider)
    elif write == "service_renamed":
        Service.objects.filter(pk=service.pk).update(name_fi="Lastenneuvola")
    elif write == "service_withdrawn":
        service.is_active = False
        service.save()
    elif write == "service_deleted":
        service.delete()
    elif write == "link_added":
        service.areas.add(town("Nokia"))
    elif write == "link_removed":
        service.areas.remove(town("Tampere"))
    elif write == "provider_renamed":
        Organisation.objects.filter(pk=provider.pk).update(name="Kaupunki")
    elif write == "area_moved":
        Area.objects.filter(name_fi="Nokia").update(parent=Area.objects.get(name_fi="Muu"))
    elif write == "bulk_update":
        Service.objects.all().update(service_group=ServiceGroup.SPECIAL)
    assert version() != seen
    after, counted = counting_statements(user=user, area=county, cell_limit=8)
    assert counted == 3
    assert after != before
    expected = {
        "service_added": lambda c: c.count == 2 and not c.missing_in,
        "service_renamed": lambda c: [s.name for s in c.services] == ["Lastenneuvola"],
        "service_withdrawn": lambda c: c.count == 0,
        "service_deleted": lambda c: c.count == 0,
        "link_added": lambda c: c.missing_in == [],
        "link_removed": lambda c: c.count == 0,
        "provider_renamed": lambda c: c.providers == ["Kaupunki"],
        "area_moved": lambda c: c.missing_in == [],
        "bulk_update": lambda c: c.count == 0,
    }
    assert expected[write](clinic(after))


def test_a_rolled_back_write_never_gives_its_version_to_another_state(county):
    provider = OrganisationFactory(name="Kunta")
    user = UserFactory()
    start = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        ServiceFactory(areas=[town("Tampere")], organisation=provider)
        rolled_back = version()
        # Read inside the write's transaction: cached under its version.
        assert clinic(service_map(user=user, area=county)).count == 1
        raise RuntimeError
    assert version() == start
    ServiceFactory(areas=[town("Nokia")], organisation=provider, service_group=ServiceGroup.SPECIAL)
    assert version() not in {start, rolled_back}
    assert clinic(service_map(user=user, area=county)).count == 0
