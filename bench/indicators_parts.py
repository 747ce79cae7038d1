"""Parts of bench/indicators.py on its data, without making it again (run that first):

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench_ind \\
        .venv/bin/python bench/indicators_parts.py dashboard [-n 30] [--language fi]
    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench_ind \\
        .venv/bin/python bench/indicators_parts.py import [--files 4] [--commit]

`dashboard` times the bench's page of 5 indicators x 23 municipalities x 25 years through the test client:
median and p95 of the time, the median and the highest processor time of the process, the queries, the
page's size and the garbage collections (count and time per generation). `import` makes `--files` new
indicators of the bench's regions (16,500 values each) and times their first import and a re-import, per
file, in wall and processor time, all in a transaction that is rolled back (so no commit is timed);
with `--commit` each file commits on its own, as in bench/indicators.py, the time in the database is
shown per kind of statement, and the indicators are deleted afterwards. It imports the code of the
checkout it lies in: to compare old code and new, copy it into the old checkout and run each in turn."""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup() -> None:
    from bench.indicators import setup as bench_setup

    bench_setup(migrate=False)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def dashboard(n: int, language: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from accounts.tests.factories import UserFactory
    from indicators.models import Indicator, Region

    indicators = list(Indicator.objects.filter(source="sotkanet", source_id__startswith="9").order_by("pk"))
    county = Region.objects.filter(code__startswith="B", kind="wellbeing_county").order_by("code").first()
    area = Region.objects.filter(parent=county, kind="municipality").first()
    years = list(range(2000, 2025))  # as bench/indicators.py makes them (25 years)
    user = User.objects.filter(email="bench-parts@example.test").first() or UserFactory(
        staff=True, email="bench-parts@example.test"
    )
    client = Client()
    client.force_login(user)
    query = (
        "&".join(f"indicator={i.pk}" for i in indicators[:5])
        + f"&area={area.code}&year_from={years[0]}&year_to={years[-1]}"
    )
    url = f"/{language}/indicators/?{query}"
    for _ in range(3):
        client.get(url)
    collections = {generation: [0, 0.0] for generation in (0, 1, 2)}
    started = [0.0]

    def collected(phase, info):
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            entry = collections[info["generation"]]
            entry[0] += 1
            entry[1] += time.perf_counter() - started[0]

    gc.callbacks.append(collected)
    times, cpu, queries, size = [], [], 0, 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200
        queries, size = len(ctx.captured_queries), len(response.content)
    gc.callbacks.remove(collected)
    print(
        f"dashboard: median {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms; processor median "
        f"{statistics.median(cpu):.0f} ms, highest {max(cpu):.0f} ms; {queries} queries, {size:,} bytes; "
        "collections "
        + ", ".join(f"gen{g} {c} ({s * 1000:.0f} ms)" for g, (c, s) in collections.items())
        + f"; load {os.getloadavg()[0]:.1f}"
    )


def _files(made, regions, rnd) -> list[bytes]:
    return [
        json.dumps(
            [
                {
                    "indicator": int(indicator.source_id),
                    "region": region.sotkanet_id,
                    "year": year,
                    "gender": gender,
                    "value": round(rnd.uniform(1, 30), 1),
                    "absValue": rnd.randint(5, 5000),
                }
                for region in regions
                for year in range(2000, 2025)
                for gender in ("male", "female")
            ]
        ).encode()
        for indicator in made
    ]


def _backend_cpu(connection) -> float | None:
    """Processor seconds used so far by the database server process of `connection` (Linux, server on
    this machine; None elsewhere): unlike wall time, it does not grow with the other processes' load."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Statements:
    """Wall time spent in the database per kind of statement (execute wrapper of the connection)."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            words = sql.split()
            kind = " ".join(words[:2]) if words else "?"
            if kind.startswith("SELECT"):
                kind = "SELECT"
            self.seconds[kind] = self.seconds.get(kind, 0.0) + time.perf_counter() - t0


def imports(files: int, commit: bool) -> None:
    from django.db import connection, transaction

    from indicators.models import Indicator, Region
    from indicators.services.imports import file_import

    regions = [*Region.objects.filter(sotkanet_id__gte=900000), *Region.objects.filter(code="FI")]
    rnd = random.Random(2026)

    class Rollback(Exception):
        pass

    def timed(label, data):
        statements = _Statements()
        commit_of = connection._commit

        def timed_commit():
            t = time.perf_counter()
            try:
                return commit_of()
            finally:
                statements.seconds["COMMIT"] = statements.seconds.get("COMMIT", 0.0) + time.perf_counter() - t

        connection._commit = timed_commit
        d0 = _backend_cpu(connection)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            with connection.execute_wrapper(statements):
                for body in data:
                    run = file_import(actor=None, kind="sotkanet-json", data=body)
                    assert run.status == "succeeded", run.error
        finally:
            del connection._commit
        wall = (time.perf_counter() - t0) / files * 1000
        cpu = (time.process_time() - c0) / files * 1000
        d1 = _backend_cpu(connection)
        server = "" if d0 is None or d1 is None else f", database server {(d1 - d0) / files * 1000:.0f} ms"
        print(
            f"{label}: {wall:.0f} ms a file, processor {cpu:.0f} ms{server}; created {run.rows_created}, "
            f"updated {run.rows_updated}, unchanged {run.detail.get('unchanged')} (last file); "
            f"load {os.getloadavg()[0]:.1f}"
        )
        if commit:
            print(
                "  statements, ms a file (COPY's own time is not among them): "
                + ", ".join(
                    f"{kind} {seconds / files * 1000:.1f}"
                    for kind, seconds in sorted(statements.seconds.items(), key=lambda item: -item[1])
                )
            )

    if commit:
        # Each file in a transaction of its own and committed, as bench/indicators.py imports them (the
        # commit runs the deferred reference checks and waits for the disk), then the indicators and
        # their values are deleted again.
        Indicator.objects.filter(source="sotkanet", source_id__startswith="8000").delete()
        made = [
            Indicator.objects.create(
                source="sotkanet", source_id=str(800000 + k), title_fi=f"Bench {k}", value_type="PROS"
            )
            for k in range(files)
        ]
        try:
            data = _files(made, regions, rnd)
            timed("first import", data)
            timed("re-import", data)
        finally:
            Indicator.objects.filter(pk__in=[i.pk for i in made]).delete()
        return
    try:
        with transaction.atomic():
            made = [
                Indicator.objects.create(
                    source="sotkanet", source_id=str(800000 + k), title_fi=f"Bench {k}", value_type="PROS"
                )
                for k in range(files)
            ]
            data = _files(made, regions, rnd)
            for label in ("first import", "re-import"):
                timed(label, data)
            raise Rollback
    except Rollback:
        pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    page = sub.add_parser("dashboard")
    page.add_argument("-n", type=int, default=30)
    page.add_argument("--language", default="fi", choices=["fi", "sv", "en"])
    load = sub.add_parser("import")
    load.add_argument("--files", type=int, default=4)
    load.add_argument(
        "--commit",
        action="store_true",
        help="each file in its own committed transaction (as the bench), with the time per statement kind",
    )
    args = parser.parse_args(argv)
    setup()
    if args.part == "dashboard":
        dashboard(args.n, args.language)
    else:
        imports(args.files, args.commit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
