"""A load test through the production server (`make bench-load`; see bench/README.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench .venv/bin/python bench/load.py \\
        [--users 40] [--seconds 60] [--page-seconds 15] [--pages] [--form-users 20] [--json out.json]

On the bench database (made by bench/generate.py), it starts gunicorn exactly as docker-compose.yml's `web`
service runs it (its command line is read from that file: the same worker class and count), in production
mode with a secret key of this run, and drives it with Locust, headless, in phases:

1. ``ceiling``: the bare page (/fi/bench/ceiling/: the same middleware and base template as every page, a
   body of about the size of a list page, no database query) at full speed: the server's own ceiling.
2. ``mix``: a county at work (see bench/locustfile.py) for --seconds: requests per second, median, p95,
   p99 and errors per page.
3. ``form``: families sending the open form as fast as the server takes them, with the render stamp, the
   honeypot, ALTCHA verification and the personal-data check on (the per-address limit is lifted for
   127.0.0.1 only, through RATE_LIMIT_EXEMPT_ADDRESSES).
4. with --pages, ``page:<name>``: each page alone at full speed for --page-seconds, so that its throughput
   can be set against the ceiling's: the figure we steer by (aim: at least half of the ceiling).

--phases runs only some of them (``--phases form``: the open form alone, with its kill test). Each phase
also says how busy the load generator was (Locust runs in one process: near 100 % of a core, the client,
not the server, is the limit).

The people are found in the data as bench/run.py finds them; their sessions are written to the database
before the server starts (with two-factor authentication passed where the role needs it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "var" / "bench-load"
BIN = Path(sys.executable).parent

TEXTS = {
    "family": [
        "Lapsemme päiväkodissa on ollut paljon riitoja leikeissä, ja moni vanhempi on huolissaan.",
        "Koulun jälkeen nuorilla ei ole paikkaa, jossa olla iltaisin. Toivoisimme avointa tilaa.",
        "Vi märker att barnen sover för lite på vardagar och är trötta i skolan.",
    ],
    "professional": [
        "Neuvolassa moni vanhempi kertoo väsymyksestä ja siitä, ettei tiedä mistä saisi apua arkeen.",
        "Koulun välitunneilla yksinäisyys näkyy: osa oppilaista jää toistuvasti leikkien ulkopuolelle.",
        "Perheiden avoimessa kohtaamispaikassa toivotaan iltaryhmiä isille.",
    ],
}


def server_env(args) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "ILMIO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": args.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{args.port}",
            "SECURE_SSL_REDIRECT": "False",
            # A Redis database of the bench alone (emptied after the run), never the REDIS_URL of the shell.
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            "RATE_LIMIT_EXEMPT_ADDRESSES": "127.0.0.1",
            "PUBLIC_FORM_ALTCHA_MAX_NUMBER": str(args.altcha_max),
            "BENCH_CEILING": "True",
            "LOG_LEVEL": "WARNING",
            # Mail is not sent (the notifications are still written); no worker runs, so tasks queue up
            # in the bench's own Redis database, emptied after the run.
            "EMAIL_URL": "dummymail://",
        }
    )
    return env


def compose_command(program: str) -> list[str]:
    """The command line of the docker-compose.yml service that runs `program` (gunicorn, celery)."""
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    match = re.search(r'command:\s*(\["' + program + r'".*\])', compose)
    if not match:
        raise SystemExit(f"docker-compose.yml has no {program} command")
    command = json.loads(match.group(1))
    command[0] = str(BIN / program)
    return command


def gunicorn_command(port: int) -> list[str]:
    """The `web` service's command from docker-compose.yml, bound to 127.0.0.1:port."""
    command = compose_command("gunicorn")
    bind = command.index("--bind")
    command[bind + 1] = f"127.0.0.1:{port}"
    return command


def start_worker(env: dict, log) -> subprocess.Popen:
    """The Celery worker as the `worker` service runs it."""
    return subprocess.Popen(
        compose_command("celery"),
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(p) for p in found]


