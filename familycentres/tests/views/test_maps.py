"""Pages of the service catalogue and the two maps: who may and who may not, forms that keep input,
exports, the public network map, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import ImportRun
from familycentres.models import ClientGroup, Membership, Service, ServiceChannel, ServiceGroup
from familycentres.tests.factories import (
    GroupFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def finnish():
    # A request to /sv/ leaves Swedish active in the thread; reverse() must give /fi/ addresses here.
    from django.utils import translation

    with translation.override("fi"):
        yield


@pytest.fixture
def coordinator():
    return MembershipFactory(role=Membership.Role.COORDINATOR).user


@pytest.fixture
def member():
    return MembershipFactory(role=Membership.Role.MEMBER).user


@pytest.fixture
def client_rep():
    return MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user


@pytest.fixture
def municipality():
    return MunicipalityFactory(name_fi="Nokia", name_sv="Nokia")


@pytest.fixture
def service(municipality):
    return ServiceFactory(name_fi="Lastenneuvola", name_sv="Barnrådgivning", areas=[municipality])


# --- who may see the catalogue and the service map -------------------------------------------------

PAGES = ["familycentres:service_list", "familycentres:service_map"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_limited_account_may_not_see_the_catalogue(client, client_rep, name):
    client.force_login(client_rep)
    assert client.get(reverse(name)).status_code == 403


def test_member_sees_services_without_edit_links(client, member, service):
    client.force_login(member)
    response = client.get(reverse("familycentres:service_list"))
    assert response.status_code == 200
    assert "Lastenneuvola" in response.text
    assert reverse("familycentres:service_create") not in response.text


def test_coordinator_sees_edit_links(client, coordinator, service):
    client.force_login(coordinator)
    response = client.get(reverse("familycentres:service_list"))
    assert reverse("familycentres:service_create") in response.text


def test_service_list_swedish_names(client, member, service):
    client.force_login(member)
    response = client.get("/sv/network/services/")
    assert "Barnrådgivning" in response.text


def test_service_list_odd_filters_do_not_fail(client, member, service):
    client.force_login(member)
    response = client.get(
        reverse("familycentres:service_list"),
        {"area": "abc", "organisation": "9999", "q": "<b>x" * 80, "sort": "nope", "page": "zz"},
    )
    assert response.status_code == 200


def test_service_list_query_count(client, member, municipality, django_assert_max_num_queries):
    client.force_login(member)
    ServiceFactory(areas=[municipality])
    with django_assert_max_num_queries(16):
        client.get(reverse("familycentres:service_list"))
    for _ in range(20):
        ServiceFactory(areas=[municipality])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("familycentres:service_list"))
    assert "21" in response.text


def test_inactive_service_hidden_from_member(client, member):
    hidden = ServiceFactory(is_active=False)
    client.force_login(member)
    assert client.get(reverse("familycentres:service_detail", args=[hidden.pk])).status_code == 404


def test_service_detail_shows_channels(client, member, service):
    ServiceChannelFactory(service=service, phone="03 565 000")
    client.force_login(member)
    response = client.get(service.get_absolute_url())
    assert "03 565 000" in response.text
    assert "Nokia" in response.text
    assert reverse("familycentres:service_edit", args=[service.pk]) not in response.text


def test_unknown_service_is_404(client, member):
    client.force_login(member)
    assert client.get(reverse("familycentres:service_detail", args=[99999])).status_code == 404


# --- coordinators' editing ---------------------------------------------------------------------------


def _form(municipality, org, **overrides):
    data = {
        "name_fi": "Perheneuvola",
        "name_sv": "",
        "name_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "organisation": org.pk,
        "areas": [municipality.pk],
        "service_group": ServiceGroup.PSYCHOSOCIAL,
        "client_groups": [ClientGroup.AGE_7_12],
        "languages": ["fi"],
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_service(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(
        reverse("familycentres:service_create"), _form(municipality, OrganisationFactory())
    )
    service = Service.objects.get()
    assert response.status_code == 302 and response["Location"] == service.get_absolute_url()
    assert service.client_groups == ["7_12"]


def test_failed_add_keeps_input(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(
        reverse("familycentres:service_create"),
        _form(municipality, OrganisationFactory(), client_groups=[], name_fi="Säilyvä nimi <b>"),
    )
    assert response.status_code == 400
    assert "Säilyvä nimi &lt;b&gt;" in response.text
    assert not Service.objects.exists()


def test_member_may_not_add_or_edit(client, member, service, municipality):
    client.force_login(member)
    assert client.get(reverse("familycentres:service_create")).status_code == 403
    assert (
        client.post(
            reverse("familycentres:service_create"), _form(municipality, service.organisation)
        ).status_code
        == 403
    )
    assert client.get(reverse("familycentres:service_edit", args=[service.pk])).status_code == 403


def test_coordinator_edits_a_service(client, coordinator, service, municipality):
    client.force_login(coordinator)
    url = reverse("familycentres:service_edit", args=[service.pk])
    assert "Lastenneuvola" in client.get(url).text
    response = client.post(url, _form(municipality, service.organisation, name_fi="Neuvola"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name_fi == "Neuvola"


def test_conflict_is_shown_and_resolved(client, coordinator, service):
    service.conflicts = {"name_fi": {"local": "Lastenneuvola", "ptv": "Neuvola Keskusta"}}
    service.save()
    client.force_login(coordinator)
    page = client.get(service.get_absolute_url())
    assert "Neuvola Keskusta" in page.text and "Lastenneuvola" in page.text
    response = client.post(
        reverse("familycentres:service_conflict_resolve", args=[service.pk]),
        {"field": "name_fi", "keep": "ptv"},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name_fi == "Neuvola Keskusta" and service.conflicts == {}
    # A second resolution of the same field is refused with a message, nothing changes.
    again = client.post(
        reverse("familycentres:service_conflict_resolve", args=[service.pk]),
        {"field": "name_fi", "keep": "local"},
        follow=True,
    )
    assert "already been resolved" in again.text or "jo ratkaistu" in again.text


def test_member_may_not_resolve(client, member, service):
    service.conflicts = {"name_fi": {"local": "a", "ptv": "b"}}
    service.save()
    client.force_login(member)
    response = client.post(
        reverse("familycentres:service_conflict_resolve", args=[service.pk]),
        {"field": "name_fi", "keep": "ptv"},
    )
    assert response.status_code == 403


def test_channel_add_keeps_input_on_error(client, coordinator, service):
    client.force_login(coordinator)
    url = reverse("familycentres:channel_add", args=[service.pk])
    response = client.post(url, {"kind": "place", "name": "Neuvolan talo"})
    assert response.status_code == 400
    assert "Neuvolan talo" in response.text
    response = client.post(url, {"kind": "place", "name": "Neuvolan talo", "address": "Keskustie 1"})
    assert response.status_code == 302
    channel = ServiceChannel.objects.get()
    remove = reverse("familycentres:channel_remove", args=[service.pk, channel.pk])
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not ServiceChannel.objects.exists()


def test_member_may_not_add_channels(client, member, service):
    client.force_login(member)
    response = client.post(
        reverse("familycentres:channel_add", args=[service.pk]), {"kind": "phone", "phone": "1"}
    )
    assert response.status_code == 403


# --- imports ----------------------------------------------------------------------------------------


def test_import_page_for_coordinators_only(client, member, coordinator):
    client.force_login(member)
    assert client.get(reverse("familycentres:service_import")).status_code == 403
    client.force_login(coordinator)
    ImportRun.objects.create(
        source="ptv", kind="services", status="failed", error="Sivu puuttuu", finished_at="2026-01-01T00:00Z"
    )
    response = client.get(reverse("familycentres:service_import"))
    assert "Sivu puuttuu" in response.text


def test_import_now_runs_an_import(
    client, coordinator, settings, tmp_path, django_capture_on_commit_callbacks
):
    from familycentres.tests.ptv_server import DATA, PtvServer

    MunicipalityFactory(code="837")
    with PtvServer(DATA) as server:
        settings.PTV_API_URL = server.base_url
        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("familycentres:service_import"))
    assert response.status_code == 302
    run = ImportRun.objects.get(source="ptv")
    assert run.status == "succeeded" and run.triggered_by == coordinator
    assert Service.objects.filter(source="ptv").count() == 3


# --- the service map --------------------------------------------------------------------------------


def test_service_map_marks_gaps_and_counts_cells_that_open_on_demand(client, member, service):
    client.force_login(member)
    response = client.get(reverse("familycentres:service_map"), {"area": service.areas.get().pk})
    assert response.status_code == 200
    assert 'class="mark mark--gap"' in response.text
    assert '<th scope="row">' in response.text
    # The matrix carries the count and the providers; the services are listed when the cell is opened,
    # by htmx in place or, without JavaScript, on the cell's own page with the same filters.
    assert "Lastenneuvola" not in response.text
    assert service.organisation.name in response.text
    url = reverse("familycentres:service_map_cell", args=[service.service_group, service.client_groups[0]])
    assert f'href="{url}?area={service.areas.get().pk}"' in response.text
    assert f'hx-get="{url}?area={service.areas.get().pk}" hx-target="#service-map-cell"' in response.text
    assert 'id="service-map-cell"' in response.text


def test_service_map_cell_page_lists_the_services_of_the_cell(client, member, service, municipality):
    other = ServiceFactory(name_fi="Perhetyö", service_group=ServiceGroup.PSYCHOSOCIAL, areas=[municipality])
    hidden = ServiceFactory(name_fi="Lakkautettu neuvola", is_active=False, areas=[municipality])
    client.force_login(member)
    url = reverse("familycentres:service_map_cell", args=[service.service_group, service.client_groups[0]])
    response = client.get(url, {"area": municipality.pk})
    assert response.status_code == 200
    assert "<h1" in response.text and "Nokia" in response.text
    assert f'href="{service.get_absolute_url()}">Lastenneuvola</a>' in response.text
    assert other.name_fi not in response.text and hidden.name_fi not in response.text
    assert f'href="{reverse("familycentres:service_map")}?area={municipality.pk}"' in response.text
    # Opened by htmx, only the cell's part comes, with a heading under the map's.
    part = client.get(url, {"area": municipality.pk}, headers={"HX-Request": "true"})
    assert "<html" not in part.text and "<h2" in part.text and "Lastenneuvola" in part.text


def test_service_map_cell_page_in_swedish(client, member, service, municipality):
    client.force_login(member)
    url = reverse("familycentres:service_map_cell", args=[service.service_group, service.client_groups[0]])
    response = client.get(url.replace("/fi/", "/sv/", 1), {"area": municipality.pk})
    assert response.status_code == 200 and "Barnrådgivning" in response.text


def test_service_map_cell_page_denied(client, client_rep, service):
    url = reverse("familycentres:service_map_cell", args=[service.service_group, service.client_groups[0]])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(client_rep)
    assert client.get(url).status_code == 403


def test_service_map_cell_unknown_cell_and_odd_filters(client, member):
    client.force_login(member)
    assert client.get(reverse("familycentres:service_map_cell", args=["nope", "0_6"])).status_code == 404
    assert client.get(reverse("familycentres:service_map_cell", args=["promotion", "x"])).status_code == 404
    url = reverse("familycentres:service_map_cell", args=["promotion", "0_6"])
    response = client.get(url, {"area": "x", "language": "<b>", "page": "999"})
    assert response.status_code == 200


def test_service_map_cell_page_pages_with_fixed_queries(
    client, member, municipality, django_assert_max_num_queries
):
    client.force_login(member)
    url = reverse("familycentres:service_map_cell", args=["promotion", "0_6"])
    ServiceFactory(areas=[municipality])
    with django_assert_max_num_queries(16):
        client.get(url, {"area": municipality.pk})
    for n in range(60):
        ServiceFactory(name_fi=f"Neuvola {n:02}", areas=[municipality])
    with django_assert_max_num_queries(16):
        response = client.get(url, {"area": municipality.pk})
    assert response.text.count("Neuvola ") == 50 and 'rel="next"' in response.text
    second = client.get(url, {"area": municipality.pk, "page": 2})
    assert "Neuvola 59" in second.text and 'rel="prev"' in second.text


def test_service_map_csv(client, member, service):
    client.force_login(member)
    response = client.get(reverse("familycentres:service_map"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "Lastenneuvola" in body and "aukko" in body


def test_service_map_pdf(client, member, service):
    client.force_login(member)
    response = client.get(reverse("familycentres:service_map"), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_service_map_query_count(client, member, municipality, django_assert_max_num_queries):
    client.force_login(member)
    ServiceFactory(areas=[municipality])
    with django_assert_max_num_queries(18):
        client.get(reverse("familycentres:service_map"), {"area": municipality.pk})
    for _ in range(25):
        ServiceFactory(areas=[municipality], client_groups=["0_6", "family"])
    with django_assert_max_num_queries(18):
        response = client.get(reverse("familycentres:service_map"), {"area": municipality.pk})
    assert response.status_code == 200


# --- the network map --------------------------------------------------------------------------------


def test_public_network_map_shows_groups_and_organisations_not_people(client):
    membership = MembershipFactory(
        group=GroupFactory(name="Ohjausryhmä"), organisation=OrganisationFactory(name="Kela")
    )
    response = client.get(reverse("familycentres:network_map"))
    assert response.status_code == 200
    assert "Ohjausryhmä" in response.text and "Kela" in response.text
    assert membership.user.full_name not in response.text
    assert 'type="application/json"' in response.text
    assert "<script>" not in response.text  # no inline script (CSP)
    # The graph's data is served once, by the JSON endpoint the page's script reads (same filters).
    assert 'data-src="/api/v1/network-map/"' in response.text
    assert '"nodes"' not in response.text


def test_network_map_page_hands_its_filters_to_the_graph(client):
    group = GroupFactory(name="Ohjausryhmä")
    response = client.get(reverse("familycentres:network_map"), {"kind": group.kind})
    assert f'data-src="/api/v1/network-map/?kind={group.kind}"' in response.text


def test_signed_in_network_map_lists_people_and_roles(client, member):
    client.force_login(member)
    response = client.get(reverse("familycentres:network_map"))
    assert member.full_name in response.text


def test_network_map_odd_filters(client):
    response = client.get(
        reverse("familycentres:network_map"), {"area": "x", "kind": "nope", "role": "<script>"}
    )
    assert response.status_code == 200


def test_network_map_query_count(client, member, django_assert_max_num_queries):
    client.force_login(member)
    for _ in range(15):
        MembershipFactory(organisation=OrganisationFactory())
    with django_assert_max_num_queries(16):
        client.get(reverse("familycentres:network_map"))


# --- the families' service finder ------------------------------------------------------------------


def test_service_finder_addresses_per_language(client):
    from django.utils import translation

    for lang, path in (("fi", "/fi/palvelut/"), ("sv", "/sv/tjanster/"), ("en", "/en/services/")):
        with translation.override(lang):
            assert reverse("service_finder") == path
        assert client.get(path).status_code == 200


def test_service_finder_finds_swedish_maternity_clinic_without_account(client, municipality):
    clinic = ServiceFactory(
        name_fi="Äitiysneuvola",
        name_sv="Mödrarådgivning",
        service_group=ServiceGroup.PROMOTION,
        client_groups=[ClientGroup.EXPECTING],
        languages=["fi", "sv"],
        areas=[municipality],
    )
    ServiceChannelFactory(
        service=clinic, kind="place", address="Keskustie 1", phone="", opening_hours="må–fre 8–16"
    )
    ServiceFactory(
        name_fi="Vain suomeksi", client_groups=[ClientGroup.EXPECTING], languages=["fi"], areas=[municipality]
    )
    ServiceFactory(
        name_fi="Ei käytössä", is_active=False, client_groups=[ClientGroup.EXPECTING], areas=[municipality]
    )
    response = client.get(
        "/sv/tjanster/",
        {"municipality": municipality.pk, "age": "expecting", "need": "health", "language": "sv"},
    )
    assert response.status_code == 200
    assert "Mödrarådgivning" in response.text and "Keskustie 1" in response.text
    assert "Vain suomeksi" not in response.text and "Ei käytössä" not in response.text
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies and "__Host-sessionid" not in response.cookies


def test_service_finder_odd_input(client):
    response = client.get("/fi/palvelut/", {"municipality": "abc", "age": "99", "need": "<b>", "page": "x"})
    assert response.status_code == 200
    assert "palvelua löytyi" not in response.text


def test_service_finder_query_count(client, municipality, django_assert_max_num_queries):
    for _ in range(15):
        ServiceChannelFactory(service=ServiceFactory(areas=[municipality]))
    with django_assert_max_num_queries(8):
        response = client.get("/fi/palvelut/", {"municipality": municipality.pk})
    assert response.content.count(b"<h3>") == 15
