"""Indicator imports and dashboards at scale, in one run.

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench_ind \\
        .venv/bin/python bench/indicators.py [--indicators 300] [--regions 330] [--years 25] [--genders 2]

The defaults are the full size: 300 indicators x 330 regions x 25 years x 2 genders = 4,950,000 values.
Imports go one indicator at a time (a Sotkanet `/json` answer holds one indicator). Reported:
- the import throughput of Sotkanet-shaped JSON as a share of PostgreSQL `COPY` of the same rows into a
  table of the same shape (aim at least 30 %);
- a re-import of the same files, which must write nothing;
- the dashboard of 5 indicators x 23 municipalities x 25 years: median, p95 and queries (aim p95 < 150 ms).
The database name must contain "bench"; its indicator tables are emptied first."""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(*, migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    if "bench" not in settings.DATABASES["default"]["NAME"]:
        sys.exit("The database name must contain 'bench'.")
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--regions", type=int, default=330)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--genders", type=int, default=2, choices=[1, 2, 3])
    parser.add_argument("-n", type=int, default=30, help="timed dashboard requests")
    args = parser.parse_args(argv)
    setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.tests.factories import UserFactory
    from bench.load import machine
    from core.models import ImportRun
    from indicators.models import Indicator, Region, Value
    from indicators.services.imports import file_import

    print(machine())
    load_before = os.getloadavg()
    generation_started = time.perf_counter()
    rnd = random.Random(2026)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Value._meta.db_table}")
    Indicator.objects.filter(source="sotkanet", source_id__startswith="9").delete()
    Region.objects.filter(code__startswith="B").delete()
    # Regions: the country, 22 counties, the rest municipalities (23 in the first county).
    country, _ = Region.objects.get_or_create(code="FI", defaults={"kind": "country", "name_fi": "Koko maa"})
    Region.objects.filter(sotkanet_id__gte=900000).update(sotkanet_id=None)
    counties = [
        Region.objects.create(
            code=f"B{c:02d}",
            kind="wellbeing_county",
            name_fi=f"Bench-alue {c}",
            parent=country,
            sotkanet_id=900000 + c,
        )
        for c in range(22)
    ]
    municipalities = []
    for m in range(args.regions - 23):
        county = counties[0] if m < 23 else counties[1 + m % 21]
        municipalities.append(
            Region(
                code=f"B{m:03d}m",
                kind="municipality",
                name_fi=f"Bench-kunta {m}",
                parent=county,
                sotkanet_id=910000 + m,
            )
        )
    Region.objects.bulk_create(municipalities)
    regions = [country, *counties, *Region.objects.filter(code__endswith="m", code__startswith="B")]
    country.sotkanet_id = country.sotkanet_id or 999999
    country.save()
    indicators = [
        Indicator(
            source="sotkanet",
            source_id=str(900000 + i),
            title_fi=f"Bench-indikaattori {i}",
            value_type="PROS",
            decimals=1,
        )
        for i in range(args.indicators)
    ]
    Indicator.objects.bulk_create(indicators)
    indicators = list(Indicator.objects.filter(source="sotkanet", source_id__startswith="9").order_by("pk"))
    genders = ["total", "male", "female"][: args.genders]
    years = list(range(2025 - args.years, 2025))

    files = []
    for ind in indicators:
        rows = [
            {
                "indicator": int(ind.source_id),
                "region": r.sotkanet_id,
                "year": y,
                "gender": g,
                "value": round(rnd.uniform(1, 30), 1),
                "absValue": rnd.randint(5, 5000),
            }
            for r in regions
            for y in years
            for g in genders
        ]
        files.append(json.dumps(rows).encode())
    total = sum(len(regions) * len(years) * len(genders) for _ in indicators)
    generation_s = time.perf_counter() - generation_started
    print(
        f"{total:,} values: {len(indicators)} indicators x {len(regions)} regions x {len(years)} years x {len(genders)} genders"
        f" (made in {generation_s:.0f} s)"
    )

    # COPY of the same rows, in one statement, the ceiling: into a temporary table of the same columns
    # (no indexes, no constraints, no write-ahead log), and into a table like the value table itself (its
    # indexes and constraints, logged), which is what storing the rows costs PostgreSQL.
    region_by_sotkanet = {r.sotkanet_id: r.pk for r in regions}

    def copy_into(table: str) -> float:
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(
                f"COPY {table} (indicator_id, region_id, year, month, gender, value, abs_value, updated_at) FROM STDIN"
            ) as copy,
        ):
            for ind, data in zip(indicators, files, strict=True):
                for row in json.loads(data):
                    copy.write_row(
                        (
                            ind.pk,
                            region_by_sotkanet[row["region"]],
                            row["year"],
                            0,
                            row["gender"],
                            row["value"],
                            row["absValue"],
                            "2025-01-01T00:00:00Z",
                        )
                    )
        return time.perf_counter() - started

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_copy (LIKE indicators_value INCLUDING DEFAULTS)")
        cursor.execute("ALTER TABLE bench_copy ALTER COLUMN id DROP NOT NULL")
        cursor.execute("DROP TABLE IF EXISTS bench_copy_like")
        cursor.execute("CREATE TABLE bench_copy_like (LIKE indicators_value INCLUDING ALL)")
        cursor.execute("ALTER TABLE bench_copy_like ALTER COLUMN id SET CACHE 1000")  # as the value table's
    copy_s = copy_into("bench_copy")
    copy_like_s = copy_into("bench_copy_like")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy_like")
        cursor.execute("CHECKPOINT")

    started = time.perf_counter()
    for data in files:
        run = file_import(actor=None, kind="sotkanet-json", data=data)
        assert run.status == ImportRun.Status.SUCCEEDED, run.error
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    written = 0
    for data in files:
        run = file_import(actor=None, kind="sotkanet-json", data=data)
        written += run.rows_created + run.rows_updated
    reimport_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE indicators_value")

    client = Client()
    client.force_login(UserFactory(staff=True, email=f"bench-{time.time_ns()}@example.test"))
    area = Region.objects.filter(parent=counties[0], kind="municipality").first()
    query = (
        "&".join(f"indicator={i.pk}" for i in indicators[:5])
        + f"&area={area.code}&year_from={years[0]}&year_to={years[-1]}"
    )
    url = f"/fi/indicators/?{query}"
    for _ in range(3):
        client.get(url)
    times, queries = [], 0
    for _ in range(args.n):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        queries = len(ctx.captured_queries)

    load_after = os.getloadavg()
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after "
        + ", ".join(f"{x:.2f}" for x in load_after)
        + f"; whole run {time.perf_counter() - generation_started:.0f} s"
    )
    print(f"COPY:      {copy_s:8.1f} s  {total / copy_s:12,.0f} rows/s  (temporary table, no indexes)")
    print(
        f"COPY:      {copy_like_s:8.1f} s  {total / copy_like_s:12,.0f} rows/s  (a table like the value table)"
    )
    print(
        f"import:    {import_s:8.1f} s  {total / import_s:12,.0f} rows/s  = {copy_s / import_s:.0%} of COPY"
        f" into the temporary table, {copy_like_s / import_s:.0%} of COPY into a table like the value table"
        " (aim >= 30 %)"
    )
    print(f"re-import: {reimport_s:8.1f} s  {written} rows written (must be 0)")
    print(
        f"dashboard 5 x 23 x {len(years)}: median {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms, {queries} queries (aim p95 < 150 ms)"
    )
    return 0 if written == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
