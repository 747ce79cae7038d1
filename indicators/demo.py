"""The indicators part of the demo network: Sotkanet's regions and the default package with ten years of
figures for Pirkanmaa, its municipalities and the whole country, read from files in Sotkanet's recorded
shape shipped under demo_data/ (demo figures, not real statistics: see demo_data/README.txt), the
platform's own figures, and an indicator shown with a demo phenomenon. Idempotent: a second run imports
the same files and writes nothing new."""

from __future__ import annotations

import json
from pathlib import Path

from core.models import ImportRun

from .models import Indicator, PackageEntry, PhenomenonIndicator, Region, Value
from .services.catalogue import default_package_ensure
from .services.imports import file_import, recorded_run
from .services.own import platform_figures_compute
from .services.regions import sotkanet_regions_apply

DATA = Path(__file__).resolve().parent / "demo_data"


def load(ctx) -> None:
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(email="admin@demo.ilmio.fi").first()
    # `make run` loads the demo on every start: what is already there is not imported again, so the
    # import-run log does not grow with every start.
    if not Region.objects.filter(code="837", sotkanet_id__isnull=False).exists():
        regions = json.loads((DATA / "sotkanet-regions.json").read_text(encoding="utf-8"))
        recorded_run(
            source="sotkanet", kind="regions", actor=admin, body=lambda r: sotkanet_regions_apply(r, regions)
        )
    indicators = default_package_ensure()
    written = 0
    for indicator in indicators:
        path = DATA / f"sotkanet-{indicator.source_id}.json"
        if not path.exists() or Value.objects.filter(indicator=indicator).exists():
            continue
        run = file_import(actor=admin, kind="sotkanet-json", data=path.read_bytes())
        if run.status != ImportRun.Status.SUCCEEDED:
            ctx.stdout.write(f"  indicators: {path.name} failed: {run.error}")
            continue
        written += run.rows_created + run.rows_updated
    if not Value.objects.filter(indicator__source=Indicator.Source.PLATFORM).exists():
        platform_figures_compute(actor=admin)
    _demo_links(admin)
    ctx.stdout.write(f"  indicators: default package, {written} figures written")


def _demo_links(admin) -> None:
    """The collector's family centre picks child-welfare notifications into its package, and the demo's
    first phenomenon shows them."""
    from familycentres.models import Membership
    from phenomena.models import Phenomenon

    welfare = Indicator.objects.filter(source=Indicator.Source.SOTKANET, source_id="1086").first()
    if welfare is None:
        return
    membership = (
        Membership.objects.filter(user__email="kokoaja@demo.ilmio.fi", group__family_centre__isnull=False)
        .select_related("group__family_centre")
        .first()
    )
    if membership is not None:
        PackageEntry.objects.get_or_create(
            family_centre=membership.group.family_centre, indicator=welfare, defaults={"created_by": admin}
        )
    phenomenon = Phenomenon.objects.order_by("pk").first()
    if phenomenon is not None:
        PhenomenonIndicator.objects.get_or_create(
            phenomenon=phenomenon, indicator=welfare, defaults={"created_by": admin}
        )