class RssSampler(threading.Thread):
    """The largest resident set of any gunicorn worker, sampled twice a second."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master = master
        self.peak_kb = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            for pid in children(self.master):
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    continue
            time.sleep(0.5)


def kill_test_counts(run: str, accepted: list[Path]) -> dict:
    """Families' sends of this run (the mix's and the form phase's) that got a success page against the
    rows they made in the database: each once, none twice. The professionals' logged observations carry
    the run's mark too, and are left out of both counts."""
    from django.db.models import Count

    from observations.models import Observation

    codes = [c for path in accepted if path.exists() for c in path.read_text(encoding="utf-8").split() if c]
    rows = Observation.objects.filter(text__contains=f"[{run}:", source=Observation.Source.FAMILY_FORM)
    duplicates = rows.values("text").annotate(n=Count("id")).filter(n__gt=1).count()
    found = Observation.objects.filter(followup_code__in=codes).count()
    return {"success_pages": len(codes), "rows": rows.count(), "found": found, "duplicates": duplicates}


def pdf_ratio(plan: dict, repeats: int = 5) -> dict:
    """A minutes PDF of a 20-item agenda against WeasyPrint rendering plain HTML of the same length."""
    import statistics

    from django.test import Client
    from weasyprint import HTML

    if "pdf meeting" not in plan:
        return {}
    client = Client(SERVER_NAME="127.0.0.1")
    client.cookies[plan["session_cookie"]] = plan["sessions"]["chair"]
    url = plan["pdf meeting"]
    first = client.get(url)
    if first.status_code != 200:
        return {"error": f"minutes PDF answered {first.status_code}"}
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=first.content, capture_output=True, check=True
    ).stdout
    length = len(text.decode("utf-8", "replace"))
    words = (
        "Perhekeskuksen ohjausryhmä käsitteli asian ja päätti esityksen mukaisesti. " * (length // 70 + 1)
    )[:length]
    plain = (
        "<html><body>"
        + "".join(f"<p>{words[i : i + 600]}</p>" for i in range(0, length, 600))
        + "</body></html>"
    )
    page, bare = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(url)
        page.append(time.perf_counter() - started)
        started = time.perf_counter()
        HTML(string=plain).write_pdf()
        bare.append(time.perf_counter() - started)
    minutes_ms, plain_ms = statistics.median(page) * 1000, statistics.median(bare) * 1000
    return {
        "characters": length,
        "minutes_ms": minutes_ms,
        "plain_ms": plain_ms,
        "ratio": minutes_ms / plain_ms,
    }


def pdf_meeting(group, chair) -> str:
    """A held meeting of the chair's group with a 20-item agenda and its minutes (made once in the bench
    database), for the PDF measurement."""
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from familycentres.models import AgendaItem, Meeting

    title = "Mittaus: 20 kohdan esityslista"
    meeting = Meeting.objects.filter(group=group, title=title).first()
    if meeting is None:
        starts = timezone.now() - timedelta(days=30)
        meeting = Meeting.objects.create(
            group=group,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            status=Meeting.Status.HELD,
            minutes="Kokous todettiin lailliseksi ja päätösvaltaiseksi. " * 20,
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                order=n,
                title=f"Asia {n}: perhekeskuksen palvelujen kehittäminen alueella",
                description="Esittelijän ehdotus ja taustatiedot asian käsittelyä varten. " * 6,
                outcome="Ohjausryhmä päätti esityksen mukaisesti ja pyysi seurantaa seuraavaan kokoukseen.",
            )
            for n in range(1, 21)
        )
    return reverse("phenomena:minutes_pdf", args=[meeting.pk])


