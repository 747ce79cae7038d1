"""Imports from the national service catalogue against a local server that answers in the catalogue's
recorded shape: all or nothing, bad rows skipped with a reason, local edits never overwritten."""

from __future__ import annotations

import json
import shutil

import pytest

from core.models import ImportRun
from familycentres.models import ClientGroup, Organisation, Service, ServiceGroup
from familycentres.services import ptv, servicemap
from familycentres.tasks import service_catalogue_import_task
from familycentres.tests.factories import GroupFactory, MembershipFactory, MunicipalityFactory
from familycentres.tests.ptv_server import DATA, PtvServer

pytestmark = pytest.mark.django_db

A = "0f1e2d3c-0000-4000-8000-000000000001"
B = "0f1e2d3c-0000-4000-8000-000000000002"
F = "0f1e2d3c-0000-4000-8000-000000000006"
G = "0f1e2d3c-0000-4000-8000-000000000007"


@pytest.fixture
def municipalities():
    tampere = MunicipalityFactory(code="837", name_fi="Tampere", name_sv="Tammerfors")
    kangasala = MunicipalityFactory(code="211", name_fi="Kangasala", parent=tampere.parent)
    return tampere, kangasala


@pytest.fixture
def files(tmp_path):
    directory = tmp_path / "ptv"
    shutil.copytree(DATA, directory)
    return directory


@pytest.fixture
def server(files, settings, municipalities):
    with PtvServer(files) as running:
        settings.PTV_API_URL = running.base_url
        settings.PTV_MUNICIPALITIES = []
        yield running


@pytest.fixture
def coordinator():
    return MembershipFactory(group=GroupFactory(), role="coordinator").user


def edit(files, name, change):
    path = files / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False))


def item(data, item_id):
    return next(entry for entry in data["itemList"] if entry["id"] == item_id)


def test_import_creates_family_services_and_skips_the_rest(server, municipalities):
    tampere, kangasala = municipalities
    run = ptv.service_catalogue_import()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.source == "ptv" and run.triggered_by is None
    assert run.rows_read == 7 and run.rows_created == 4 and run.rows_updated == 0
    reasons = {row["reason"] for row in run.detail["skipped"]}
    assert reasons == {"tuntematon palveluluokka P3.99", "ei suomenkielistä nimeä"}
    assert run.detail["not_family_services"] == 1
    assert run.detail["pages"] == 3
    clinic = Service.objects.get(ptv_id=A)
    assert (clinic.name_fi, clinic.name_sv) == ("Äitiysneuvola", "Mödrarådgivning")
    assert clinic.description_fi == "Raskauden seuranta."
    assert clinic.service_group == ServiceGroup.PROMOTION
    assert set(clinic.client_groups) == {ClientGroup.EXPECTING, ClientGroup.AGE_0_6, ClientGroup.FAMILY}
    assert clinic.languages == ["fi", "sv"]
    # Listed by both municipalities: it covers both.
    assert set(clinic.areas.all()) == {tampere, kangasala}
    youth = Service.objects.get(ptv_id=B)
    assert youth.service_group == ServiceGroup.PSYCHOSOCIAL
    assert youth.client_groups == [ClientGroup.AGE_13_17, ClientGroup.AGE_18_29]
    assert youth.organisation.kind == Organisation.Kind.WELLBEING_COUNTY
    guidance = Service.objects.get(ptv_id=F)
    assert set(guidance.areas.all()) == {tampere, kangasala}  # its own area list names Kangasala
    assert guidance.organisation.kind == Organisation.Kind.NGO
    assert Service.objects.get(ptv_id=G).service_group == ServiceGroup.EDUCATION
    assert server.requests == [
        "/api/v11/Service/list/area/Municipality/code/211?page=1",
        "/api/v11/Service/list/area/Municipality/code/837?page=1",
        "/api/v11/Service/list/area/Municipality/code/837?page=2",
    ]


def test_second_import_adds_no_duplicates(server):
    ptv.service_catalogue_import()
    second = ptv.service_catalogue_import()
    assert second.status == ImportRun.Status.SUCCEEDED
    assert (second.rows_created, second.rows_updated) == (0, 0)
    assert Service.objects.count() == 4


def test_a_page_that_fails_half_way_fails_the_whole_run(server, files):
    (files / "837_2.status").write_text("500")
    organisations = Organisation.objects.count()
    run = ptv.service_catalogue_import()
    assert run.status == ImportRun.Status.FAILED
    assert "837" in run.error and "page=2" in run.error
    assert Service.objects.count() == 0
    assert Organisation.objects.count() == organisations


def test_a_page_in_the_wrong_shape_fails_the_run(server, files):
    (files / "211_1.json").write_text(json.dumps({"unexpected": True}))
    run = ptv.service_catalogue_import()
    assert run.status == ImportRun.Status.FAILED
    assert "211" in run.error
    assert Service.objects.count() == 0


def test_a_service_class_without_code_fails_the_run_and_writes_nothing(server, files):
    edit(files, "837_2.json", lambda data: data["itemList"][2]["serviceClasses"].append({"uri": "x"}))
    run = ptv.service_catalogue_import()
    assert run.status == ImportRun.Status.FAILED
    assert "ilman koodia" in run.error
    assert Service.objects.count() == 0


def test_failed_second_import_keeps_the_first(server, files):
    ptv.service_catalogue_import()
    edit(files, "837_1.json", lambda data: item(data, A)["serviceNames"][0].update(value="Uusi nimi"))
    (files / "837_2.status").write_text("503")
    run = ptv.service_catalogue_import()
    assert run.status == ImportRun.Status.FAILED
    assert Service.objects.get(ptv_id=A).name_fi == "Äitiysneuvola"


