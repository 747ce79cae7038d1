"""Measures the observation pages on the scale data set made by `bench/generate.py`.

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench \\
        .venv/bin/python bench/run.py [-n 30] [--warmup 3] [--explain] [--only triage]

Each page is requested in-process with Django's test client, signed in with `force_login` as the person
the page is for (the collector of the busiest family centre, a member of the busiest local team, the
professional with the most observations; for the phenomenon pages a collector of the family centre of the
phenomenon with the most observations). After the warm-up requests, N requests are timed; the table
gives the median and the 95th percentile (nearest rank) in milliseconds, and the number of SQL queries
of one request, counted separately so that counting does not slow the timed ones. The slowest SQL
statements of each page (over --slow-ms) are listed under the table; `--explain` runs
EXPLAIN (ANALYZE, BUFFERS) on them.

When the data set has phenomena, the phenomenon with the most observations (5,000) is measured (first page
and a deep page of its observation list), with a five-observation phenomenon of the same centre and state,
and the phenomena list (first page and a search). The two phenomenon pages must run the same number of
SQL queries: the check is printed under the table, and the exit status is 1 when they differ.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Page:
    name: str
    url: str
    user: object
    note: str = ""
    key: str = ""  # marks the pages the query-count check compares
    headers: dict = field(default_factory=dict)  # request headers, e.g. HX-Request for an htmx partial
    data: dict | None = None  # sent as a POST when given
    # Called before each request, untimed: `version_raise` makes every request the first after a write.
    before: Callable[[], None] | None = None


@dataclass
class Result:
    page: Page
    status: int = 0
    times_ms: list[float] = field(default_factory=list)
    queries: int = 0
    bytes: int = 0
    slowest_sql: str = ""
    slowest_ms: float = 0.0
    sql_total_ms: float = 0.0
    statements: list[tuple[float, str]] = field(default_factory=list)  # (ms, sql) of one request

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else math.nan

    @property
    def p95(self) -> float:
        if not self.times_ms:
            return math.nan
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def subjects() -> dict:
    """Who and what to measure: found from the data, so any generated data set works."""
    from django.db import connection
    from django.db.models import Count

    from familycentres.models import Group, Membership
    from observations.models import Observation

    busiest_centre = (
        Observation.objects.values("family_centre").annotate(n=Count("id")).order_by("-n").first()
    )["family_centre"]
    collector = (
        Membership.objects.current()
        .filter(role=Membership.Role.COLLECTOR, group__family_centre_id=busiest_centre)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    with connection.cursor() as cur:
        # The municipality with the most observations, counting its local areas.
        cur.execute(
            """
            SELECT CASE WHEN a.kind = 'local_area' THEN a.parent_id ELSE a.id END AS municipality, count(*)
            FROM observations_observation o JOIN familycentres_area a ON a.id = o.area_id
            GROUP BY 1 ORDER BY 2 DESC LIMIT 1
            """
        )
        municipality_id = cur.fetchone()[0]
    team = Group.objects.get(kind=Group.Kind.LOCAL_TEAM, area_id=municipality_id)
    team_member = (
        Membership.objects.current()
        .filter(group=team, role=Membership.Role.CHAIR)
        .select_related("user")
        .first()
    ).user
    heavy = (
        Observation.objects.exclude(author=None)
        .values("author")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    from django.contrib.auth import get_user_model

    author = get_user_model().objects.get(pk=heavy["author"])
    s = {
        "centre_id": busiest_centre,
        "collector": collector,
        "team": team,
        "team_member": team_member,
        "author": author,
        "author_count": heavy["n"],
    }
    s.update(phenomenon_subjects())
    return s


def phenomenon_subjects() -> dict:
    """The phenomenon with the most observations, a five-observation one of the same family centre in the
    same state (same status, initiatives and decisions, so that the same queries run), and a collector of
    that centre, who sees both. Empty when the data set has no phenomena."""
    from django.db.models import Count, Exists, OuterRef

    from familycentres.models import Membership
    from phenomena.models import Decision, Initiative, Phenomenon

    annotated = Phenomenon.objects.annotate(
        n=Count("links"),
        has_initiative=Exists(Initiative.objects.filter(phenomenon=OuterRef("pk"))),
        has_decision=Exists(Decision.objects.filter(initiative__phenomenon=OuterRef("pk"))),
    )
    big = annotated.order_by("-n", "pk").first()
    if big is None:
        return {}
    small = (
        annotated.filter(
            family_centre_id=big.family_centre_id,
            n=5,
            status=big.status,
            has_initiative=big.has_initiative,
            has_decision=big.has_decision,
        )
        .order_by("pk")
        .first()
    )
    collector = (
        Membership.objects.current()
        .filter(role=Membership.Role.COLLECTOR, group__family_centre_id=big.family_centre_id)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    return {"big_phenomenon": big, "small_phenomenon": small, "phenomena_user": collector}


def pages(s: dict) -> list[Page]:
    from django.urls import reverse
    from django.utils import timezone

    triage = reverse("observations:triage")
    year_ago = (timezone.localdate() - timedelta(days=365)).isoformat()
    filtered = urlencode(
        {"environment": "school", "kind": "concern", "theme": "kiusaaminen", "date_from": year_ago}
    )
    return [
        Page("triage, first page", triage, s["collector"]),
        Page("triage, filtered", f"{triage}?{filtered}", s["collector"], "school, concern, theme, last year"),
        Page("triage, page 200", f"{triage}?page=200", s["collector"]),
        Page("triage, search fi", f"{triage}?q=kiusaaminen", s["collector"], "q=kiusaaminen"),
        Page("triage, search sv", f"{triage}?q=mobbning", s["collector"], "q=mobbning"),
        Page("triage, search common word", f"{triage}?q=vanhemmat", s["collector"], "q=vanhemmat"),
        # Found through the Finnish base forms (lapset, lasten, lapsen …) and compound parts (iltapäiväkerho).
        Page("triage, search base form", f"{triage}?q=lapsi", s["collector"], "q=lapsi"),
        Page("triage, search compound part", f"{triage}?q=kerho", s["collector"], "q=kerho"),
        Page(
            "team view",
            reverse("observations:team_view", args=[s["team"].pk]),
            s["team_member"],
            s["team"].name,
        ),
        Page(
            "team view, after a write",
            reverse("observations:team_view", args=[s["team"].pk]),
            s["team_member"],
            "each request the first after a decision changed",
            before=version_raise("team_decisions"),
        ),
        Page("my observations", reverse("observations:mine"), s["author"], f"{s['author_count']:,} own"),
        Page("my observations, page 50", reverse("observations:mine") + "?page=50", s["author"]),
    ] + phenomenon_pages(s)


def phenomenon_pages(s: dict) -> list[Page]:
    from django.urls import reverse

    big, small = s.get("big_phenomenon"), s.get("small_phenomenon")
    if big is None:
        return []
    user = s["phenomena_user"]
    detail = reverse("phenomena:detail", args=[big.pk])
    deep = max(1, math.ceil(big.n / 25) - 20)
    listing = reverse("phenomena:list")
    out = [
        Page(f"phenomenon, {big.n:,} observations", detail, user, f"phenomenon {big.pk}", key="big"),
        Page(f"phenomenon, {big.n:,} observations, page {deep}", f"{detail}?page={deep}", user),
    ]
    # The analysis' people picker: the options htmx asks for as one types (a common first name: more
    # than the 20 shown).
    out.append(
        Page(
            "phenomenon, people to invite search",
            reverse("phenomena:contributors_search", args=[big.pk]),
            user,
            "htmx POST, q=anne",
            headers={"HX-Request": "true"},
            data={"q": "anne"},
        )
    )
    if small is not None:
        out.append(
            Page(
                "phenomenon, 5 observations",
                reverse("phenomena:detail", args=[small.pk]),
                user,
                f"phenomenon {small.pk}, for the query count",
                key="small",
            )
        )
    from phenomena.models import Initiative

    # The big phenomenon's initiative (decided, with its decision and follow-up): opened by the steering
    # group and everyone following the matter.
    initiative = Initiative.objects.filter(phenomenon=big).order_by("pk").first()
    if initiative is not None:
        out.append(
            Page(
                "initiative",
                reverse("phenomena:initiative_detail", args=[initiative.pk]),
                user,
                f"initiative {initiative.pk}",
            )
        )
    out += [
        Page("phenomena list, first page", listing, user),
        Page("phenomena list, search", f"{listing}?q=kiusaaminen", user, "q=kiusaaminen"),
    ]
    return out


def query_count_check(results: list[Result]) -> bool | None:
    """The big phenomenon's page must run as many SQL queries as the five-observation one."""
    big = next((r for r in results if r.page.key == "big"), None)
    small = next((r for r in results if r.page.key == "small"), None)
    if big is None or small is None:
        return None
    same = big.queries == small.queries and big.status == small.status == 200
    print(
        f"\nQuery count check: {big.page.name} runs {big.queries} SQL queries, the five-observation "
        f"phenomenon {small.queries}: {'the same' if same else 'DIFFERENT'}."
    )
    return same