def machine() -> str:
    """The machine and the PostgreSQL settings the figures were measured with."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
        settings = []
        for name in (
            "shared_buffers",
            "work_mem",
            "effective_cache_size",
            "max_connections",
            "random_page_cost",
        ):
            cur.execute(f"SHOW {name}")
            settings.append(f"{name}={cur.fetchone()[0]}")
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"machine: {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB; PostgreSQL {version}: "
        + ", ".join(settings)
    )


def prepare(args) -> dict:
    """Finds the people, writes their sessions, and returns the plan the Locust users follow."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse
    from django.utils import translation

    from bench.run import subjects
    from core import spam
    from observations.forms import ObservationForm
    from observations.models import Observation
    from observations.public_forms import public_municipalities

    if "bench" not in settings.DATABASES["default"]["NAME"]:
        raise SystemExit("DATABASE_URL must name a bench database (its name contains 'bench')")
    translation.activate("fi")
    s = subjects()
    meeting, chair = chair_and_meeting()
    people = {"collector": s["collector"], "team_member": s["team_member"], "author": s["author"]}
    if chair is not None:
        people["chair"] = chair

    sessions = {}
    for role, user in people.items():
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        mark_mfa_passed(store, user)
        store.create()
        sessions[role] = store.session_key

    triage = reverse("observations:triage")
    pages = {
        "triage queue": {"url": triage, "who": "collector"},
        "triage search": {"url": f"{triage}?q=kiusaaminen", "who": "collector"},
        "triage filtered": {"url": f"{triage}?environment=school&kind=concern", "who": "collector"},
        "phenomena list": {"url": reverse("phenomena:list"), "who": "collector"},
        "team view": {"url": reverse("observations:team_view", args=[s["team"].pk]), "who": "team_member"},
        "my observations": {"url": reverse("observations:mine"), "who": "author"},
    }
    pdf = {}
    if chair is not None:
        pdf["pdf meeting"] = pdf_meeting(meeting.group, chair)
    if chair is not None:
        pages["meeting page"] = {
            "url": reverse("familycentres:meeting_detail", args=[meeting.pk]),
            "who": "chair",
        }
        pages["minutes PDF"] = {"url": reverse("phenomena:minutes_pdf", args=[meeting.pk]), "who": "chair"}

    form = ObservationForm(user=s["author"])
    first = {
        name: first_choice(form.fields[name].choices)
        for name in ("environment", "age_group", "area", "source")
    }
    observation_fields = {
        **{k: str(v) for k, v in first.items()},
        "kind": Observation.Kind.CONCERN,
        "themes": "arki",
        "observed_on": time.strftime("%Y-%m-%d"),
    }
    municipality = public_municipalities().first()
    codes = list(
        Observation.objects.filter(source=Observation.Source.FAMILY_FORM)
        .exclude(followup_code=None)
        .values_list("followup_code", flat=True)[:50]
    )
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "sessions": sessions,
        "pages": pages,
        "ceiling_url": reverse("bench_ceiling") + "?kb=30",
        "altcha_url": reverse("altcha_challenge"),
        "observation_form": {"url": reverse("observations:create"), "fields": observation_fields},
        "family_form": {
            "url": reverse("observations:public_form"),
            "fields": {
                "environment": "school",
                "age_group": "7-12",
                "municipality": str(municipality.pk),
                "email": "",
                "website": "",
            },
        },
        "status_urls": [reverse("observations:public_status", args=[code]) for code in codes],
        "old_stamp": spam.stamp_make(now=time.time() - 60),
        "texts": TEXTS,
        "run": args.run,
        "people": {role: user.pk for role, user in people.items()},
        **pdf,
    }


def first_choice(choices) -> str:
    """The first real value of a select's choices, looking inside option groups."""
    for value, label in choices:
        if isinstance(label, list | tuple):
            return first_choice(label)
        if value:
            return str(value)
    raise SystemExit("a select of the observation form has no choices")


def chair_and_meeting():
    """The meeting with the most decisions (else the latest meeting of a steering group) and its chair."""
    from django.db.models import Count

    from familycentres.models import Group, Meeting, Membership
    from phenomena.models import Decision

    busiest = (
        Decision.objects.exclude(meeting=None)
        .values("meeting")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest:
        meeting = Meeting.objects.get(pk=busiest["meeting"])
    else:
        meeting = (
            Meeting.objects.exclude(group__kind=Group.Kind.LOCAL_TEAM).order_by("-pk").first()
            or Meeting.objects.filter(status=Meeting.Status.HELD).order_by("-starts_at").first()
        )
    if meeting is None:
        return None, None
    # The chair, or (where the data set names no chair) another member who opens the group's meetings.
    members = (
        Membership.objects.current()
        .filter(group_id=meeting.group_id)
        .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
        .select_related("user")
    )
    chair = members.filter(role=Membership.Role.CHAIR).first() or members.order_by("pk").first()
    return meeting, (chair.user if chair else None)


def mark_mfa_passed(store, user) -> None:
    """The session as allauth's sign-in leaves it after the password and the authenticator code."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator

    from accounts.tests.factories import enable_totp

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enable_totp(user)
    now = time.time()
    store[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]


def flush_queue(redis_url: str) -> None:
    """Empties the bench's Redis database: the tasks the run queued have no worker to take them."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """The processor time (user and system) a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command name: state is field 3, utime and stime are fields 14 and 15 (1-based).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuSampler(threading.Thread):
    """A process's share of one core over its life, sampled until it ends (read just before it is reaped,
    so that the last sample counts)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.started = time.monotonic()
        self.used = 0.0
        self.wall = 0.0
        self.running = True

    def run(self) -> None:
        while self.running:
            used = cpu_seconds(self.pid)
            if used:
                self.used = used
                self.wall = time.monotonic() - self.started
            time.sleep(0.2)

    def share(self) -> float:
        return self.used / self.wall if self.wall else 0.0


def run_locust(
    phase: str, users: int, seconds: int, host: str, plan_path: Path, env: dict, during=None
) -> dict:
    """One phase; `during(seconds)` runs while Locust does (the kill test). The result has the phase's
    rows by name and, under GENERATOR, the share of one core the Locust process used."""
    prefix = OUT / re.sub(r"[^a-z0-9]+", "-", phase.lower()).strip("-")
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "5",
    ]
    phase_env = {
        **env,
        "LOAD_PLAN": str(plan_path),
        "LOAD_PHASE": phase,
        "LOAD_ACCEPTED": f"{prefix}.accepted",
    }
    with open(f"{prefix}.log", "w", encoding="utf-8") as log:
        locust = subprocess.Popen(command, env=phase_env, stdout=log, stderr=subprocess.STDOUT)
        busy = CpuSampler(locust.pid)
        busy.start()
        if during is not None:
            during(seconds)
        locust.wait()
        busy.running = False
    stats = read_stats(Path(f"{prefix}_stats.csv"))
    stats[GENERATOR] = {"cpu_share": busy.share()}
    return stats


# The key of a phase's result that holds the load generator's processor share, not a page.
GENERATOR = "load generator"


def number(value: str) -> float:
    """Locust writes N/A for a percentile of no requests."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def read_stats(path: Path) -> dict:
    rows = {}
    if not path.exists():
        return rows
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": number(row["Requests/s"]),
                "median": number(row["50%"]),
                "p95": number(row["95%"]),
                "p99": number(row["99%"]),
                "bytes": number(row["Average Content Size"]),
            }
    return rows