def test_upstream_change_updates_a_field_not_edited_here(server, files):
    ptv.service_catalogue_import()
    edit(files, "837_1.json", lambda data: item(data, A)["serviceNames"][0].update(value="Neuvola"))
    edit(files, "211_1.json", lambda data: item(data, A)["serviceNames"][0].update(value="Neuvola"))
    run = ptv.service_catalogue_import()
    assert run.rows_updated == 1
    service = Service.objects.get(ptv_id=A)
    assert service.name_fi == "Neuvola" and service.conflicts == {}


def _edit_name(service, coordinator, name):
    servicemap.service_update(
        actor=coordinator,
        service=service,
        texts={"name_fi": name, "name_sv": service.name_sv},
        organisation=service.organisation,
        areas=list(service.areas.all()),
        service_group=service.service_group,
        client_groups=service.client_groups,
        languages=service.languages,
    )


def test_local_edit_is_kept_when_the_catalogue_did_not_change(server, coordinator):
    ptv.service_catalogue_import()
    _edit_name(Service.objects.get(ptv_id=A), coordinator, "Neuvola (Hervanta)")
    run = ptv.service_catalogue_import()
    service = Service.objects.get(ptv_id=A)
    assert service.name_fi == "Neuvola (Hervanta)"
    assert service.conflicts == {} and run.detail["conflicts"] == 0


def test_both_sides_changed_keeps_both_versions_until_a_coordinator_chooses(server, files, coordinator):
    ptv.service_catalogue_import()
    _edit_name(Service.objects.get(ptv_id=A), coordinator, "Neuvola (Hervanta)")
    for name in ("837_1.json", "211_1.json"):
        edit(files, name, lambda data: item(data, A)["serviceNames"][0].update(value="Äitiysneuvola Tampere"))
    run = ptv.service_catalogue_import()
    assert run.detail["conflicts"] == 1
    service = Service.objects.get(ptv_id=A)
    assert service.name_fi == "Neuvola (Hervanta)"  # never overwritten silently
    assert service.conflicts == {"name_fi": {"local": "Neuvola (Hervanta)", "ptv": "Äitiysneuvola Tampere"}}
    assert ptv.conflicting_services().get() == service

    servicemap.service_conflict_resolve(actor=coordinator, service=service, field="name_fi", keep="ptv")
    service.refresh_from_db()
    assert service.name_fi == "Äitiysneuvola Tampere" and service.conflicts == {}
    # Now it follows the catalogue again.
    for name in ("837_1.json", "211_1.json"):
        edit(files, name, lambda data: item(data, A)["serviceNames"][0].update(value="Neuvola"))
    ptv.service_catalogue_import()
    service.refresh_from_db()
    assert service.name_fi == "Neuvola" and service.conflicts == {}


def test_keeping_the_local_version_stays_local_in_later_imports(server, files, coordinator):
    ptv.service_catalogue_import()
    _edit_name(Service.objects.get(ptv_id=A), coordinator, "Oma nimi")
    for name in ("837_1.json", "211_1.json"):
        edit(files, name, lambda data: item(data, A)["serviceNames"][0].update(value="Ylävirran nimi"))
    ptv.service_catalogue_import()
    service = Service.objects.get(ptv_id=A)
    servicemap.service_conflict_resolve(actor=coordinator, service=service, field="name_fi", keep="local")
    ptv.service_catalogue_import()
    service.refresh_from_db()
    assert service.name_fi == "Oma nimi" and service.conflicts == {}


def test_service_gone_from_the_catalogue_is_withdrawn_and_comes_back(server, files):
    ptv.service_catalogue_import()
    original = (files / "211_1.json").read_text()
    edit(files, "211_1.json", lambda data: data.update(itemList=[item(data, A)]))
    run = ptv.service_catalogue_import()
    assert run.detail["withdrawn"] == 1
    assert not Service.objects.get(ptv_id=G).is_active
    (files / "211_1.json").write_text(original)
    ptv.service_catalogue_import()
    assert Service.objects.get(ptv_id=G).is_active


def test_only_http_addresses_are_read(settings, municipalities):
    settings.PTV_API_URL = "file:///etc"
    run = ptv.service_catalogue_import()
    assert run.status == ImportRun.Status.FAILED
    assert "https://" in run.error


def test_scheduled_task_records_a_run(server):
    run_id = service_catalogue_import_task.delay().get()
    run = ImportRun.objects.get(pk=run_id)
    assert run.status == ImportRun.Status.SUCCEEDED and run.triggered_by is None


def test_configured_municipalities_limit_the_import(server, settings):
    settings.PTV_MUNICIPALITIES = ["211"]
    run = ptv.service_catalogue_import()
    assert run.detail["municipalities"] == ["211"]
    assert Service.objects.count() == 2


def test_beat_schedule_runs_the_import():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["service-catalogue-import"]
    assert entry["task"] == "familycentres.tasks.service_catalogue_import_task"


def test_import_keeps_the_service_map_counts(server, files, municipalities):
    from familycentres.tests.selectors.test_servicemap_counts import assert_kept_right

    ptv.service_catalogue_import()
    assert Service.objects.filter(source=Service.Source.PTV).exists()
    assert_kept_right()
    # Gone from the catalogue: withdrawn by the next import.
    original = (files / "211_1.json").read_text()
    edit(files, "211_1.json", lambda data: data.update(itemList=[item(data, A)]))
    assert ptv.service_catalogue_import().detail["withdrawn"] == 1
    assert_kept_right()
    # Back in the catalogue.
    (files / "211_1.json").write_text(original)
    ptv.service_catalogue_import()
    assert_kept_right()
