"""Phenomena for the scale data set: built on the observations already in the database, so that
`bench/generate.py --phenomena-only 20000` can add them without generating the observations again.

Each phenomenon belongs to a family centre (centres chosen by their number of observations), is about one
thing (a predicate of the text vocabulary, in the centre's language mix) and groups 5–60 observations of
its centre that carry the matching theme, from a stretch of time. One phenomenon groups exactly 5,000
observations of the busiest centre, and a twin of it (same status, an initiative with a decision) groups
five: `bench/run.py` compares their pages. Phenomena that went forward get an initiative to the centre's
steering group, and most of those a decision.

Rows go in with PostgreSQL COPY; PostgreSQL computes the generated `search` column itself."""

from __future__ import annotations

import bisect
import random
import time
from collections import defaultdict
from datetime import datetime, timedelta

import psycopg

from . import textgen
from . import vocabulary as v

BIG_LINKS = 5000
MIN_LINKS, MAX_LINKS = 5, 60
STATUS_WEIGHTS = {"draft": 35, "under_analysis": 33, "initiative_made": 17, "closed": 15}
SCALE_WEIGHTS = {
    "family_centre_area": 40, "local_area": 28, "family_community": 14, "sote_centre_area": 12, "county": 6,
}  # fmt: skip
DECISION_WEIGHTS = {
    "start_codevelopment": 25,
    "local_action": 35,
    "information": 22,
    "reject": 10,
    "forward": 8,
}
CODE_TO_AGE = {code: age for age, code in v.AGE_CODES.items()}

