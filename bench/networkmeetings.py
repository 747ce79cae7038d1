"""Network meetings at scale: fills a bench database with processes, plan steps and access-log rows, then
times "my processes", a process page and the access-log report, and the cost of access logging (a process
page with and without it, in the same run).

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench_nm \\
        .venv/bin/python bench/networkmeetings.py generate --processes 100000 --steps 500000 --log-rows 5000000
    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench_nm \\
        .venv/bin/python bench/networkmeetings.py run [-n 30]
    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench_nm \\
        .venv/bin/python bench/networkmeetings.py visibility [-n 50]

The rows are generated inside PostgreSQL (`INSERT ... SELECT generate_series`), so the size is limited by
the server, not Python. The database name must contain `bench`. The busiest worker (the one the pages are
timed for) takes part in about 1 in 500 processes; the timed process has `log-rows / processes` access-log
rows like every other."""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORKERS = 500


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    if "bench" not in connection.settings_dict["NAME"]:
        sys.exit("refusing: the database name must contain 'bench'")


def generate(processes: int, steps: int, log_rows: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction

    from accounts.models import User
    from familycentres.models import FamilyCentre, Group, Membership
    from familycentres.tests.factories import AreaFactory
    from networkmeetings.models import NetworkProcess

    call_command("migrate", verbosity=0)
    if NetworkProcess.objects.exists():
        sys.exit("the database already has processes; use a fresh bench database")
    started = time.monotonic()
    county = AreaFactory(code="B01", name_fi="Penkkialue")
    centre = FamilyCentre.objects.create(name_fi="Penkkikeskus", slug="bench-centre", wellbeing_county=county)
    group = Group.objects.create(name="Penkkitiimi", kind="local_team", level="local", family_centre=centre)
    users = User.objects.bulk_create(
        [
            User(email=f"worker{i}@bench.invalid", full_name=f"Worker {i}", password="!")
            for i in range(WORKERS)
        ]
    )
    Membership.objects.bulk_create([Membership(group=group, user=u) for u in users])
    u0 = min(u.pk for u in users)
    ct = ContentType.objects.get_for_model(NetworkProcess).pk
    per_meeting = max(1, steps // processes)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO networkmeetings_networkprocess
              (created_at, updated_at, label, family_centre_id, convener_id, responsible_worker_id,
               responsible_pair_id, contact_info, status, closed_at, close_reason, core_issue, what_is_told,
               shared_with_invitees, family_told_how_it_works, family_code_hash, family_code_expires_at,
               created_by_id)
            SELECT now() - g * interval '5 minutes', now(), 'Perhe ' || g, %s, %s + g %% %s, %s + g %% %s,
                   %s + (g + 1) %% %s, '', CASE WHEN g %% 4 = 0 THEN 'closed' ELSE 'open' END,
                   CASE WHEN g %% 4 = 0 THEN now() ELSE NULL END, '', 'Ydinasia ' || g, '', 'Jaettu ' || g,
                   true, '', NULL, %s + g %% %s
            FROM generate_series(1, %s) g
            """,
            [centre.pk, u0, WORKERS, u0, WORKERS, u0, WORKERS, u0, WORKERS, processes],
        )
        cur.execute(
            """
            INSERT INTO networkmeetings_participant
              (created_at, updated_at, process_id, kind, user_id, description, answer, message, answered_at,
               invited_at, removed_at, email, token_hash, token_expires_at, created_by_id)
            SELECT now(), now(), p.id, 'professional', %s + (p.id + 7) %% %s, 'opettaja', 'coming', '', now(),
                   now(), NULL, '', '', NULL, p.convener_id
            FROM networkmeetings_networkprocess p
            WHERE %s + (p.id + 7) %% %s NOT IN (p.convener_id, p.responsible_worker_id, p.responsible_pair_id)
            """,
            [u0, WORKERS, u0, WORKERS],
        )
        cur.execute(
            """
            INSERT INTO networkmeetings_networkmeeting
              (created_at, updated_at, process_id, kind, structure, service_setting, starts_at, place, chair_id,
               recorder_id, status, record, record_version, next_meeting_on, evaluation_family,
               evaluation_workers, created_by_id)
            SELECT now(), now(), p.id, 'network', 'hypothesis', '', p.created_at + interval '7 days', '',
                   p.convener_id, p.responsible_worker_id, 'held', repeat('Kirjaus. ', 200), 1, NULL, 4, 4,
                   p.convener_id
            FROM networkmeetings_networkprocess p
            """
        )
        cur.execute(
            """
            INSERT INTO networkmeetings_planstep
              (created_at, updated_at, meeting_id, what, owner_id, pair_id, family_member, due_on, done_at,
               reminder_sent_at, created_by_id)
            SELECT now(), now(), m.id, 'Askel ' || s, m.chair_id, NULL, '', current_date + s * 7,
                   NULL, CASE WHEN s = 1 THEN now() ELSE NULL END, m.chair_id
            FROM networkmeetings_networkmeeting m, generate_series(1, %s) s
            """,
            [per_meeting],
        )
        cur.execute("SELECT min(id), count(*) FROM networkmeetings_networkprocess")
        p0, count = cur.fetchone()
        cur.execute(
            """
            INSERT INTO core_accesslogentry (at, user_id, kind, content_type_id, object_id, client_ref, purpose,
                                             recipient)
            SELECT now() - g * interval '1 second', %s + g %% %s, 'read', %s, (%s + g %% %s)::text,
                   'networkprocess:' || (%s + g %% %s), 'process page', ''
            FROM generate_series(1, %s) g
            """,
            [u0, WORKERS, ct, p0, count, p0, count, log_rows],
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(
        f"generated {processes} processes, {processes * per_meeting} steps, {log_rows} access-log rows "
        f"in {time.monotonic() - started:.0f} s"
    )


def _stats(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def run(n: int, warmup: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accounts.models import User
    from accounts.tests.factories import force_login_with_mfa
    from networkmeetings.models import NetworkProcess
    from networkmeetings.services import access as access_services

    user = User.objects.get(email="worker1@bench.invalid")
    process = (
        NetworkProcess.objects.visible_to(user)
        .filter(status="open", responsible_worker=user)
        .order_by("-id")
        .first()
    )
    client = Client()
    force_login_with_mfa(client, user)
    pages = [
        ("my processes", reverse("networkmeetings:list")),
        ("process page", reverse("networkmeetings:detail", args=[process.pk])),
        ("access-log report", reverse("networkmeetings:access_log", args=[process.pk])),
    ]

    def measure(url: str) -> tuple[float, float, int]:
        for _ in range(warmup):
            client.get(url)
        times = []
        for _ in range(n):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        median, p95 = _stats(times)
        return median, p95, len(ctx.captured_queries)

    print(f"{'page':<22}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    results = {}
    for name, url in pages:
        results[name] = measure(url)
        print(f"{name:<22}{results[name][0]:>10.1f}{results[name][1]:>10.1f}{results[name][2]:>9}")
    # The cost of access logging: the same page with the log write replaced by nothing.
    original = access_services.access_log_record
    access_services.access_log_record = lambda **kwargs: None
    try:
        without = measure(pages[1][1])
    finally:
        access_services.access_log_record = original
    print(f"{'process page, no log':<22}{without[0]:>10.1f}{without[1]:>10.1f}{without[2]:>9}")
    print(f"access logging costs {results['process page'][0] / without[0]:.2f}x the page's median time")
    print(f"load average: {os.getloadavg()}")


def visibility(n: int) -> None:
    """The visibility query of "my processes" alone (first page and count, as the list runs them), in the
    form visible_to has now (one index look-up per way of taking part, UNION ALL into an array, the processes
    read by primary key) and in the OR form it replaced, alternately against the same data; both must find
    the same processes."""
    from django.db.models import Q

    from accounts.models import User
    from networkmeetings.models import NetworkProcess, Participant

    user = User.objects.get(email="worker1@bench.invalid")

    def union_form():
        return NetworkProcess.objects.visible_to(user)

    def or_form():
        invited = Participant.objects.filter(user=user, removed_at__isnull=True).values("process_id")
        return NetworkProcess.objects.filter(
            Q(convener=user) | Q(responsible_worker=user) | Q(responsible_pair=user) | Q(pk__in=invited)
        )

    forms = {"union (now)": union_form, "OR (before)": or_form}
    found = {
        name: (
            list(form().filter(status="open").order_by("-created_at", "-id").values_list("pk", flat=True)),
            set(form().values_list("pk", flat=True)),
        )
        for name, form in forms.items()
    }
    assert found["union (now)"] == found["OR (before)"], "the two forms find different processes"
    times: dict[str, list[float]] = {name: [] for name in forms}
    for _ in range(n):
        for name, form in forms.items():
            qs = form().filter(status="open").order_by("-created_at", "-id")
            t = time.perf_counter()
            list(qs[:20])
            qs.count()
            times[name].append((time.perf_counter() - t) * 1000)
    print(f"{len(found['union (now)'][1])} processes visible to the timed worker; first page and count:")
    print(f"{'form':<16}{'median ms':>10}{'p95 ms':>10}")
    for name, values in times.items():
        median, p95 = _stats(values)
        print(f"{name:<16}{median:>10.1f}{p95:>10.1f}")
    print(f"load average: {os.getloadavg()}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--processes", type=int, default=100_000)
    g.add_argument("--steps", type=int, default=500_000)
    g.add_argument("--log-rows", type=int, default=5_000_000)
    r = sub.add_parser("run")
    r.add_argument("-n", type=int, default=30)
    r.add_argument("--warmup", type=int, default=3)
    v = sub.add_parser("visibility")
    v.add_argument("-n", type=int, default=50)
    args = parser.parse_args(argv)
    setup_django()
    if args.command == "generate":
        generate(args.processes, args.steps, args.log_rows)
    elif args.command == "visibility":
        visibility(args.n)
    else:
        run(args.n, args.warmup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
