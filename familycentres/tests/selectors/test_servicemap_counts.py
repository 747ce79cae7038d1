"""The whole network's service map from the counts the database keeps equals the live count, after
every kind of write: services typed or edited here, their areas, client groups and provider, withdrawal,
deletion, the catalogue import, bulk writes and changes of the area tree."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.tests.factories import UserFactory
from familycentres.models import (
    Area,
    ClientGroup,
    Service,
    ServiceGroup,
    ServiceMapCount,
    ServiceMapEntry,
    ServiceMapPlace,
    ServiceMapPlaceProviders,
)
from familycentres.selectors import service_map
from familycentres.services import servicemap as services
from familycentres.tests.factories import (
    AreaFactory,
    GroupFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def kept_rows() -> dict[str, set]:
    return {
        "entries": {
            (
                e.service_id,
                e.service_group,
                e.organisation_id,
                tuple(e.client_groups),
                tuple(e.municipalities),
            )
            for e in ServiceMapEntry.objects.all()
        },
        "counts": set(
            ServiceMapCount.objects.values_list(
                "service_group", "client_group", "organisation_id", "services"
            )
        ),
        "places": set(
            ServiceMapPlace.objects.values_list(
                "service_group", "client_group", "municipality_id", "organisation_id", "services"
            )
        ),
        "providers": set(
            ServiceMapPlaceProviders.objects.values_list(
                "service_group", "client_group", "municipality_id", "providers"
            )
        ),
    }


def assert_kept_right(*users, organisations=()) -> None:
    """The kept tables equal a count from scratch, and the map read from them equals the live map for
    every viewer, language, provider filter and cell length asked."""
    kept = kept_rows()
    with connection.cursor() as cursor:
        cursor.execute("SELECT familycentres_servicemap_rebuild()")
    assert kept_rows() == kept
    for user in users or (UserFactory(),):
        for lang in ("fi", "sv"):
            with translation.override(lang):
                for organisation in (None, *organisations):
                    for limit in (0, 2, 50):
                        args = {"user": user, "organisation": organisation, "cell_limit": limit}
                        assert service_map(**args) == service_map(**args, kept_counts=False)


@pytest.fixture
def tree():
    county = AreaFactory(name_fi="Pirkanmaa")
    region = AreaFactory(kind=Area.Kind.REGION, parent=county, name_fi="Eteläinen")
    towns = [MunicipalityFactory(parent=region, name_fi=name) for name in ("Tampere", "Nokia", "Orivesi")]
    other = MunicipalityFactory(name_fi="Joensuu", name_sv="Joensuu")
    local = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=towns[0], name_fi="Hervanta")
    inner = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=local, name_fi="Hervantajärvi")
    return {
        "county": county,
        "region": region,
        "towns": towns,
        "other": other,
        "local": local,
        "inner": inner,
    }


@pytest.fixture
def coordinator():
    return MembershipFactory(group=GroupFactory(), role="coordinator").user


def varied(tree):
    """Services of several providers, groups and client groups over municipalities and local areas, one
    withdrawn, one linked only to a county (outside every map) and one with no areas."""
    tampere, nokia, orivesi = tree["towns"]
    providers = [OrganisationFactory(name=f"Tarjoaja {n}") for n in range(4)]
    made = []
    for n, provider in enumerate(providers):
        made.append(
            ServiceFactory(
                name_fi=f"Neuvola {n}",
                name_sv=f"Rådgivning {n}" if n % 2 else "",
                organisation=provider,
                client_groups=[ClientGroup.AGE_0_6, ClientGroup.PARENTS],
                areas=[tampere, nokia] if n < 3 else [tree["local"]],
            )
        )
    made.append(
        ServiceFactory(
            organisation=providers[0],
            service_group=ServiceGroup.PSYCHOSOCIAL,
            client_groups=[ClientGroup.AGE_13_17],
            areas=[tree["inner"], tree["other"]],
        )
    )
    made.append(ServiceFactory(organisation=providers[1], areas=[orivesi], is_active=False))
    made.append(ServiceFactory(organisation=providers[2], areas=[tree["county"]]))
    made.append(ServiceFactory(organisation=providers[3]))
    for n in range(6):
        made.append(
            ServiceFactory(
                name_fi=f"Kerho {n:02d}",
                organisation=providers[n % 3],
                service_group=ServiceGroup.MEETING_PLACES,
                client_groups=[ClientGroup.FAMILY],
                areas=[tree["towns"][n % 3]],
            )
        )
    return providers, made


def test_kept_map_equals_the_live_map(tree, coordinator):
    providers, _made = varied(tree)
    assert ServiceMapEntry.objects.count() == 11
    with CaptureQueriesContext(connection) as queries:
        matrix = service_map(user=UserFactory())
    assert matrix.service_count == 11
    # read from the kept counts: no statement goes through the services' area links
    assert not [q for q in queries.captured_queries if Service.areas.through._meta.db_table in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        service_map(user=UserFactory(), language="fi")
    assert [q for q in queries.captured_queries if Service.areas.through._meta.db_table in q["sql"]]
    assert_kept_right(UserFactory(), coordinator, organisations=providers[:2])


def test_typed_and_edited_services_keep_the_counts(tree, coordinator):
    providers, _made = varied(tree)
    tampere, nokia, orivesi = tree["towns"]
    fields = {
        "texts": {"name_fi": "Perhetyö"},
        "organisation": providers[0],
        "areas": [tampere],
        "service_group": ServiceGroup.PSYCHOSOCIAL,
        "client_groups": [ClientGroup.FAMILY],
        "languages": ["fi"],
    }
    service = services.service_create(actor=coordinator, **fields)
    assert_kept_right(coordinator)
    # areas, client groups, provider and group, one at a time
    for change in (
        {"areas": [nokia, orivesi, tree["local"]]},
        {"client_groups": [ClientGroup.FAMILY, ClientGroup.EXPECTING]},
        {"organisation": providers[3]},
        {"service_group": ServiceGroup.SPECIAL},
        {"areas": [tree["inner"]]},
    ):
        fields |= change
        services.service_update(actor=coordinator, service=service, **fields)
        assert_kept_right(coordinator, organisations=providers)
    services.service_update(actor=coordinator, service=service, **fields, is_active=False)
    assert not ServiceMapEntry.objects.filter(service_id=service.pk).exists()
    assert_kept_right(coordinator)
    services.service_update(actor=coordinator, service=service, **fields, is_active=True)
    assert_kept_right(coordinator)


def test_deleting_services_and_links_keeps_the_counts(tree):
    providers, made = varied(tree)
    made[0].delete()
    assert_kept_right(organisations=providers)
    made[1].areas.remove(tree["towns"][0])
    assert_kept_right(organisations=providers)
    made[2].areas.clear()
    assert_kept_right(organisations=providers)
    Service.objects.filter(service_group=ServiceGroup.MEETING_PLACES).delete()
    assert_kept_right(organisations=providers)
    assert ServiceMapPlace.objects.filter(service_group=ServiceGroup.MEETING_PLACES).count() == 0


def test_bulk_writes_keep_the_counts(tree):
    providers, _made = varied(tree)
    tampere, nokia, orivesi = tree["towns"]
    bulk = Service.objects.bulk_create(
        [
            Service(
                name_fi=f"Chat {n}",
                organisation=providers[n % 4],
                service_group=ServiceGroup.E_SERVICES,
                client_groups=[ClientGroup.AGE_13_17, ClientGroup.AGE_18_29],
            )
            for n in range(5)
        ]
    )
    through = Service.areas.through
    through.objects.bulk_create(
        [through(service_id=s.pk, area_id=a.pk) for s in bulk for a in (tampere, nokia, orivesi)]
    )
    assert_kept_right(organisations=providers)
    Service.objects.filter(pk__in=[s.pk for s in bulk[:2]]).update(is_active=False)
    assert_kept_right(organisations=providers)
    Service.objects.filter(pk__in=[s.pk for s in bulk]).update(organisation=providers[0])
    assert_kept_right(organisations=providers)
    Service.objects.filter(organisation=providers[0]).update(client_groups=[ClientGroup.FAMILY])
    assert_kept_right(organisations=providers)
    through.objects.filter(area=nokia).update(area=tree["other"].pk)
    assert_kept_right(organisations=providers)


def test_changes_of_the_area_tree_keep_the_counts(tree):
    providers, _made = varied(tree)
    local = tree["local"]
    local.parent = tree["towns"][1]
    local.save()
    assert_kept_right(organisations=providers)
    # The inner local area's parent stops being a local area: it now counts for its municipality.
    Area.objects.filter(pk=local.pk).update(kind=Area.Kind.MUNICIPALITY)
    assert_kept_right(organisations=providers)
