"""What every signed-in page pays, in process: a page requested as one of the load test's people, its
queries and where its processor time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench .venv/bin/python bench/page_profile.py \\
        [--who collector] [--page ceiling] [--requests 200] [--queries] [--profile --sort tottime]

The server's settings as bench/load.py runs it (production mode, its own Redis database BENCH_REDIS_URL,
the bare page routed), the person's session written as bench/load.py writes it (two-factor authentication
passed). `--page` is a page of the load test (``triage queue``, ``my observations`` …) or ``ceiling``: the
bare page (same middleware and base template, no query of its own), so that what it costs signed in is
what every signed-in page pays before its own work. Prints the median time of a request, the processor
time of this process, the queries of one request and, with --profile, cProfile's table in processor time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.form_profile import print_details  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--who", default="collector", help="collector, team_member, author or chair")
    parser.add_argument("--page", default="ceiling", help="a page of the load test's plan, or ceiling")
    parser.add_argument("--anonymous", action="store_true", help="no session cookie")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request")
    parser.add_argument("--profile", action="store_true", help="cProfile the requests (slows them down)")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: cumulative, tottime")
    args = parser.parse_args(argv)

    from bench import load

    args.port = 8000
    args.altcha_max = 1000
    args.secret_key = secrets.token_urlsafe(50)
    args.run = secrets.token_hex(4)
    env = load.server_env(args)
    os.environ.update(env)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    plan = load.prepare(args)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if args.page == "ceiling":
        url, who = plan["ceiling_url"], args.who
    else:
        url, who = plan["pages"][args.page]["url"], plan["pages"][args.page]["who"]
    client = Client(SERVER_NAME="127.0.0.1")
    if not args.anonymous:
        client.cookies[plan["session_cookie"]] = plan["sessions"][who]

    def one(profile: cProfile.Profile | None = None):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            response = client.get(url)
            if profile:
                profile.disable()
            took, cpu = time.perf_counter() - started, time.process_time() - cpu
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return took, cpu, queries.captured_queries

    for _ in range(5):  # warm up: templates, connections, caches
        one()
    profile = cProfile.Profile(time.process_time)
    times, cpus = [], []
    for _ in range(args.requests):
        took, cpu, captured = one(profile if args.profile else None)
        times.append(took)
        cpus.append(cpu)
    print(
        f"{args.page} as {'nobody' if args.anonymous else who}, {args.requests} requests: median "
        f"{statistics.median(times) * 1000:.1f} ms (processor time of this process "
        f"{statistics.median(cpus) * 1000:.1f} ms), queries {len(captured)}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print_details(args, captured, profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