FI_TEXT = {
    "intro": "Ilmiö kokoaa perhekeskuksen havainnot ajalta {start}–{end}.",
    "understanding": [
        "Ilmiö näkyy useassa kunnassa ja koskee erityisesti arjen siirtymiä.",
        "Havaintojen määrä on kasvanut viimeisen puolen vuoden aikana.",
        "Taustalla näyttää olevan useita toisiinsa liittyviä tekijöitä.",
    ],
    "root_causes": [
        "Palveluiden saatavuus ja pitkät välimatkat.",
        "Perheiden kuormitus ja arjen kiire.",
        "Yhteisen toimintamallin puuttuminen koulun ja perhekeskuksen välillä.",
    ],
    "questions": [
        "Näkyykö sama kouluterveyskyselyn tuloksissa?",
        "Mitä perheet itse toivovat?",
        "Onko muualla hyvinvointialueella kokeiltu toimivia ratkaisuja?",
    ],
    "close": [
        "Ilmiö osoittautui tilapäiseksi.",
        "Asia on jo työn alla toisessa ryhmässä.",
        "Havainnot liitettiin laajempaan ilmiöön.",
    ],
    "rationale": [
        "Ilmiö koskee useaa kuntaa eikä ratkea yhden tiimin keinoin.",
        "Ehdotamme yhteistä kehittämistä koulun, varhaiskasvatuksen ja perhekeskuksen kesken.",
        "Tiedoksi ohjausryhmälle: ilmiö kannattaa ottaa huomioon ensi vuoden suunnitelmassa.",
    ],
    "reasons": [
        "Ohjausryhmä piti ilmiötä merkittävänä ja päätti toimista.",
        "Asia sovitaan hoidettavaksi paikallisesti perhekeskustiimissä.",
        "Merkitään tiedoksi; seurataan tilannetta seuraavassa kokouksessa.",
    ],
    "responsible": "Perhekeskuskoordinaattori",
}
SV_TEXT = {
    "intro": "Fenomenet samlar familjecentralens observationer från {start}–{end}.",
    "understanding": [
        "Fenomenet syns i flera kommuner och gäller särskilt övergångarna i vardagen.",
        "Antalet observationer har ökat under det senaste halvåret.",
        "Bakom fenomenet verkar flera samverkande faktorer finnas.",
    ],
    "root_causes": [
        "Tillgången till tjänster och långa avstånd.",
        "Familjernas belastning och brådskan i vardagen.",
        "En gemensam modell mellan skolan och familjecentralen saknas.",
    ],
    "questions": [
        "Syns samma sak i hälsoenkäten Hälsa i skolan?",
        "Vad önskar familjerna själva?",
        "Har man prövat fungerande lösningar på annat håll i välfärdsområdet?",
    ],
    "close": [
        "Fenomenet visade sig vara tillfälligt.",
        "Frågan behandlas redan i en annan grupp.",
        "Observationerna fördes till ett bredare fenomen.",
    ],
    "rationale": [
        "Fenomenet gäller flera kommuner och kan inte lösas av ett team ensamt.",
        "Vi föreslår gemensam utveckling mellan skolan, småbarnspedagogiken och familjecentralen.",
        "För kännedom till styrgruppen: fenomenet bör beaktas i nästa års plan.",
    ],
    "reasons": [
        "Styrgruppen ansåg fenomenet betydande och beslöt om åtgärder.",
        "Frågan sköts lokalt i familjecentralens team.",
        "Antecknas för kännedom; läget följs upp vid nästa möte.",
    ],
    "responsible": "Familjecentrets koordinator",
}
BIG_TITLE = "Yläkoululaisten väsymys, valvominen ja koulupoissaolot"
BIG_DESCRIPTION = (
    "Ilmiö kokoaa perhekeskuksen havainnot kolmen vuoden ajalta. Monet yläkoululaiset ovat aamuisin hyvin "
    "väsyneitä, valvovat myöhään ruutujen ääressä ja jäävät pois koulusta. Havaintoja on tullut koulun "
    "välitunneilta, kouluterveydenhoitajalta, nuorisotyöstä ja perheiltä itseltään kaikista perhekeskuksen "
    "kunnista. Ilmiö on viety ohjausryhmän käsittelyyn."
)


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _copy(cur, table: str, columns: list[str], rows) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _topics(lang_code: str, kind: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    if lang_code == "fi":
        preds = v.FI_POSITIVES if kind == "positive" else v.FI_CONCERNS
    else:
        preds = v.SV_POSITIVES if kind == "positive" else v.SV_CONCERNS
    return [(pred, who, ages, tuple(themes)) for pred, who, ages, themes in preds]


def _title_and_description(
    rng: random.Random, lang_code: str, kind: str, env: str, pred: str, who: str, age_code: str, theme: str
) -> tuple[str, str]:
    """A title (who and what, sometimes after the theme) and a description that opens with the same thing
    seen somewhere, then details and suggestions as in the observations."""
    lang = textgen.LANGS[lang_code]
    if who == "p" or (who == "b" and age_code in "BF"):
        subject = rng.choice(lang.parent_subjects.get(age_code) or lang.parent_subjects["F"])
    else:
        subject = rng.choice(lang.child_subjects.get(age_code) or lang.child_subjects["F"])
    title = f"{textgen._cap(subject)} {pred}"
    if rng.random() < 0.35:
        title = f"{textgen._cap(theme)}: {subject} {pred}"
    place = rng.choice(textgen._places(lang, env, age_code))
    verb = rng.choice(lang.verbs_positive if kind == "positive" else lang.verbs_concern)
    parts = [f"{textgen._cap(place)} {verb} {subject} {pred}."]
    details = lang.details_positive if kind == "positive" else lang.details_concern
    parts += rng.sample(details, min(len(details), rng.randint(1, 4)))
    parts += rng.sample(lang.suggestions, rng.randint(0, 2))
    return title[:200], " ".join(parts)


def generate_phenomena(url: str, total: int, seed: int, *, log, replace: bool = False) -> dict:
    """Adds `total` phenomena (the big one and its twin among them) with their observation links,
    initiatives and decisions. Refuses when phenomena exist, unless `replace` (then the phenomena,
    initiatives and decisions are emptied first; observations stay)."""
    from bench.generate import ENV_BY_AGE, HELSINKI
    from core.finnish import lemma_text

    rng = random.Random(seed + 1)  # its own stream: the same phenomena with or without new observations
    started = time.perf_counter()
    stats = {"phenomena": 0, "links": 0, "initiatives": 0, "decisions": 0}
    with psycopg.connect(url) as conn:
        conn.execute("SET synchronous_commit TO off")
        existing = conn.execute("SELECT count(*) FROM phenomena_phenomenon").fetchone()[0]
        if existing and not replace:
            raise SystemExit(
                f"the database already has {existing:,} phenomena; add --replace-phenomena to start them over"
            )
        if existing:
            log(f"emptying {existing:,} phenomena with their links, initiatives and decisions")
            conn.execute(
                "TRUNCATE phenomena_decision_responsible_users, phenomena_decision, phenomena_agendaentry, "
                "phenomena_initiative, phenomena_phenomenonobservation, phenomena_phenomenon"
            )
            conn.commit()

        # The observations a phenomenon can group: by family centre and theme, oldest first; merged ones
        # and those held for personal data are not linked (as in the service).
        log("reading the observations by family centre and theme …")
        pools: dict[int, dict[int, tuple[list[int], list[datetime], list[int]]]] = defaultdict(dict)
        rows = conn.execute(
            """
            SELECT o.family_centre_id, t.theme_id,
                   array_agg(o.id ORDER BY o.created_at, o.id),
                   array_agg(o.created_at ORDER BY o.created_at, o.id),
                   array_agg(o.area_id ORDER BY o.created_at, o.id)
            FROM observations_observation o
            JOIN observations_observation_themes t ON t.observation_id = o.id
            WHERE o.status <> 'merged' AND NOT o.held
            GROUP BY 1, 2 ORDER BY 1, 2
            """
        )
        for centre, theme, ids, created, areas in rows:
            pools[centre][theme] = (ids, created, areas)
        centres = sorted(pools)
        if not centres:
            raise SystemExit("no observations: generate them first")
        theme_ids = dict(conn.execute("SELECT name, id FROM observations_theme").fetchall())
        per_centre = dict(
            conn.execute(
                "SELECT family_centre_id, count(*) FROM observations_observation GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )
        swedish = dict(
            conn.execute(
                "SELECT family_centre_id, avg((language = 'sv')::int)::float FROM observations_observation "
                "GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )
        # People of each centre (its steering group and local teams) and the groups that analyse.
        people: dict[int, list[int]] = defaultdict(list)
        for centre, user_id in conn.execute(
            """
            SELECT DISTINCT g.family_centre_id, m.user_id FROM familycentres_membership m
            JOIN familycentres_group g ON g.id = m.group_id
            WHERE g.family_centre_id IS NOT NULL AND m.role <> 'client_representative'
            ORDER BY 1, 2
            """
        ):
            people[centre].append(user_id)
        teams: dict[int, list[int]] = defaultdict(list)
        steering: dict[int, int] = {}
        county_of_steering: dict[int, int | None] = {}
        for gid, kind, centre, parent in conn.execute(
            "SELECT id, kind, family_centre_id, parent_id FROM familycentres_group "
            "WHERE family_centre_id IS NOT NULL ORDER BY id"
        ):
            if kind == "local_team":
                teams[centre].append(gid)
            elif kind == "local_steering":
                steering[centre] = gid
                county_of_steering[gid] = parent
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM phenomena_phenomenon").fetchone()[0]
        next_initiative = conn.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM phenomena_initiative"
        ).fetchone()[0]
        log(f"{sum(len(p) for p in pools.values()):,} centre–theme pools over {len(centres)} family centres")

        now = datetime.now(HELSINKI)
        centre_cum = list(_cumulative([per_centre.get(c, 0) for c in centres]))
        busiest = max(centres, key=lambda c: per_centre.get(c, 0))
        phen_rows, link_rows, initiative_rows, decision_rows = [], [], [], []
        decision_numbers: dict[tuple[int, int], int] = defaultdict(int)

        def add(
            centre, lang, kind, status, title, description, chosen, created_at, area_id, *, initiative=None
        ):
            """One phenomenon; `chosen` are (observation id, created_at, area id)."""
            nonlocal next_id, next_initiative
            pid = next_id
            next_id += 1
            text = FI_TEXT if lang == "fi" else SV_TEXT
            creator = rng.choice(people[centre])
            analyser = rng.choices(("person", "team", "steering_group"), (50, 40, 10))[0]
            analyser_user = creator if analyser == "person" else None
            analyser_group = None
            if analyser == "team":
                analyser_group = rng.choice(teams[centre])
            elif analyser == "steering_group":
                analyser_group = steering[centre]
            scale = _weighted(rng, SCALE_WEIGHTS)
            analysed = status != "draft"
            updated = min(now, created_at + timedelta(days=rng.uniform(0, 60)))
            phen_rows.append(
                (
                    pid, created_at, updated, creator, title, description, kind, scale,
                    area_id if scale in ("local_area", "family_community") else None, centre, analyser,
                    analyser_user, analyser_group, "", "",
                    rng.choice(text["understanding"]) if analysed else "",
                    rng.choice(text["root_causes"]) if analysed else "",
                    rng.choice(text["questions"]) if analysed else "",
                    status, rng.choice(text["close"]) if status == "closed" else "",
                    lemma_text(f"{title} {description}"),
                )
            )  # fmt: skip
            for obs_id, obs_created, _area in chosen:
                added = max(created_at, obs_created + timedelta(hours=rng.uniform(1, 72)))
                link_rows.append((pid, obs_id, min(added, now), creator))
            stats["phenomena"] += 1
            stats["links"] += len(chosen)
            if status != "initiative_made":
                return pid
            decided = initiative if initiative is not None else rng.random() < 0.65
            iid = next_initiative
            next_initiative += 1
            made = min(now, updated + timedelta(days=rng.uniform(1, 30)))
            group = steering[centre]
            proposal = rng.choices(("codevelopment", "local_action", "information"), (40, 40, 20))[0]
            initiative_rows.append(
                (iid, made, made, creator, "", proposal, rng.choice(text["rationale"]),
                 "decided" if decided else "submitted", group, pid)
            )  # fmt: skip
            stats["initiatives"] += 1
            if decided:
                when = min(now, made + timedelta(days=rng.uniform(7, 60)))
                kind_ = _weighted(rng, DECISION_WEIGHTS)
                forwarded = county_of_steering.get(group) if kind_ == "forward" else None
                if kind_ == "forward" and forwarded is None:
                    kind_ = "information"
                decision_numbers[(group, when.year)] += 1
                decision_rows.append(
                    (
                        when, when, creator, when.year, decision_numbers[(group, when.year)], kind_,
                        rng.choice(text["reasons"]),
                        rng.choice(("local", "region", "functional_area", "county"))
                        if kind_ == "start_codevelopment" else "",
                        text["responsible"] if kind_ in ("start_codevelopment", "local_action") else "",
                        "", "", forwarded, group, None, None, iid,
                    )
                )  # fmt: skip
                stats["decisions"] += 1
            return pid

        # The big one: 5,000 observations of the busiest centre, most about tiredness and sleep, made
        # about two and a half years ago and taken to the steering group; then its five-observation twin.
        big_pool = pools[busiest]
        preferred = [theme_ids[n] for n in ("väsymys", "uni ja lepo", "ruutuaika", "koulupoissaolot")]
        seen, picked = set(), []
        for theme in preferred + sorted(big_pool, key=lambda t: -len(big_pool[t][0])):
            if theme not in big_pool:
                continue
            ids, created, areas = big_pool[theme]
            for item in zip(ids, created, areas, strict=True):
                if item[0] not in seen:
                    seen.add(item[0])
                    picked.append(item)
            if len(picked) >= BIG_LINKS * 3:
                break
        # (A small data set may not have 5,000 for it: then it takes what there is.)
        chosen = sorted(rng.sample(picked, min(BIG_LINKS, len(picked))), key=lambda x: (x[1], x[0]))
        big_created = min(now, chosen[0][1] + timedelta(days=30))
        big_id = add(
            busiest,
            "fi",
            "concern",
            "initiative_made",
            BIG_TITLE,
            BIG_DESCRIPTION,
            chosen,
            big_created,
            chosen[0][2],
            initiative=True,
        )
        chosen_big = chosen
        twin = sorted(rng.sample(chosen, MIN_LINKS), key=lambda x: (x[1], x[0]))
        twin_id = add(
            busiest,
            "fi",
            "concern",
            "initiative_made",
            "Yläkoululaisten väsymys aamuisin",
            "Viisi havaintoa yläkoululaisten aamuväsymyksestä; vertailukohta laajalle ilmiölle.",
            twin,
            min(now, twin[-1][1] + timedelta(days=3)),
            twin[0][2],
            initiative=True,
        )

        misses = 0
        while stats["phenomena"] < total:
            centre = centres[bisect.bisect(centre_cum, rng.random() * centre_cum[-1])]
            lang = "sv" if rng.random() < swedish.get(centre, 0.0) else "fi"
            kind = "positive" if rng.random() < 0.3 else "concern"
            pred, who, ages, themes = rng.choice(_topics(lang, kind))
            # The theme with the most observations at this centre carries the phenomenon.
            candidates = [theme_ids[t] for t in themes if theme_ids.get(t) in pools[centre]]
            if not candidates:
                misses += 1
                continue
            theme = max(candidates, key=lambda t: len(pools[centre][t][0]))
            ids, created, areas = pools[centre][theme]
            want = rng.randint(MIN_LINKS, MAX_LINKS)
            if len(ids) < want:
                misses += 1
                continue
            # A stretch of time: a window a few times wider than what is linked.
            width = min(len(ids), want * rng.randint(2, 12))
            start = rng.randrange(0, len(ids) - width + 1)
            idx = sorted(rng.sample(range(start, start + width), want))
            chosen = [(ids[i], created[i], areas[i]) for i in idx]
            age_code = rng.choice(ages)
            env = _weighted(rng, ENV_BY_AGE[CODE_TO_AGE[age_code]])
            theme_name = next(n for n in themes if theme_ids.get(n) == theme)
            title, body = _title_and_description(rng, lang, kind, env, pred, who, age_code, theme_name)
            text = FI_TEXT if lang == "fi" else SV_TEXT
            intro = text["intro"].format(start=f"{chosen[0][1]:%-m/%Y}", end=f"{chosen[-1][1]:%-m/%Y}")
            created_at = min(
                now, chosen[min(len(chosen) - 1, 4)][1] + timedelta(hours=rng.uniform(2, 24 * 14))
            )
            status = _weighted(rng, STATUS_WEIGHTS)
            add(centre, lang, kind, status, title, f"{intro} {body}", chosen, created_at, chosen[0][2])
        if misses:
            log(f"{misses} topics had too few observations at their centre and were drawn again")

        log(
            f"writing {len(phen_rows):,} phenomena, {len(link_rows):,} links, {len(initiative_rows):,} "
            f"initiatives and {len(decision_rows):,} decisions with COPY …"
        )
        with conn.cursor() as cur:
            _copy(
                cur,
                "phenomena_phenomenon",
                [
                    "id", "created_at", "updated_at", "created_by_id", "title", "description", "kind", "scale",
                    "area_id", "family_centre_id", "analyser_kind", "analyser_user_id", "analyser_group_id",
                    "analyser_other", "further_information", "analysis_understanding", "analysis_root_causes",
                    "analysis_open_questions", "status", "close_reason", "lemmas",
                ],
                phen_rows,
            )  # fmt: skip
            _copy(
                cur,
                "phenomena_phenomenonobservation",
                ["phenomenon_id", "observation_id", "added_at", "added_by_id"],
                link_rows,
            )
            _copy(
                cur,
                "phenomena_initiative",
                ["id", "created_at", "updated_at", "created_by_id", "other_body", "proposal", "rationale",
                 "status", "group_id", "phenomenon_id"],
                initiative_rows,
            )  # fmt: skip
            _copy(
                cur,
                "phenomena_decision",
                ["created_at", "updated_at", "created_by_id", "year", "number", "kind", "reasons", "scope",
                 "responsible_progress", "responsible_coordination", "responsible_facilitation",
                 "forwarded_to_id", "group_id", "meeting_id", "working_group_id", "initiative_id"],
                decision_rows,
            )  # fmt: skip
            for table in ("phenomena_phenomenon", "phenomena_initiative"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        for table in (
            "phenomena_phenomenon", "phenomena_phenomenonobservation", "phenomena_initiative", "phenomena_decision"
        ):  # fmt: skip
            conn.execute(f"VACUUM (ANALYZE) {table}")
    big_links = len(chosen_big)
    stats.update(big_id=big_id, twin_id=twin_id, centre=busiest, seconds=time.perf_counter() - started)
    log(
        f"phenomena: {stats['phenomena']:,} with {stats['links']:,} observation links, "
        f"{stats['initiatives']:,} initiatives, {stats['decisions']:,} decisions in {stats['seconds']:.0f} s; "
        f"phenomenon {big_id} has {big_links:,} observations of centre {busiest}, its twin {twin_id} five"
    )
    return stats


def _cumulative(weights):
    total = 0.0
    for w in weights:
        total += w
        yield total
