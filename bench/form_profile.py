"""One send of the open form, in process, profiled: where the time of a send goes, and its queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench .venv/bin/python bench/form_profile.py \\
        [--sends 200] [--top 40] [--queries]

The server's settings as bench/load.py runs it (production mode, its own Redis database BENCH_REDIS_URL,
the per-address limit lifted for 127.0.0.1, ALTCHA difficulty --altcha-max), Django's test client with
CSRF checks on. Each send: a fresh ALTCHA challenge (not timed), solved here, then the POST (timed and
profiled) as a new visitor would send it. Prints the median time of a send, its SQL queries and cProfile's
heaviest functions by cumulative time.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import hashlib
import json
import os
import pstats
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# As bench/locustfile.py does it (that file cannot be imported outside Locust: gevent patches the world).
HIDDEN = re.compile(r'<input[^>]*name="(csrfmiddlewaretoken)"[^>]*value="([^"]*)"')


def hidden_fields(html: str) -> dict:
    return dict(HIDDEN.findall(html))


def solve(challenge: dict) -> str:
    """ALTCHA proof of work, as the widget and bench/locustfile.py do it."""
    salt, target = challenge["salt"], challenge["challenge"]
    for number in range(int(challenge["maxNumber"]) + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == target:
            payload = {**{k: challenge[k] for k in ("algorithm", "salt", "signature")}, "challenge": target}
            payload["number"] = number
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise RuntimeError("ALTCHA challenge without a solution")


def print_details(args, captured, profile) -> None:
    """The statements of the last request (`--queries`) and cProfile's table (`--profile`)."""
    if args.queries:
        for q in captured:
            print(f"  {q['time']}s  {q['sql'][:300]}")
    if args.profile:
        stats = pstats.Stats(profile)
        stats.sort_stats(args.sort).print_stats(args.top)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sends", type=int, default=200)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--altcha-max", type=int, default=1000)
    parser.add_argument("--queries", action="store_true", help="print the SQL of one send")
    parser.add_argument("--profile", action="store_true", help="cProfile the sends (slows them down)")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: cumulative, tottime")
    args = parser.parse_args(argv)

    from bench import load

    args.port = 8000
    args.secret_key = secrets.token_urlsafe(50)
    env = load.server_env(args)
    os.environ.update(env)
    import subprocess

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    from core import spam
    from observations.public_forms import public_municipalities

    if "bench" not in settings.DATABASES["default"]["NAME"]:
        raise SystemExit("DATABASE_URL must name a bench database (its name contains 'bench')")
    translation.activate("fi")
    url = reverse("observations:public_form")
    fields = {
        "environment": "school",
        "age_group": "7-12",
        "municipality": str(public_municipalities().first().pk),
        "email": "",
        "website": "",
    }
    texts = load.TEXTS["family"]
    run = secrets.token_hex(4)

    def one(n: int, profile: cProfile.Profile | None = None) -> tuple[float, int, list]:
        client = Client(enforce_csrf_checks=True, SERVER_NAME="127.0.0.1")
        page = client.get(url)
        hidden = hidden_fields(page.content.decode())
        hidden["stamp"] = spam.stamp_make(now=time.time() - 60)
        challenge = client.get(reverse("altcha_challenge")).json()
        data = {
            **fields,
            **hidden,
            "text": f"{texts[n % len(texts)]} [{run}:{n}]",
            "altcha": solve(challenge),
        }
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            response = client.post(url, data)
            if profile:
                profile.disable()
            took = time.perf_counter() - started
            cpu = time.process_time() - cpu
        if response.status_code != 302:
            raise SystemExit(f"send {n} refused: {response.status_code}")
        return took, cpu, len(queries), queries.captured_queries

    for n in range(5):  # warm up: Voikko, templates, connections
        one(n)
    # Processor time, not wall time: the waits on PostgreSQL and on a busy machine are not counted.
    profile = cProfile.Profile(time.process_time)
    times, cpus, counts = [], [], []
    for n in range(args.sends):
        took, cpu, count, captured = one(100 + n, profile if args.profile else None)
        times.append(took)
        cpus.append(cpu)
        counts.append(count)
    print(
        f"{args.sends} sends: median {statistics.median(times) * 1000:.1f} ms "
        f"(processor time of this process {statistics.median(cpus) * 1000:.1f} ms), "
        f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms, queries per send {max(counts)}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print_details(args, captured, profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
