"""The service map matrix: gaps, partial gaps, overlaps, filters, and a fixed number of queries."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from familycentres.models import Area, ClientGroup, Organisation, ServiceGroup
from familycentres.selectors import (
    network_map,
    scope_area_ids,
    service_list,
    service_map,
    service_map_cell,
)
from familycentres.tests.factories import (
    AreaFactory,
    FamilyCentreFactory,
    GroupFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    county = AreaFactory(name_fi="Pirkanmaa")
    region = AreaFactory(kind=Area.Kind.REGION, parent=county, name_fi="Eteläinen")
    tampere = MunicipalityFactory(parent=region, name_fi="Tampere")
    nokia = MunicipalityFactory(parent=region, name_fi="Nokia")
    ylojarvi = MunicipalityFactory(parent=region, name_fi="Ylöjärvi")
    return county, region, tampere, nokia, ylojarvi


def cell(matrix, group, client):
    row = next(r for r in matrix.rows if r.code == group)
    return row.cells[[code for code, _label in matrix.columns].index(client)]


def test_gaps_partial_gaps_and_overlaps(region):
    county, _region, tampere, nokia, ylojarvi = region
    user = UserFactory()
    for n in range(3):
        ServiceFactory(
            name_fi=f"Neuvola {n}",
            organisation=OrganisationFactory(name=f"Tarjoaja {n}"),
            service_group=ServiceGroup.PROMOTION,
            client_groups=[ClientGroup.AGE_0_6],
            areas=[tampere],
        )
    ServiceFactory(
        service_group=ServiceGroup.PSYCHOSOCIAL, client_groups=[ClientGroup.AGE_13_17], areas=[tampere]
    )
    matrix = service_map(user=user, area=county)
    assert matrix.municipalities == ["Nokia", "Tampere", "Ylöjärvi"]
    clinics = cell(matrix, ServiceGroup.PROMOTION, ClientGroup.AGE_0_6)
    assert clinics.count == 3 and clinics.is_overlap
    assert clinics.overlap_in == [("Tampere", 3)]
    assert clinics.missing_in == ["Nokia", "Ylöjärvi"]
    youth = cell(matrix, ServiceGroup.PSYCHOSOCIAL, ClientGroup.AGE_13_17)
    assert youth.is_partial_gap and not youth.is_overlap and youth.missing_in == ["Nokia", "Ylöjärvi"]
    assert cell(matrix, ServiceGroup.SPECIAL, ClientGroup.AGE_13_17).is_gap
    assert matrix.gap_count == len(ServiceGroup.values) * len(ClientGroup.values) - 2
    # Scoped to Tampere only, the psychosocial cell is fully covered.
    tampere_map = service_map(user=user, area=tampere)
    assert not cell(tampere_map, ServiceGroup.PSYCHOSOCIAL, ClientGroup.AGE_13_17).missing_in


def test_filters_by_language_organisation_and_centre(region):
    county, _region, tampere, nokia, _y = region
    swedish = ServiceFactory(languages=["fi", "sv"], areas=[tampere])
    ServiceFactory(languages=["fi"], areas=[nokia])
    user = UserFactory()
    by_language = service_map(user=user, area=county, language="sv")
    assert by_language.service_count == 1
    by_org = service_map(user=user, organisation=swedish.organisation)
    assert by_org.service_count == 1
    centre = FamilyCentreFactory(municipalities=[nokia])
    assert service_map(user=user, centre=centre).municipalities == ["Nokia"]


def test_inactive_services_do_not_count(region):
    county = region[0]
    ServiceFactory(is_active=False, areas=[region[2]])
    assert service_map(user=UserFactory(), area=county).service_count == 0


def test_cells_list_a_limited_number_of_services(region):
    tampere = region[2]
    for _ in range(4):
        ServiceFactory(areas=[tampere])
    matrix = service_map(user=UserFactory(), area=tampere, cell_limit=2)
    clinic = cell(matrix, ServiceGroup.PROMOTION, ClientGroup.AGE_0_6)
    assert clinic.count == 4 and len(clinic.services) == 2 and clinic.more == 2


def test_cells_list_their_first_services_in_name_order(region):
    tampere = region[2]
    for name in ["Öljymäki", "Aamukerho", "Kerho", "Bussikerho"]:
        ServiceFactory(name_fi=name, areas=[tampere])
    matrix = service_map(user=UserFactory(), area=tampere, cell_limit=3)
    listed = cell(matrix, ServiceGroup.PROMOTION, ClientGroup.AGE_0_6).services
    assert [s.name for s in listed] == ["Aamukerho", "Bussikerho", "Kerho"]
    # Without listed services (the page's matrix) the counts and marks stay.
    bare = service_map(user=UserFactory(), area=tampere, cell_limit=0)
    clinic = cell(bare, ServiceGroup.PROMOTION, ClientGroup.AGE_0_6)
    assert clinic.count == 4 and clinic.services == [] and clinic.providers
    assert not any(c.services for row in bare.rows for c in row.cells)


def test_an_opened_cell_equals_its_cell_in_the_matrix(region):
    county, _region, tampere, nokia, _ylojarvi = region
    hervanta = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=tampere, name_fi="Hervanta")
    user = UserFactory()
    for n, place in enumerate([tampere, tampere, hervanta, nokia]):
        ServiceFactory(
            name_fi=f"Neuvola {4 - n}",
            organisation=OrganisationFactory(name=f"Tarjoaja {n}"),
            areas=[place],
        )
    ServiceFactory(name_fi="Lakkautettu", is_active=False, areas=[tampere])
    ServiceFactory(name_fi="Nuoret", client_groups=[ClientGroup.AGE_13_17], areas=[tampere])
    in_matrix = cell(service_map(user=user, area=county), ServiceGroup.PROMOTION, ClientGroup.AGE_0_6)
    opened = service_map_cell(
        user=user, service_group=ServiceGroup.PROMOTION, client_group=ClientGroup.AGE_0_6, area=county
    )
    assert opened.cell.count == in_matrix.count == 4
    assert opened.cell.providers == in_matrix.providers
    assert opened.cell.overlap_in == in_matrix.overlap_in == [("Tampere", 3)]
    assert opened.cell.missing_in == in_matrix.missing_in == ["Ylöjärvi"]
    assert [s.name_fi for s in opened.services] == [f"Neuvola {n}" for n in range(1, 5)]
    assert opened.municipalities == ["Nokia", "Tampere", "Ylöjärvi"]
    # The map's filters hold: one provider, and a cell with no services is a gap.
    one = service_map_cell(
        user=user,
        service_group=ServiceGroup.PROMOTION,
        client_group=ClientGroup.AGE_0_6,
        area=county,
        organisation=Organisation.objects.get(name="Tarjoaja 3"),
    )
    assert one.cell.count == 1 and one.cell.missing_in == ["Tampere", "Ylöjärvi"]
    gap = service_map_cell(
        user=user, service_group=ServiceGroup.SPECIAL, client_group=ClientGroup.AGE_0_6, area=county
    )
    assert gap.cell.is_gap and gap.cell.missing_in == [] and list(gap.services) == []


def test_an_opened_cell_counts_active_services_only_as_the_map_does(region):
    tampere = region[2]
    ServiceFactory(name_fi="Lakkautettu", is_active=False, areas=[tampere])
    coordinator = MembershipFactory(role="coordinator").user
    for user in (UserFactory(), coordinator):
        opened = service_map_cell(
            user=user, service_group=ServiceGroup.PROMOTION, client_group=ClientGroup.AGE_0_6, area=tampere
        )
        # The map counts active services only, for everyone.
        assert opened.cell.count == 0 and list(opened.services) == []


def test_an_opened_cell_has_a_fixed_number_of_queries(region, django_assert_max_num_queries):
    county, *_rest = region
    user = UserFactory()
    for n in range(30):
        ServiceFactory(areas=[region[2 + n % 3]])
    with django_assert_max_num_queries(6):
        opened = service_map_cell(
            user=user, service_group=ServiceGroup.PROMOTION, client_group=ClientGroup.AGE_0_6, area=county
        )
        assert len([s.organisation.name for s in opened.services]) == 30


def test_local_area_services_count_for_their_municipality(region):
    tampere = region[2]
    hervanta = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=tampere, name_fi="Hervanta")
    ServiceFactory(areas=[hervanta])
    assert hervanta.pk in scope_area_ids(area=tampere)
    matrix = service_map(user=UserFactory(), area=tampere)
    assert cell(matrix, ServiceGroup.PROMOTION, ClientGroup.AGE_0_6).missing_in == []


def test_service_map_queries_do_not_grow(region, django_assert_max_num_queries):
    county, *_rest = region
    user = UserFactory()
    ServiceFactory(areas=[region[2]])
    with django_assert_max_num_queries(8):
        service_map(user=user, area=county)
    for n in range(30):
        ServiceFactory(areas=[region[2 + n % 3]], client_groups=[ClientGroup.FAMILY, ClientGroup.PARENTS])
    with django_assert_max_num_queries(8):
        service_map(user=user, area=county)
    # Read again with nothing written in between: the counting statements' rows come from the cache.
    with django_assert_max_num_queries(4):
        service_map(user=user, area=county)


def test_service_list_filters(region):
    county, _region, tampere, nokia, _y = region
    a = ServiceFactory(name_fi="Perheneuvola", client_groups=["7_12"], languages=["sv"], areas=[tampere])
    ServiceFactory(name_fi="Neuvola", areas=[nokia])
    user = UserFactory()
    assert list(service_list(user=user, area=tampere)) == [a]
    assert list(service_list(user=user, client_group="7_12")) == [a]
    assert list(service_list(user=user, language="sv")) == [a]
    assert list(service_list(user=user, query="perhe")) == [a]
    assert service_list(user=user, area=county).count() == 2


def test_network_map_people_only_for_signed_in(region):
    from django.contrib.auth.models import AnonymousUser

    group = GroupFactory(name="Ohjausryhmä")
    org = OrganisationFactory(name="Seurakunta")
    membership = MembershipFactory(group=group, organisation=org, role="chair")
    public = network_map(user=AnonymousUser())
    types = {node["type"] for node in public.nodes}
    assert types == {"group", "organisation"}
    assert {edge["type"] for edge in public.edges} == {"sits_in"}
    signed_in = network_map(user=UserFactory())
    person = next(node for node in signed_in.nodes if node["type"] == "person")
    assert person["label"] == membership.user.full_name
    assert any(edge["type"] == "member" and edge["role"] == "chair" for edge in signed_in.edges)


def test_network_map_limited_account_sees_people_of_own_groups_only():
    own = GroupFactory()
    other = GroupFactory()
    rep = MembershipFactory(group=own, role="client_representative").user
    colleague = MembershipFactory(group=own).user
    stranger = MembershipFactory(group=other).user
    labels = {node["label"] for node in network_map(user=rep).nodes if node["type"] == "person"}
    assert colleague.full_name in labels and rep.full_name in labels
    assert stranger.full_name not in labels


def test_network_map_filters(region):
    parent = GroupFactory(name="Maakunnallinen", kind="county_steering", family_centre=None)
    child = GroupFactory(name="Paikallinen", parent=parent)
    ngo = OrganisationFactory(name="Järjestö ry")
    MembershipFactory(group=child, organisation=ngo, role="member")
    MembershipFactory(group=parent, role="chair")
    data = network_map(user=UserFactory())
    assert {
        "id": f"r{child.pk}",
        "source": f"g{child.pk}",
        "target": f"g{parent.pk}",
        "type": "reports_to",
    } in data.edges
    by_org = network_map(user=UserFactory(), organisation=ngo)
    assert [n["label"] for n in by_org.nodes if n["type"] == "group"] == ["Paikallinen"]
    by_kind = network_map(user=UserFactory(), group_kind="county_steering")
    assert [n["label"] for n in by_kind.nodes if n["type"] == "group"] == ["Maakunnallinen"]
    by_role = network_map(user=UserFactory(), role="chair")
    assert [n["label"] for n in by_role.nodes if n["type"] == "group"] == ["Maakunnallinen"]


def test_network_map_queries_do_not_grow(django_assert_max_num_queries):
    user = UserFactory()
    MembershipFactory()
    with django_assert_max_num_queries(8):
        network_map(user=user)
    for _ in range(20):
        MembershipFactory(organisation=OrganisationFactory())
    with django_assert_max_num_queries(8):
        network_map(user=user)


def test_network_map_links_each_group_to_its_page():
    groups = [GroupFactory() for _ in range(3)]
    result = network_map(user=UserFactory())
    urls = {node["id"]: node["url"] for node in result.nodes if node["type"] == "group"}
    assert urls == {f"g{g.pk}": g.get_absolute_url() for g in groups}
