"""A national-scale data set for measuring the observation pages.

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench \\
        .venv/bin/python bench/generate.py --observations 1000000 [--reset]

Creates the database if it is missing (through the server's `postgres` database), migrates it, and fills
it with: the 21 wellbeing services counties; 300 municipalities (the real ones of Pirkanmaa and
Pohjois-Karjala, the others made up with plausible names and unused three-digit codes) and local areas in
the biggest ones; one to three family centres per county; a county steering group, a steering group per
family centre (with its collectors) and a local family-centre team per municipality, with meetings; a few
thousand users; about 200 Finnish and Swedish themes; and the observations, with Finnish and Swedish text
(about a tenth Swedish), spread over three years, with statuses, themes and about 2 % held for personal
data. Then phenomena (`--phenomena`, 20,000 by default; `bench/phenomenagen.py`) grouping 5–60 observations
of their family centre each, one grouping 5,000, with initiatives and decisions.

`--phenomena-only N` adds the phenomena to a database that already has its observations, without touching
them (`--replace-phenomena` empties earlier phenomena, initiatives and decisions first):

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench \\
        .venv/bin/python bench/generate.py --phenomena-only 20000

Observations and their themes go in with PostgreSQL COPY in batches; PostgreSQL computes the generated
`search` column itself. Everything is fictional. `--reset` drops the database first. The database name
must contain "bench", so that a slip cannot drop a real database.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import sys
import time
import unicodedata
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HELSINKI = ZoneInfo("Europe/Helsinki")
YEARS = 3
BATCH = 25_000

# Approximate populations (thousands) of the counties; they set how many observations each county has.
COUNTY_POPULATION = {
    "01": 99, "02": 202, "03": 480, "04": 280, "05": 484, "06": 214, "07": 170, "08": 530, "09": 205,
    "10": 162, "11": 126, "12": 131, "13": 248, "14": 164, "15": 275, "16": 191, "17": 177, "18": 68,
    "19": 418, "20": 71, "21": 176,
}  # fmt: skip
# Synthetic municipalities per county (Pirkanmaa and Pohjois-Karjala come from the reference file).
SYNTHETIC_MUNICIPALITIES = {
    "01": 5, "02": 6, "03": 10, "04": 2, "05": 29, "06": 16, "07": 11, "09": 10, "10": 6, "11": 9,
    "12": 12, "13": 21, "15": 24, "16": 18, "17": 14, "18": 8, "19": 32, "20": 8, "21": 23,
}  # fmt: skip
# Share of observations written in Swedish, by county (Ostrobothnia and Uusimaa are bilingual).
SWEDISH_SHARE = {"17": 0.55, "03": 0.42, "01": 0.38, "05": 0.12, "18": 0.12, "02": 0.06, "04": 0.06}
SWEDISH_NAMED = {"17", "03", "01"}  # counties whose made-up municipalities get Swedish names as well
# Real populations (thousands) of the municipalities in the reference file.
REAL_POPULATION = {
    "837": 250, "211": 33, "418": 25, "536": 35, "980": 33, "604": 20, "790": 24, "908": 21, "020": 16,
    "562": 9, "108": 10, "143": 7, "508": 10, "581": 6, "936": 6.5, "922": 4.5, "635": 6.5, "887": 4.7,
    "702": 4.2, "250": 1.8, "177": 1.8, "291": 2.1, "619": 2.7, "167": 77, "276": 15, "426": 12,
    "260": 10, "422": 11, "541": 7.5, "309": 6.5, "146": 4.6, "176": 4.5, "607": 4.2, "848": 4.2,
    "090": 3.2, "707": 2,
}  # fmt: skip

AGE_WEIGHTS = {"0-2": 12, "3-6": 22, "7-12": 25, "13-17": 22, "18-29": 7, "family": 12}
ENV_BY_AGE = {
    "0-2": {"home": 40, "services": 40, "ecec": 5, "leisure": 8, "other": 7},
    "3-6": {"ecec": 50, "home": 20, "leisure": 10, "services": 12, "other": 5, "digital": 3},
    "7-12": {"school": 50, "leisure": 18, "home": 14, "digital": 12, "services": 4, "other": 2},
    "13-17": {"school": 40, "digital": 22, "leisure": 20, "home": 10, "services": 5, "other": 3},
    "18-29": {"services": 30, "digital": 20, "leisure": 20, "home": 15, "other": 10, "school": 5},
    "family": {"home": 45, "services": 25, "leisure": 15, "other": 10, "digital": 5},
}
PROFESSIONAL_SOURCES = {"own_work": 55, "family_told": 20, "team": 10, "survey": 6, "research": 4, "media": 5}
FAMILY_SHARE = 0.12
POSITIVE_SHARE = 0.30
HELD_SHARE = {"family": 0.06, "professional": 0.015}  # about 2 % together


def log(message: str) -> None:
    print(f"[{datetime.now(HELSINKI):%H:%M:%S}] {message}", flush=True)


@contextmanager
def timed(label: str, timings: dict):
    started = time.perf_counter()
    log(f"{label} …")
    yield
    timings[label] = time.perf_counter() - started
    log(f"{label}: {timings[label]:.1f} s")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# --- Database ------------------------------------------------------------------------------------------


def ensure_database(url: str, *, reset: bool) -> str:
    params = psycopg.conninfo.conninfo_to_dict(url)
    name = params.get("dbname") or ""
    if "bench" not in name:
        raise SystemExit(f"refusing to use database {name!r}: its name must contain 'bench'")
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reset:
            log(f"dropping database {name}")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            log(f"creating database {name}")
            conn.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name))
            )
    return name


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


# --- The network ---------------------------------------------------------------------------------------


@dataclass
class Municipality:
    area_id: int
    code: str
    name: str
    county: str
    population: float
    centre_id: int = 0
    local_area_ids: list[int] = field(default_factory=list)
    team_id: int = 0
    authors: list[int] = field(default_factory=list)
    author_cum: list[float] = field(default_factory=list)


@dataclass
class Network:
    municipalities: list[Municipality]
    mun_cum: list[float]
    themes_fi: list[int]
    themes_sv: list[int]
    theme_ids: dict[str, int]
    users: int = 0


def _municipality_names(rng: random.Random, count: int, taken: set[str], swedish: bool):
    from bench import vocabulary as v

    names = []
    while len(names) < count:
        fi = rng.choice(v.FI_NAME_HEADS) + rng.choice(v.FI_NAME_TAILS)
        if fi in taken:
            continue
        sv = (rng.choice(v.SV_NAME_HEADS) + rng.choice(v.SV_NAME_TAILS)) if swedish else fi
        if sv in taken:
            continue
        taken.update({fi, sv})
        names.append((fi, sv))
    return names


def build_network(rng: random.Random, timings: dict) -> Network:
    import csv

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from bench import vocabulary as v
    from bench.textgen import all_themes
    from familycentres.demo import LOCAL_AREAS, REGIONS
    from familycentres.models import Area, FamilyCentre, Group, Meeting, Membership, Organisation, centre_slug
    from observations.models import Theme

    User = get_user_model()
    rows = list(csv.DictReader((ROOT / "familycentres" / "data" / "areas.csv").open(encoding="utf-8")))

    with transaction.atomic():
        counties = {}
        for row in rows:
            if row["kind"] == "wellbeing_county" and row["code"] in COUNTY_POPULATION:
                counties[row["code"]] = Area.objects.create(
                    kind="wellbeing_county",
                    code=row["code"],
                    name_fi=row["name_fi"],
                    name_sv=row["name_sv"],
                    sotkanet_region_id=int(row["sotkanet_region_id"]),
                )
        real = [r for r in rows if r["kind"] == "municipality" and r["parent_code"] in counties]
        used_codes = {r["code"] for r in real}
        free_codes = [f"{n:03d}" for n in range(5, 1000) if f"{n:03d}" not in used_codes]
        rng.shuffle(free_codes)
        taken_names = {r["name_fi"] for r in real} | {r["name_sv"] for r in real}

        specs = []  # (county, code, name_fi, name_sv, population)
        for r in real:
            specs.append(
                (r["parent_code"], r["code"], r["name_fi"], r["name_sv"], REAL_POPULATION[r["code"]])
            )
        for county, count in SYNTHETIC_MUNICIPALITIES.items():
            names = _municipality_names(rng, count, taken_names, county in SWEDISH_NAMED)
            # One central town takes a large share; the rest are small, as in Finland.
            total = COUNTY_POPULATION[county]
            raw = [rng.lognormvariate(0, 1.0) for _ in range(count)]
            raw[0] = sum(raw) * (0.5 if count > 3 else 1.0)
            scale = total / sum(raw)
            for (fi, sv), weight in zip(names, raw, strict=True):
                specs.append((county, free_codes.pop(), fi, sv, max(0.6, weight * scale)))
        areas = Area.objects.bulk_create(
            [
                Area(kind="municipality", code=code, name_fi=fi, name_sv=sv, parent=counties[county])
                for county, code, fi, sv, _pop in specs
            ]
        )
        municipalities = [
            Municipality(area_id=a.pk, code=a.code, name=a.name_fi, county=spec[0], population=spec[4])
            for a, spec in zip(areas, specs, strict=True)
        ]
        by_code = {m.code: m for m in municipalities}

        # Local areas in the twelve biggest municipalities (Tampere's from the demo network).
        local = []
        for m in sorted(municipalities, key=lambda m: -m.population)[:12]:
            if m.code == "837":
                names = [(code, fi, sv) for code, fi, sv, _parent in LOCAL_AREAS]
            else:
                picked = rng.sample(v.LOCAL_AREA_NAMES, rng.randint(3, 5))
                names = [(f"{m.code}-{i + 1:02d}", n, n) for i, n in enumerate(picked)]
            for code, fi, sv in names:
                local.append(
                    (m, Area(kind="local_area", code=code, name_fi=fi, name_sv=sv, parent_id=m.area_id))
                )
        for m, area in zip(
            [m for m, _a in local], Area.objects.bulk_create([a for _m, a in local]), strict=True
        ):
            m.local_area_ids.append(area.pk)

        # Family centres: one to three per county, each serving a set of its municipalities.
        orgs = {
            code: Organisation.objects.create(
                name=f"{county.name_fi} hyvinvointialue (bench)", kind="wellbeing_county", area=county
            )
            for code, county in counties.items()
        }
        centres_by_county: dict[str, list[tuple[FamilyCentre, list[Municipality]]]] = {}
        for code, county in counties.items():
            mine = sorted([m for m in municipalities if m.county == code], key=lambda m: -m.population)
            if code == "08":
                splits = [
                    (r["name_fi"], r["name_sv"], [by_code[c] for c in r["municipalities"]]) for r in REGIONS
                ]
            else:
                n = 1 if len(mine) <= 8 else 2 if len(mine) <= 18 else 3
                parts_fi = {
                    1: [""],
                    2: ["pohjoinen", "eteläinen"],
                    3: ["pohjoinen", "keskinen", "eteläinen"],
                }[n]
                parts_sv = {1: [""], 2: ["norra", "södra"], 3: ["norra", "mellersta", "södra"]}[n]
                splits = [
                    (fi, sv, mine[i::n]) for i, (fi, sv) in enumerate(zip(parts_fi, parts_sv, strict=True))
                ]
            centres_by_county[code] = []
            for part_fi, part_sv, served in splits:
                name_fi = f"Perhekeskus {county.name_fi}" + (f" – {part_fi}" if part_fi else "")
                name_sv = f"Familjecentralen {county.name_sv}" + (f" – {part_sv}" if part_sv else "")
                slug = centre_slug(name_fi)
                centre = FamilyCentre.objects.create(
                    name_fi=name_fi,
                    name_sv=name_sv,
                    slug=slug,
                    wellbeing_county=county,
                    description="Mittausaineiston perhekeskus.",
                )
                served_ids = [m.area_id for m in served]
                for m in served:
                    m.centre_id = centre.pk
                    served_ids += m.local_area_ids
                centre.municipalities.set(served_ids)
                centres_by_county[code].append((centre, served))

        # People. A pool of names; emails are unique by a running number.
        user_rows: list = []

        def person(county_code: str, title: str, swedish: bool = False) -> int:
            first = rng.choice(v.SV_FIRST if swedish else v.FI_FIRST)
            last = rng.choice(v.SV_LAST if swedish else v.FI_LAST)
            n = len(user_rows) + 1
            email = f"{_ascii(first).lower()}.{_ascii(last).lower()}.{n}@bench.ilmio.invalid"
            user_rows.append(
                User(
                    email=email,
                    full_name=f"{first} {last}",
                    title=title,
                    language="sv" if swedish else "fi",
                    password="!bench-no-password",  # unusable; the benchmark uses force_login
                )
            )
            return n - 1  # index into user_rows

        groups: list[Group] = []
        members: list[tuple[int, int, str, str]] = []  # (group index, user index, role, county)
        meetings_for: list[int] = []  # group indexes of local teams
        today = date.today()
        for code, county in counties.items():
            sv = SWEDISH_SHARE.get(code, 0.02)
            county_group = len(groups)
            groups.append(
                Group(
                    name=f"Maakunnallinen ohjausryhmä – {county.name_fi}",
                    kind="county_steering",
                    level="county",
                    area=county,
                )
            )
            for i in range(10):
                role = "chair" if i == 0 else "secretary" if i == 1 else "member"
                members.append((county_group, person(code, "Johtaja", rng.random() < sv), role, code))
            for centre, served in centres_by_county[code]:
                steering = len(groups)
                groups.append(
                    Group(
                        name=f"Ohjausryhmä – {centre.name_fi}",
                        kind="local_steering",
                        level="local",
                        family_centre=centre,
                    )
                )
                groups[steering]._parent_index = county_group
                for i in range(8):
                    role = "chair" if i == 0 else "secretary" if i == 1 else "member"
                    members.append(
                        (steering, person(code, "Palvelupäällikkö", rng.random() < sv), role, code)
                    )
                members.append((steering, person(code, "Perhekeskuskoordinaattori"), "coordinator", code))
                for _ in range(rng.randint(1, 2)):
                    members.append(
                        (steering, person(code, "Tiedolla johtamisen asiantuntija"), "collector", code)
                    )
                for m in served:
                    team = len(groups)
                    groups.append(
                        Group(
                            name=f"Perhekeskustiimi – {m.name}",
                            kind="local_team",
                            level="local",
                            family_centre=centre,
                            area_id=m.area_id,
                        )
                    )
                    groups[team]._parent_index = steering
                    groups[team]._municipality = m
                    meetings_for.append(team)
                    size = max(4, min(40, 4 + round(m.population / 4)))
                    for i in range(size):
                        role = "chair" if i == 0 else "secretary" if i == 1 else "member"
                        idx = person(code, rng.choice(v.FI_TITLES), rng.random() < sv)
                        members.append((team, idx, role, code))
                        m.authors.append(idx)

        users = User.objects.bulk_create(user_rows, batch_size=2000)
        groups = _bulk_groups(groups)
        Membership.objects.bulk_create(
            [
                Membership(
                    group=groups[g],
                    user=users[u],
                    role=role,
                    organisation=orgs[county],
                    started_on=today - timedelta(days=YEARS * 365),
                )
                for g, u, role, county in members
            ],
            batch_size=5000,
        )
        # Authors write with very different zeal: a few heavy authors per team (Zipf).
        for m in municipalities:
            m.authors = [users[i].pk for i in m.authors]
            weights = [1 / (rank + 1) ** 1.1 for rank in range(len(m.authors))]
            m.author_cum = _cumulative(weights)
        for g_index in meetings_for:
            groups[g_index]._municipality.team_id = groups[g_index].pk

        # Local teams meet every six weeks; the last held meeting is 1–42 days ago.
        meeting_rows = []
        for g_index in meetings_for:
            group = groups[g_index]
            last = datetime.combine(today - timedelta(days=rng.randint(1, 42)), datetime.min.time(), HELSINKI)
            for k in range(-1, 9):
                start = last - timedelta(days=42 * k) + timedelta(hours=13)
                meeting_rows.append(
                    Meeting(
                        group=group,
                        title="Perhekeskustiimin tapaaminen",
                        starts_at=start,
                        ends_at=start + timedelta(hours=2),
                        location="Perhekeskus",
                        status="planned" if k == -1 else "held",
                    )
                )
        Meeting.objects.bulk_create(meeting_rows, batch_size=5000)

        themes = Theme.objects.bulk_create([Theme(name=name) for name in all_themes()])
        theme_ids = {t.name: t.pk for t in themes}
        sv_names = _swedish_theme_names()
        themes_sv = [theme_ids[n] for n in theme_ids if n in sv_names]
        themes_fi = [theme_ids[n] for n in theme_ids if n not in sv_names]

    mun_cum = _cumulative([m.population for m in municipalities])
    log(
        f"network: {len(counties)} counties, {len(municipalities)} municipalities, {len(local)} local areas, "
        f"{sum(len(c) for c in centres_by_county.values())} family centres, {len(groups)} groups, "
        f"{len(users)} users, {len(members)} memberships, {len(meeting_rows)} meetings, {len(themes)} themes"
    )
    return Network(municipalities, mun_cum, themes_fi, themes_sv, theme_ids, users=len(users))


def _bulk_groups(groups):
    """Groups point to their next level up, so they go in level by level: county, centre, team."""
    from familycentres.models import Group

    depth = {"county_steering": 0, "local_steering": 1, "local_team": 2}
    created: dict[int, Group] = {}
    for level in (0, 1, 2):
        batch = [i for i, g in enumerate(groups) if depth[g.kind] == level]
        for i in batch:
            parent_index = getattr(groups[i], "_parent_index", None)
            if parent_index is not None:
                groups[i].parent_id = created[parent_index].pk
        for i, g in zip(batch, Group.objects.bulk_create([groups[i] for i in batch]), strict=True):
            created[i] = g
    return [created[i] for i in range(len(groups))]


def _swedish_theme_names() -> set[str]:
    from bench import vocabulary as v

    names = set(v.SV_EXTRA_THEMES)
    for preds in (v.SV_CONCERNS, v.SV_POSITIVES):
        for *_rest, themes in preds:
            names.update(themes)
    return names


def _cumulative(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


# --- Observations --------------------------------------------------------------------------------------

OBS_COLUMNS = [
    "id", "created_at", "updated_at", "created_by_id", "text", "kind", "environment", "age_group",
    "area_id", "family_centre_id", "observed_on", "source", "author_id", "status", "archive_reason",
    "merged_into_id", "held", "held_reasons", "followup_code", "contact_email", "language", "triaged_at",
    "lemmas",
]  # fmt: skip


def daily_counts(total: int, start: date, days: int, rng: random.Random) -> list[int]:
    """Observations per day: use grows over the three years; fewer at weekends, in July and at Christmas."""
    weights = []
    for d in range(days):
        day = start + timedelta(days=d)
        w = 0.5 + d / days
        w *= (1.0, 1.0, 1.0, 1.0, 0.9, 0.25, 0.2)[day.weekday()]
        if day.month == 7:
            w *= 0.35
        elif day.month == 12 and day.day >= 20 or day.month == 1 and day.day <= 6:
            w *= 0.4
        weights.append(w * rng.uniform(0.85, 1.15))
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    short = total - sum(counts)
    for d in sorted(range(days), key=lambda d: exact[d] - counts[d], reverse=True)[:short]:
        counts[d] += 1
    return counts


def _status(rng: random.Random, age_days: float) -> str:
    r = rng.random()
    if age_days < 7:
        table = (("new", 0.85), ("read", 0.97), ("archived", 0.99))
    elif age_days < 60:
        table = (("new", 0.40), ("read", 0.85), ("archived", 0.975))
    else:
        table = (("new", 0.08), ("read", 0.72), ("archived", 0.97))
    for status, limit in table:
        if r < limit:
            return status
    return "merged"


def generate_observations(net: Network, total: int, rng: random.Random, url: str, batch: int = BATCH) -> dict:
    from bench import textgen
    from core.finnish import lemma_text
    from observations.codes import ALPHABET
    from observations.pii import personal_data_kinds

    now = datetime.now(HELSINKI)
    start = now.date() - timedelta(days=YEARS * 365)
    days = (now.date() - start).days
    counts = daily_counts(total, start, days, rng)
    ages = list(AGE_WEIGHTS)
    age_cum = _cumulative(AGE_WEIGHTS.values())
    env_tables = {a: (list(w), _cumulative(w.values())) for a, w in ENV_BY_AGE.items()}
    sources = list(PROFESSIONAL_SOURCES)
    source_cum = _cumulative(PROFESSIONAL_SOURCES.values())
    from bench.vocabulary import AGE_CODES

    codes_used: set[str] = set()
    recent: dict[int, deque] = {}  # per family centre: recent kept observations, for merging
    stats = {"rows": 0, "themes": 0, "held": 0, "swedish": 0, "family": 0, "chars": 0, "merged": 0}
    theme_ids = net.theme_ids

    def code() -> str:
        while True:
            raw = "".join(rng.choice(ALPHABET) for _ in range(10))
            c = f"{raw[:5]}-{raw[5:]}"
            if c not in codes_used:
                codes_used.add(c)
                return c

    conn = psycopg.connect(url)
    conn.execute("SET synchronous_commit TO off")
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM observations_observation").fetchone()[0]
    copy_obs = sql.SQL("COPY observations_observation ({}) FROM STDIN").format(
        sql.SQL(", ").join(map(sql.Identifier, OBS_COLUMNS))
    )
    copy_themes = "COPY observations_observation_themes (observation_id, theme_id) FROM STDIN"
    obs_rows: list[tuple] = []
    theme_rows: list[tuple] = []
    started = time.perf_counter()

    def flush():
        with conn.cursor() as cur:
            with cur.copy(copy_obs) as copy:
                for row in obs_rows:
                    copy.write_row(row)
            with cur.copy(copy_themes) as copy:
                for row in theme_rows:
                    copy.write_row(row)
        conn.commit()
        stats["rows"] += len(obs_rows)
        stats["themes"] += len(theme_rows)
        obs_rows.clear()
        theme_rows.clear()
        elapsed = time.perf_counter() - started
        rate = stats["rows"] / elapsed
        eta = (total - stats["rows"]) / rate if rate else 0
        log(f"observations {stats['rows']:>9,} / {total:,}  {rate:,.0f} rows/s  eta {eta / 60:.1f} min")

    for d, count in enumerate(counts):
        day = start + timedelta(days=d)
        day_rows = []
        for _ in range(count):
            family = rng.random() < FAMILY_SHARE
            if family:
                seconds = rng.randint(7 * 3600, 23 * 3600 + 3599)
            else:
                seconds = int(min(max(rng.gauss(12 * 3600, 2.2 * 3600), 7 * 3600), 19 * 3600))
            created = datetime.combine(day, datetime.min.time(), HELSINKI) + timedelta(
                seconds=seconds, microseconds=rng.randrange(1_000_000)
            )
            if created > now:
                created = now - timedelta(seconds=rng.randint(60, 3600))
            day_rows.append((created, family))
        day_rows.sort()
        for created, family in day_rows:
            m = net.municipalities[bisect.bisect(net.mun_cum, rng.random() * net.mun_cum[-1])]
            sv = rng.random() < SWEDISH_SHARE.get(m.county, 0.02)
            lang = "sv" if sv else "fi"
            age = ages[bisect.bisect(age_cum, rng.random() * age_cum[-1])]
            envs, env_cum = env_tables[age]
            env = envs[bisect.bisect(env_cum, rng.random() * env_cum[-1])]
            kind = "positive" if rng.random() < POSITIVE_SHARE else "concern"
            area_id = m.area_id
            if m.local_area_ids and rng.random() < 0.5:
                area_id = rng.choice(m.local_area_ids)
            age_days = (now - created).total_seconds() / 86400
            status = _status(rng, age_days)
            held = rng.random() < HELD_SHARE["family" if family else "professional"]
            if held:
                status = "new"
            merged_into = None
            text = None
            if status == "merged":
                pool = recent.get(m.centre_id)
                if pool:
                    merged_into, text, pred_themes = rng.choice(pool)
                else:
                    status = "read"
            if text is None:
                text, pred_themes = textgen.observation_text(rng, lang, kind, env, AGE_CODES[age], family)
            held_reasons = "[]"
            if held:
                text = textgen.with_personal_data(rng, text, lang)
                held_reasons = json.dumps(personal_data_kinds(text))
            triaged = None
            archive_reason = ""
            if status != "new":
                triaged = min(now, created + timedelta(hours=rng.uniform(0.5, 24 * 20)))
                if status == "archived":
                    reasons = textgen.LANGS[lang].archive_reasons
                    archive_reason = reasons[rng.randrange(len(reasons))]
            if family:
                author = None
                source = "family_form"
                row_kind = "" if status == "new" or rng.random() < 0.5 else kind
                followup = code()
                email = ""
                if status in ("new", "read") and rng.random() < 0.25:
                    email = f"perhe{next_id}@example.fi"
            else:
                author = m.authors[bisect.bisect(m.author_cum, rng.random() * m.author_cum[-1])]
                source = sources[bisect.bisect(source_cum, rng.random() * source_cum[-1])]
                row_kind = kind
                followup = None
                email = ""
            observed_on = created.date() - timedelta(days=min(int(rng.expovariate(0.35)), 30))
            obs_id = next_id
            next_id += 1
            obs_rows.append(
                (
                    obs_id, created, triaged or created, author, text, row_kind, env, age, area_id, m.centre_id,
                    max(observed_on, start), source, author, status, archive_reason, merged_into, held,
                    held_reasons, followup, email, lang, triaged, lemma_text(text),
                )
            )  # fmt: skip
            # Themes: one or two from what the text is about, sometimes one more from the vocabulary.
            names = list(pred_themes[: rng.randint(1, 2)])
            chosen = {theme_ids[n] for n in names}
            if rng.random() < 0.35:
                chosen.add(rng.choice(net.themes_sv if sv else net.themes_fi))
            for theme_id in chosen:
                theme_rows.append((obs_id, theme_id))
            if status != "merged" and not held:
                pool = recent.setdefault(m.centre_id, deque(maxlen=300))
                pool.append((obs_id, text, pred_themes))
            stats["held"] += held
            stats["swedish"] += sv
            stats["family"] += family
            stats["merged"] += status == "merged"
            stats["chars"] += len(text)
            if len(obs_rows) >= batch:
                flush()
    if obs_rows:
        flush()
    conn.execute(
        "SELECT setval(pg_get_serial_sequence('observations_observation', 'id'), "
        "(SELECT max(id) FROM observations_observation))"
    )
    conn.commit()
    conn.close()
    return stats


def finish(url: str, timings: dict) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        with timed("vacuum and analyze", timings):
            # VACUUM also moves the full-text index's pending list into the index proper, as autovacuum
            # would soon after a load; the pages are then measured in their steady state.
            conn.execute("VACUUM (ANALYZE) observations_observation")
            conn.execute("VACUUM (ANALYZE) observations_observation_themes")
            conn.execute("ANALYZE")
        size = conn.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('observations_observation')), "
            "pg_size_pretty(pg_relation_size('observation_search_gin')), "
            "pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()
        log(f"sizes: observations with indexes {size[0]}, full-text index {size[1]}, database {size[2]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--batch", type=int, default=BATCH, help="rows per COPY and transaction")
    parser.add_argument(
        "--phenomena", type=int, default=20_000, help="phenomena to add after the observations"
    )
    parser.add_argument(
        "--phenomena-only",
        type=int,
        metavar="N",
        help="add N phenomena to a database that already has its observations, and nothing else",
    )
    parser.add_argument(
        "--replace-phenomena",
        action="store_true",
        help="with --phenomena-only: empty the phenomena, initiatives and decisions first",
    )
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/ilmio_bench")
    if os.environ.get("ILMIO_ENV") != "dev":
        raise SystemExit("run with ILMIO_ENV=dev")

    timings: dict[str, float] = {}
    total_started = time.perf_counter()
    rng = random.Random(args.seed)
    ensure_database(url, reset=args.reset)
    setup_django()
    from django.core.management import call_command

    from bench.phenomenagen import generate_phenomena
    from familycentres.models import Area

    with timed("migrate", timings):
        call_command("migrate", interactive=False, verbosity=0)
    if args.phenomena_only is not None:
        if not Area.objects.exists():
            raise SystemExit("the database has no observations yet; run without --phenomena-only first")
        with timed("phenomena", timings):
            generate_phenomena(url, args.phenomena_only, args.seed, log=log, replace=args.replace_phenomena)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        log("timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
        return 0
    if Area.objects.exists():
        raise SystemExit("the database already has data; run again with --reset to start over")
    with timed("network", timings):
        net = build_network(rng, timings)
    with timed("observations", timings):
        stats = generate_observations(net, args.observations, rng, url, batch=args.batch)
    if args.phenomena:
        with timed("phenomena", timings):
            generate_phenomena(url, args.phenomena, args.seed, log=log)
    finish(url, timings)
    total = time.perf_counter() - total_started
    rows = stats["rows"] or 1
    log(
        f"done: {stats['rows']:,} observations, {stats['themes']:,} theme links, "
        f"Swedish {stats['swedish'] / rows:.1%}, families {stats['family'] / rows:.1%}, "
        f"held {stats['held'] / rows:.1%}, merged {stats['merged'] / rows:.1%}, "
        f"mean length {stats['chars'] / rows:.0f} characters"
    )
    log(
        "timings: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        + f", total {total / 60:.1f} min"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