def version_raise(name: str) -> Callable[[], None]:
    """What a write to the tables behind the cached value `name` does to its version (core.fragments): the
    next read computes it again."""

    def raise_version() -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_cacheversion SET version = nextval('core_cacheversion_seq') WHERE name = %s",
                [name],
            )

    return raise_version


def _request(client, page: Page):
    if page.data is not None:
        return client.post(page.url, page.data, headers=page.headers)
    return client.get(page.url, headers=page.headers)


def measure(page: Page, n: int, warmup: int) -> Result:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(page.user)
    result = Result(page)
    before = page.before or (lambda: None)
    for _ in range(warmup):
        before()
        response = _request(client, page)
        result.status = response.status_code
        if response.status_code != 200:
            return result
    for _ in range(n):
        before()
        started = time.perf_counter()
        response = _request(client, page)
        result.times_ms.append((time.perf_counter() - started) * 1000)
        result.status = response.status_code
    result.bytes = len(response.content)
    before()
    with CaptureQueriesContext(connection) as ctx:
        _request(client, page)
    result.queries = len(ctx.captured_queries)
    timed = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
    result.statements = timed
    result.sql_total_ms = sum(t for t, _ in timed)
    if timed:
        result.slowest_ms, result.slowest_sql = max(timed, key=lambda x: x[0])
    return result


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cur.fetchall())


