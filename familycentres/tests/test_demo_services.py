"""The demo's services: loaded by seed_demo through the catalogue importer, idempotent, and with the gap
and overlap the demo tour shows."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import ImportRun
from familycentres.demo_services import load
from familycentres.models import Area, ClientGroup, Service, ServiceChannel, ServiceGroup
from familycentres.selectors import service_map

pytestmark = pytest.mark.django_db


def test_demo_services_load_twice_without_duplicates(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", verbosity=0)
    services, channels = Service.objects.count(), ServiceChannel.objects.count()
    assert services > 30 and channels >= 5
    ctx = SimpleNamespace(stdout=io.StringIO(), now=timezone.now())
    load(ctx)
    load(ctx)
    assert (Service.objects.count(), ServiceChannel.objects.count()) == (services, channels)
    runs = ImportRun.objects.filter(source="ptv")
    # The catalogue is imported once; a later demo run leaves it (and the run records) as they are.
    assert runs.count() == 1 and runs.get().status == "succeeded"
    assert runs.get().rows_created > 30
    reasons = {row["reason"] for row in runs.first().detail["skipped"]}
    assert reasons == {"tuntematon palveluluokka P3.1", "ei suomenkielistä nimeä"}

    county = Area.objects.get(kind=Area.Kind.WELLBEING_COUNTY, code="08")
    matrix = service_map(user=UserFactory(), area=county)
    cells = {(cell.service_group, cell.client_group): cell for row in matrix.rows for cell in row.cells}
    youth = cells[(ServiceGroup.PSYCHOSOCIAL, ClientGroup.AGE_13_17)]
    assert youth.missing_in == ["Kuhmoinen", "Punkalaidun"]
    family = cells[(ServiceGroup.PROMOTION, ClientGroup.FAMILY)]
    assert ("Tampere", 4) in family.overlap_in
    swedish = Service.objects.get(name_fi="Äitiys- ja lastenneuvola")
    assert "sv" in swedish.languages and swedish.channels.filter(kind="place").exists()