def generator_busy(phase: dict) -> str:
    share = phase.get(GENERATOR, {}).get("cpu_share")
    return f"load generator {share:.0%} of a core" if share is not None else ""


def report(ceiling: dict, mix: dict, form: dict, alone: dict, load: tuple) -> str:
    bare = ceiling.get("ceiling", {})
    lines = [f"load average before / after: {load[0]:.1f} / {load[1]:.1f}"]
    if ceiling:
        lines.append(
            f"ceiling (bare page, {bare.get('bytes', 0) / 1024:.0f} KB): {bare.get('rps', 0):.0f} req/s, "
            f"median {bare.get('median', 0):.0f} ms, p95 {bare.get('p95', 0):.0f} ms; "
            + generator_busy(ceiling)
        )
    if mix:
        lines += [
            "",
            f"mix ({generator_busy(mix)})",
            "mix                          req/s  median    p95    p99  errors   alone req/s  share of ceiling",
        ]
    for name, row in sorted(mix.items()):
        if name in ("Aggregated", GENERATOR):
            continue
        solo = alone.get(name, {}).get(name)
        share = f"{solo['rps'] / bare['rps']:.0%}" if solo and bare.get("rps") else "-"
        solo_rps = f"{solo['rps']:.1f}" if solo else "-"
        lines.append(
            f"{name:<28} {row['rps']:6.1f} {row['median']:7.0f} {row['p95']:6.0f} {row['p99']:6.0f} "
            f"{row['failures']:7d} {solo_rps:>13} {share:>17}"
        )
    if form:
        sent = form.get("family form send", {})
        accepted = sent.get("rps", 0) * (1 - sent.get("failures", 0) / max(sent.get("requests", 0), 1))
        challenge = form.get("ALTCHA challenge", {})
        lines += [
            "",
            f"open form, sends alone: {accepted:.1f} accepted/s (median {sent.get('median', 0):.0f} ms, "
            f"p95 {sent.get('p95', 0):.0f} ms, errors {sent.get('failures', 0)}) — aim 100/s; "
            f"ALTCHA challenges {challenge.get('rps', 0):.1f}/s (median {challenge.get('median', 0):.0f} ms); "
            + generator_busy(form),
        ]
    for name, phase in alone.items():
        if GENERATOR in phase:
            lines.append(f"alone, {name}: {generator_busy(phase)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=40, help="simultaneous users of the mix")
    parser.add_argument("--seconds", type=int, default=60, help="length of the mix")
    parser.add_argument("--ceiling-seconds", type=int, default=20)
    parser.add_argument("--form-users", type=int, default=20)
    parser.add_argument("--form-seconds", type=int, default=20)
    parser.add_argument("--pages", action="store_true", help="also each page alone, against the ceiling")
    parser.add_argument("--page-seconds", type=int, default=15)
    parser.add_argument("--page-users", type=int, default=10)
    parser.add_argument(
        "--altcha-max", type=int, default=1000, help="ALTCHA difficulty (the client solves it)"
    )
    parser.add_argument(
        "--phases",
        default="ceiling,mix,form",
        help="the phases to run, comma-separated (ceiling, mix, form); --pages adds each page alone",
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    phases = {p.strip() for p in args.phases.split(",") if p.strip()}
    if not phases <= {"ceiling", "mix", "form"}:
        parser.error("--phases takes ceiling, mix and form")
    args.port = args.port or free_port()
    args.secret_key = secrets.token_urlsafe(50)
    args.run = secrets.token_hex(4)
    env = server_env(args)
    os.environ.update(env)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in [*OUT.glob("*.accepted"), *OUT.glob("refused-*.html")]:
        old.unlink()

    # The bench database follows the code: its migrations first.
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    plan = prepare(args)
    plan_path = OUT / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")

    command = gunicorn_command(args.port)
    print("server:", shlex.join(command), flush=True)
    server_log = open(OUT / "server.log", "w", encoding="utf-8")  # noqa: SIM115 - closed after the server
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=server_log, stderr=subprocess.STDOUT
    )
    host = f"http://127.0.0.1:{args.port}"
    worker_log = open(OUT / "worker.log", "w", encoding="utf-8")  # noqa: SIM115 - closed after the worker
    workers = [start_worker(env, worker_log)]
    sampler = RssSampler(server.pid)
    killed = {}

    def kill_mid_run(seconds: int) -> None:
        """Half-way through the form phase: SIGKILL one gunicorn worker and restart the Celery worker."""
        time.sleep(seconds / 2)
        victims = children(server.pid)
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            killed["gunicorn worker"] = victims[0]
        stop(workers[-1])
        workers.append(start_worker(env, worker_log))
        killed["celery worker restarted"] = True

    try:
        wait_until_up(host + plan["ceiling_url"])
        sampler.start()
        before = os.getloadavg()[0]
        ceiling = mix = form = {}
        if "ceiling" in phases:
            ceiling = run_locust("ceiling", args.page_users, args.ceiling_seconds, host, plan_path, env)
        if "mix" in phases:
            mix = run_locust("mix", args.users, args.seconds, host, plan_path, env)
        if "form" in phases:
            form = run_locust(
                "form", args.form_users, args.form_seconds, host, plan_path, env, during=kill_mid_run
            )
        alone = {}
        if args.pages:
            for name in plan["pages"]:
                alone[name] = run_locust(
                    f"page:{name}", args.page_users, args.page_seconds, host, plan_path, env
                )
        after = os.getloadavg()[0]
    finally:
        sampler.running = False
        stop(server)
        for worker in workers:
            stop(worker)
        server_log.close()
        worker_log.close()
        flush_queue(env["REDIS_URL"])
    counts = kill_test_counts(args.run, [OUT / "mix.accepted", OUT / "form.accepted"])
    pdf = pdf_ratio(plan)
    print(machine())
    print(report(ceiling, mix, form, alone, (before, after)))
    print(
        f"kill test (gunicorn worker {killed.get('gunicorn worker', '-')} killed with SIGKILL, Celery worker "
        f"restarted, half-way through the form phase): success pages {counts['success_pages']}, rows "
        f"{counts['rows']} (of them with a success page: {counts['found']}), duplicates {counts['duplicates']}"
    )
    if pdf.get("ratio"):
        print(
            f"minutes PDF of a 20-item agenda ({pdf['characters']:,} characters): {pdf['minutes_ms']:.0f} ms, "
            f"plain HTML of the same length {pdf['plain_ms']:.0f} ms: ratio {pdf['ratio']:.1f}"
        )
    print(f"peak RSS of a gunicorn worker: {sampler.peak_kb / 1024:.0f} MB (aim under 250 MB)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "ceiling": ceiling,
                    "mix": mix,
                    "form": form,
                    "alone": alone,
                    "kill_test": counts,
                    "pdf": pdf,
                    "peak_rss_kb": sampler.peak_kb,
                },
                indent=2,
            )
        )
    # The form phase's few refused sends are the requests the killed worker was serving: expected. A send
    # that got a success page and is not in the database (or is there twice) is not.
    errors = sum(row["failures"] for name, row in mix.items() if name not in ("Aggregated", GENERATOR))
    lost = counts["found"] != counts["success_pages"] or counts["duplicates"]
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
