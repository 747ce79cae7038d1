"""The service map and the network map at national scale.

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench \\
        .venv/bin/python bench/maps.py [--services 50000] [-n 30] [--warmup 3]

First tops the bench database up to `--services` services (fictional, spread over every municipality of
the area tree and the organisations there, each in one THL service group with one to three client
groups; a tenth are county-wide and cover every municipality of their county). Then times, signed in as
a member of the network: the service map page and its API for the county with the most services (with
`--cell`, one cell's own page too), the whole network's service map API, and the network map page and
its JSON (all groups, organisations and people). `--only TEXT` times the pages whose name has TEXT. The
table is bench/run.py's: median and 95th percentile in milliseconds, SQL queries of one request, their
total time; the load average before and after is printed with it. `--slow-ms` lists the statements of
one request slower than that, and `--explain` adds `EXPLAIN (ANALYZE, BUFFERS)` of each, run with the
map's statement settings (no JIT, more `work_mem`) as the page runs them. `--gc off` times the requests
with Python's garbage collector disabled (`gc.disable()`), to learn how much of a slow request is
collection; `--gc freeze` moves everything alive after the warm-ups to the
permanent generation (`gc.freeze()`, what a server would do after start-up).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import Page, measure, print_slow_statements, setup_django, table, version_raise  # noqa: E402

NAMES = [
    "Neuvola",
    "Perheneuvola",
    "Kotipalvelu",
    "Perhetyö",
    "Nuorisotyö",
    "Koulupsykologi",
    "Perhekahvila",
    "Vertaisryhmä",
    "Nuorten mielenterveyspalvelut",
    "Lastensuojelu",
    "Varhaiskasvatus",
    "Avoin kohtaamispaikka",
    "Chat-palvelu",
]
BATCH = 5000


def fill_services(target: int, seed: int) -> int:
    from django.db import transaction

    from familycentres.models import Area, ClientGroup, Organisation, Service, ServiceGroup

    have = Service.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed)
    municipalities = list(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("pk", "parent_id"))
    if not municipalities:
        raise SystemExit("no municipalities: run bench/generate.py first")
    parents = dict(Area.objects.filter(kind=Area.Kind.REGION).values_list("pk", "parent_id"))
    county_of = {pk: parents.get(parent, parent) for pk, parent in municipalities}
    by_county: dict[int, list[int]] = {}
    for pk, county in county_of.items():
        by_county.setdefault(county, []).append(pk)
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    if len(organisations) < 50:
        Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bench-palveluntuottaja {n}", kind=Organisation.Kind.NGO)
                for n in range(200)
            ],
            ignore_conflicts=True,
        )
        organisations = list(Organisation.objects.values_list("pk", flat=True))
    groups = ServiceGroup.values
    clients = ClientGroup.values
    through = Service.areas.through
    made = 0
    while have + made < target:
        size = min(BATCH, target - have - made)
        with transaction.atomic():
            services = [
                Service(
                    name_fi=f"{rng.choice(NAMES)} {have + made + i}",
                    organisation_id=rng.choice(organisations),
                    service_group=rng.choice(groups),
                    client_groups=sorted(rng.sample(clients, rng.randint(1, 3))),
                    languages=["fi", "sv"] if rng.random() < 0.1 else ["fi"],
                )
                for i in range(size)
            ]
            Service.objects.bulk_create(services)
            links = []
            for service in services:
                municipality, county = rng.choice(municipalities)
                covered = by_county[county_of[municipality]] if rng.random() < 0.1 else [municipality]
                links.extend(through(service_id=service.pk, area_id=area) for area in covered)
            through.objects.bulk_create(links)
        made += size
        print(f"  {have + made:,} services", flush=True)
    from django.db import connection

    # VACUUM as well as ANALYZE, what autovacuum does soon after such a load: the kept counts' rows are
    # updated once per batch, and until then their dead versions made the whole network's statements
    # read three to eight times the pages they need.
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM (ANALYZE) familycentres_service, familycentres_service_areas, familycentres_organisation, "
            "familycentres_servicemapentry, familycentres_servicemapcount, familycentres_servicemapplace, "
            "familycentres_servicemapplaceproviders"
        )
    return made


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--cell", action="store_true", help="also time a cell's own page (its services, paged)"
    )
    parser.add_argument("--only", default="", help="time only the pages whose name contains this")
    parser.add_argument("--slow-ms", type=float, default=20, help="list SQL statements slower than this")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE each slow statement")
    parser.add_argument("--sql-chars", type=int, default=400, help="characters of each slow statement shown")
    parser.add_argument(
        "--gc",
        choices=["on", "off", "freeze"],
        default="on",
        help="garbage collection during the timed requests: as usual, disabled, or frozen after warm-up",
    )
    args = parser.parse_args(argv)
    if os.environ.get("ILMIO_ENV") != "dev" or "bench" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit("run with ILMIO_ENV=dev and DATABASE_URL pointing to the bench database")
    setup_django()
    from django.db.models import Count

    from familycentres.models import Area, Group, Membership, Service
    from familycentres.selectors.servicemap import VERSION as SERVICE_MAP_VERSION

    made = fill_services(args.services, args.seed)
    county = (
        Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY)
        .annotate(n=Count("children__children__services"))
        .order_by("-n")
        .first()
    )
    member = Membership.objects.current().exclude(role="client_representative").select_related("user").first()
    if member is None:
        raise SystemExit("no memberships: run bench/generate.py first")
    user = member.user
    print(
        f"{Service.objects.count():,} services ({made:,} added now), {Group.objects.count():,} groups, "
        f"{Membership.objects.current().count():,} memberships; county {county.name_fi}; as {user.email}",
        flush=True,
    )
    pages = [
        Page("service map page, county", f"/fi/network/service-map/?area={county.pk}", user),
        Page(
            "service map page, county, after a write",
            f"/fi/network/service-map/?area={county.pk}",
            user,
            "each request the first after a service changed",
            before=version_raise(SERVICE_MAP_VERSION),
        ),
        Page("service map API, county", f"/api/v1/service-map/?area={county.pk}", user),
        *(
            [
                Page(
                    "service map cell page, county",
                    f"/fi/network/service-map/promotion/family/?area={county.pk}",
                    user,
                )
            ]
            if args.cell
            else []
        ),
        Page("service map API, whole network", "/api/v1/service-map/", user),
        Page(
            "service map API, whole network, after a write",
            "/api/v1/service-map/",
            user,
            "each request the first after a service changed",
            before=version_raise(SERVICE_MAP_VERSION),
        ),
        Page("network map page", "/fi/network/network-map/", user),
        Page("network map JSON", "/api/v1/network-map/", user),
    ]
    pages = [p for p in pages if args.only in p.name]
    load_before = os.getloadavg()
    results = []
    for page in pages:
        r = _measure(page, args)
        results.append(r)
        print(
            f"  {page.name}: status {r.status}, median {r.median:.0f} ms, p95 {r.p95:.0f} ms, {r.queries} queries",
            flush=True,
        )
    load_after = os.getloadavg()
    print(
        f"\nN={args.n} after {args.warmup} warm-ups, gc {args.gc}; {os.cpu_count()} CPUs, load average "
        f"{load_before[0]:.1f} before and {load_after[0]:.1f} after.\n"
    )
    print(table(results))
    from familycentres.selectors.servicemap import STATEMENT_SETTINGS

    print_slow_statements(
        results,
        slow_ms=args.slow_ms,
        sql_chars=args.sql_chars,
        plans=args.explain,
        settings=STATEMENT_SETTINGS,
    )
    return 0


def _measure(page, args):
    """`bench.run.measure` with the collector as `--gc` asks: disabled for the whole measurement, or
    frozen once the warm-ups have built the process's long-lived objects."""
    if args.gc == "on":
        return measure(page, args.n, args.warmup)
    if args.gc == "freeze":
        measure(page, 0, args.warmup)
        gc.collect()
        gc.freeze()
        try:
            return measure(page, args.n, 0)
        finally:
            gc.unfreeze()
    gc.collect()
    gc.disable()
    try:
        return measure(page, args.n, args.warmup)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