def print_slow_statements(
    results: list[Result], *, slow_ms: float, sql_chars: int, plans: bool, settings: str = ""
):
    """The statements of each page's measured request that took `slow_ms` or more, on one line each, with
    their plans if `plans` (reads only: EXPLAIN ANALYZE runs the statement), each in a transaction that
    first runs `settings` (the page's own SET LOCAL statements, if it has any)."""
    from django.db import connection, transaction

    print(f"\nSQL statements over {slow_ms:g} ms (one request of each page):\n")
    for r in results:
        slow = [(ms, q) for ms, q in r.statements if ms >= slow_ms]
        if r.status != 200 or not slow:
            continue
        print(f"### {r.page.name}\n")
        for ms, q in slow:
            print(f"- {ms:.0f} ms: `{' '.join(q.split())[:sql_chars]}`\n")
            if plans and q.lstrip().upper().startswith(("SELECT", "WITH")):
                with transaction.atomic():
                    if settings:
                        with connection.cursor() as cursor:
                            cursor.execute(settings)
                    print("```\n" + explain(q) + "\n```\n")


def table(results: list[Result]) -> str:
    lines = [
        "| page | median ms | p95 ms | SQL queries | SQL ms (one request) | slowest SQL ms | KB | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        if r.status != 200:
            lines.append(f"| {r.page.name} | – | – | – | – | – | – | status {r.status}, not measured |")
            continue
        lines.append(
            f"| {r.page.name} | {r.median:.0f} | {r.p95:.0f} | {r.queries} | {r.sql_total_ms:.0f} | "
            f"{r.slowest_ms:.0f} | {r.bytes / 1024:.0f} | {r.page.note} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", default="", help="measure only pages whose name contains this")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest SQL of each page")
    parser.add_argument("--slow-ms", type=float, default=50, help="list SQL statements slower than this")
    parser.add_argument("--sql-chars", type=int, default=600, help="characters of each slow statement shown")
    parser.add_argument("--json", default="", help="also write the results to this file")
    args = parser.parse_args(argv)
    if os.environ.get("ILMIO_ENV") != "dev" or "bench" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit("run with ILMIO_ENV=dev and DATABASE_URL pointing to the bench database")
    setup_django()
    from observations.models import Observation
    from phenomena.models import Phenomenon

    total = Observation.objects.count()
    s = subjects()
    if "big_phenomenon" in s:
        print(
            f"{Phenomenon.objects.count():,} phenomena; phenomenon {s['big_phenomenon'].pk} has "
            f"{s['big_phenomenon'].n:,} observations; viewed as {s['phenomena_user'].email}",
            flush=True,
        )
    print(
        f"{total:,} observations; collector {s['collector'].email} (centre {s['centre_id']}); "
        f"team {s['team'].name!r} as {s['team_member'].email}; author {s['author'].email} "
        f"({s['author_count']:,} observations)",
        flush=True,
    )
    load_before = os.getloadavg()
    results = []
    for page in pages(s):
        if args.only and args.only not in page.name:
            continue
        r = measure(page, args.n, args.warmup)
        results.append(r)
        print(
            f"  {page.name}: status {r.status}, median {r.median:.0f} ms, p95 {r.p95:.0f} ms, "
            f"{r.queries} queries",
            flush=True,
        )
    print()
    load_after = os.getloadavg()
    print(
        f"N={args.n} timed requests per page after {args.warmup} warm-ups, {total:,} observations; "
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} before and {load_after[0]:.1f} after.\n"
    )
    print(table(results))
    print_slow_statements(results, slow_ms=args.slow_ms, sql_chars=args.sql_chars, plans=args.explain)
    same = query_count_check(results)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                [
                    {
                        "page": r.page.name,
                        "url": r.page.url,
                        "status": r.status,
                        "median_ms": r.median,
                        "p95_ms": r.p95,
                        "queries": r.queries,
                        "sql_total_ms": r.sql_total_ms,
                        "slowest_ms": r.slowest_ms,
                        "slowest_sql": r.slowest_sql,
                        "statements": r.statements,
                        "times_ms": r.times_ms,
                    }
                    for r in results
                ],
                indent=1,
            )
        )
    return 1 if same is False else 0


if __name__ == "__main__":
    sys.exit(main())
