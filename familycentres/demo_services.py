"""The demo network's services: the Pirkanmaa municipalities' family-centre services from a recorded
file in the national service catalogue's shape (imported through the real importer, so the demo has an
import run to show), and a few services typed here (Kela, an open meeting place, an e-service) with ways
to reach them. Made so that the service map has gaps and overlaps to show. Idempotent."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .models import Area, ClientGroup, Organisation, Service, ServiceChannel, ServiceGroup
from .services.ptv import fetched_from_pages, service_catalogue_import

RECORDED = Path(__file__).resolve().parent / "data" / "ptv_demo_services.json"
PIRKANMAA_CODES = [
    "020", "108", "143", "177", "211", "250", "291", "418", "508", "536", "562", "581",
    "604", "619", "635", "702", "790", "837", "887", "908", "922", "936", "980",
]  # fmt: skip

LOCAL_SERVICES = [
    {
        "name_fi": "Kelan perhe-etuudet",
        "name_sv": "FPA:s familjeförmåner",
        "name_en": "Kela family benefits",
        "organisation": "Kela",
        "service_group": ServiceGroup.KELA,
        "client_groups": [ClientGroup.EXPECTING, ClientGroup.FAMILY, ClientGroup.PARENTS],
        "languages": ["fi", "sv", "en"],
        "areas": PIRKANMAA_CODES,
        "channels": [
            {"kind": "e_service", "name": "Kelan asiointipalvelu", "url": "https://www.kela.fi/asiointi"}
        ],
    },
    {
        "name_fi": "Perhekeskuksen avoin kohtaamispaikka Harju",
        "name_sv": "Familjecentralens öppna mötesplats Harju",
        "organisation": "Harjunsalon seurakunta",
        "service_group": ServiceGroup.MEETING_PLACES,
        "client_groups": [ClientGroup.AGE_0_6, ClientGroup.PARENTS, ClientGroup.FAMILY],
        "languages": ["fi", "sv"],
        "areas": ["837"],
        "channels": [
            {
                "kind": "place",
                "name": "Harjun perhetalo",
                "address": "Harjukatu 1",
                "postal_code": "33100",
                "post_office": "Tampere",
                "opening_hours": "ma–to 9–14",
            }
        ],
    },
    {
        "name_fi": "Nuorten chat",
        "name_sv": "Chatt för unga",
        "organisation": "Pirkanmaan Perhetoimintayhdistys ry",
        "service_group": ServiceGroup.E_SERVICES,
        "client_groups": [ClientGroup.AGE_13_17, ClientGroup.AGE_18_29],
        "languages": ["fi"],
        "areas": PIRKANMAA_CODES,
        "channels": [{"kind": "e_service", "name": "Chat", "url": "https://example.com/nuorten-chat"}],
    },
]
# How to reach an imported service (the catalogue's channels are separate records we do not import).
IMPORTED_CHANNELS = {
    "Äitiys- ja lastenneuvola": [
        {
            "kind": "place",
            "name": "Hervannan neuvola",
            "address": "Insinöörinkatu 38",
            "postal_code": "33720",
            "post_office": "Tampere",
            "opening_hours": "ma–pe 8–16",
        },
        {"kind": "phone", "name": "Neuvonta", "phone": "03 565 000"},
    ],
}


def load(ctx) -> None:
    if not Area.objects.filter(kind=Area.Kind.MUNICIPALITY, code="837").exists():
        ctx.stdout.write("services: the demo areas are missing; run seed_demo first\n")
        return
    if Service.objects.filter(source=Service.Source.PTV).exists():
        # A second demo run adds nothing, not even a run record; real imports refresh on their schedule.
        ctx.stdout.write("services: the demo catalogue is already imported\n")
    else:
        data = json.loads(RECORDED.read_text(encoding="utf-8"))
        run = service_catalogue_import(fetched=fetched_from_pages(data["municipalities"]))
        ctx.stdout.write(
            f"services: import {run.status}, {run.rows_created} new, {run.rows_updated} updated, "
            f"{run.detail.get('skipped_count', 0)} skipped\n"
        )
    with transaction.atomic():
        areas = dict(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("code", "pk"))
        created = 0
        for spec in LOCAL_SERVICES:
            organisation = Organisation.objects.filter(name=spec["organisation"]).first()
            if organisation is None:
                continue
            values = {
                key: spec.get(key, "")
                for key in ("name_sv", "name_en", "service_group", "client_groups", "languages")
            }
            service, was_created = Service.objects.get_or_create(
                name_fi=spec["name_fi"], organisation=organisation, defaults=values
            )
            if was_created:
                service.areas.set([areas[code] for code in spec["areas"] if code in areas])
                created += 1
            _channels(service, spec["channels"])
        for name, channels in IMPORTED_CHANNELS.items():
            service = Service.objects.filter(name_fi=name, source=Service.Source.PTV).first()
            if service is not None:
                _channels(service, channels)
    ctx.stdout.write(f"services: {created} typed services added\n")


def _channels(service: Service, channels: list[dict]) -> None:
    for channel in channels:
        lookup = {"service": service, "kind": channel["kind"], "name": channel.get("name", "")}
        ServiceChannel.objects.get_or_create(**lookup, defaults=channel | {"service": service})
