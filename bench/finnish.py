"""Measures the Finnish analysis (Voikko) and base-form search in one run.

    ILMIO_ENV=dev DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilmio_bench \\
        .venv/bin/python bench/finnish.py [-n 30] [--texts 2000] [--reindex-sample 20000] [--reindex-all]

Reports:
- words analysed per second (base forms and compound parts, `core.finnish.lemmas`), with an empty cache
  and with a warm one;
- the personal-data check (`core.pii.personal_data_kinds`, names included) on 2,000-character texts:
  median and p95;
- recall@10 of the relevance set (core/tests/relevance.py) with base-form search and with the Finnish
  and Swedish stemmers alone, on the same rows: the set's documents are added as observations of the
  bench database inside a transaction that is rolled back;
- the time to (re)index: the base forms of a sample of observations are computed and written in
  batches inside a transaction that is rolled back, and the rate is extrapolated to 1,000,000 rows
  (`--reindex-all` runs `manage.py search_reindex` for real instead);
- search latency of the triage queue's query (count and first page, as the collector of the busiest
  family centre) with base forms against the search before them (stems only, built for the comparison
  in a transaction that is rolled back).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def sample_texts(count: int, seed: int = 2026) -> list[str]:
    from bench import textgen
    from bench.generate import ENV_BY_AGE
    from bench.vocabulary import AGE_CODES

    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        age = rng.choice(list(ENV_BY_AGE))
        env = rng.choice(list(ENV_BY_AGE[age]))
        lang = "sv" if rng.random() < 0.1 else "fi"
        kind = "concern" if rng.random() < 0.7 else "positive"
        text, _themes = textgen.observation_text(rng, lang, kind, env, AGE_CODES[age], rng.random() < 0.12)
        texts.append(text)
    return texts


def words_per_second(texts: list[str]) -> tuple[float, float, float, int, int]:
    """(words of running text per second with an empty cache, the same with a warm cache, Voikko
    analyses per second of distinct words with no cache at all, words, distinct words)."""
    from core import finnish

    all_words = [m.group() for t in texts for m in finnish.words(t)]
    distinct = list(dict.fromkeys(all_words))
    finnish.analyse.cache_clear()
    finnish._word_lemmas.cache_clear()
    started = time.perf_counter()
    for t in texts:
        finnish.lemmas(t)
    cold = len(all_words) / (time.perf_counter() - started)
    started = time.perf_counter()
    for t in texts:
        finnish.lemmas(t)
    warm = len(all_words) / (time.perf_counter() - started)
    voikko = finnish._handle()
    started = time.perf_counter()
    for word in distinct:
        voikko.analyze(word)
    raw = len(distinct) / (time.perf_counter() - started)
    return cold, warm, raw, len(all_words), len(distinct)


def name_check(texts: list[str], n: int) -> tuple[float, float]:
    from core.pii import personal_data_kinds

    joined = " ".join(texts)
    timings = []
    for i in range(n):
        start = (i * 1733) % max(1, len(joined) - 2000)
        text = joined[start : start + 2000]
        started = time.perf_counter()
        personal_data_kinds(text)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), _p95(timings)


def relevance() -> tuple[float, float]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
    from django.db import transaction
    from django.db.models import F

    from core.tests.relevance import DOCUMENTS, recall_at_10
    from observations.models import Observation
    from observations.selectors import observation_filter

    class Rollback(Exception):
        pass

    result = {}
    try:
        with transaction.atomic():
            template = Observation.objects.filter(area__isnull=False).order_by("pk").first()
            keys = {}
            for key, text in DOCUMENTS.items():
                o = Observation.objects.create(
                    text=text,
                    kind="concern",
                    environment="school",
                    age_group="7-12",
                    area_id=template.area_id,
                    family_centre_id=template.family_centre_id,
                    source="own_work",
                )
                keys[o.pk] = key
            rows = Observation.objects.filter(pk__in=list(keys))

            def new(query):
                qs = observation_filter(rows, q=query)
                return [keys[pk] for pk in qs.values_list("pk", flat=True)[:10]]

            def old(query):
                vector = SearchVector("text", config="finnish") + SearchVector("text", config="swedish")
                q = SearchQuery(query, config="finnish", search_type="websearch") | SearchQuery(
                    query, config="swedish", search_type="websearch"
                )
                qs = (
                    rows.annotate(v=vector)
                    .filter(v=q)
                    .annotate(r=SearchRank(F("v"), q))
                    .order_by("-r", "-pk")
                )
                return [keys[pk] for pk in qs.values_list("pk", flat=True)[:10]]

            result["new"], _ = recall_at_10(new)
            result["old"], _ = recall_at_10(old)
            raise Rollback
    except Rollback:
        pass
    return result["new"], result["old"]


def reindex_sample(rows: int, batch: int = 5000) -> float:
    """Rows per second of computing and writing base forms, in a transaction that is rolled back."""
    from django.db import connection, transaction

    from core import finnish

    finnish.analyse.cache_clear()
    finnish._word_lemmas.cache_clear()

    class Rollback(Exception):
        pass

    started = time.perf_counter()
    done = 0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            last = 0
            while done < rows:
                cursor.execute(
                    "SELECT id, text FROM observations_observation WHERE id > %s ORDER BY id LIMIT %s",
                    [last, min(batch, rows - done)],
                )
                chunk = cursor.fetchall()
                if not chunk:
                    break
                cursor.execute(
                    "UPDATE observations_observation o SET lemmas = b.lemmas "
                    "FROM unnest(%s::bigint[], %s::text[]) AS b(id, lemmas) WHERE o.id = b.id",
                    [[r[0] for r in chunk], [finnish.lemma_text(r[1]) for r in chunk]],
                )
                done += len(chunk)
                last = chunk[-1][0]
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return done / elapsed if elapsed else 0.0


def search_latency(n: int) -> list[tuple[str, str, float, float, int]]:
    """The triage queue's search (count and first page) with base forms, against the search as it was
    before them: a vector of the Finnish and Swedish stems only. That vector is built for the comparison
    as a generated column with its own GIN index inside a transaction that is rolled back (the table is
    locked meanwhile: bench databases only)."""
    from django.db import connection, transaction

    from bench.run import subjects
    from observations import selectors

    s = subjects()
    collector = s["collector"]
    out = []

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE observations_observation ADD COLUMN stems_only tsvector GENERATED ALWAYS AS "
                    "(to_tsvector('finnish'::regconfig, coalesce(text, '')) || "
                    "to_tsvector('swedish'::regconfig, coalesce(text, ''))) STORED"
                )
                cursor.execute(
                    "CREATE INDEX bench_stems_only_gin ON observations_observation USING gin (stems_only)"
                )
                cursor.execute("ANALYZE observations_observation")
            query = "(websearch_to_tsquery('finnish'::regconfig, %s) || websearch_to_tsquery('swedish'::regconfig, %s))"
            for word in ["kiusaaminen", "lapsi", "kerho", "vanhemmat", "mobbning"]:
                for label in ("base forms", "stems only (before)"):
                    base = selectors.triage_queue(user=collector, centre_ids={s["centre_id"]})
                    if label == "base forms":
                        qs = selectors.observation_filter(base, q=word)
                    else:
                        qs = base.extra(
                            where=[f"stems_only @@ {query}"],
                            params=[word, word],
                            select={"rank": f"ts_rank(stems_only, {query})"},
                            select_params=[word, word],
                        ).order_by("-rank", "-created_at", "-id")
                    timings = []
                    count = 0
                    for i in range(n + 2):
                        started = time.perf_counter()
                        count = qs.count()
                        list(qs[:25])
                        if i >= 2:
                            timings.append((time.perf_counter() - started) * 1000)
                    out.append((word, label, statistics.median(timings), _p95(timings), count))
            raise Rollback
    except Rollback:
        pass
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=30, help="timed repetitions")
    parser.add_argument("--texts", type=int, default=2000, help="generated texts for the analysis timings")
    parser.add_argument("--reindex-sample", type=int, default=20000, help="rows timed for the reindex rate")
    parser.add_argument("--reindex-all", action="store_true", help="run manage.py search_reindex for real")
    args = parser.parse_args(argv)
    if os.environ.get("ILMIO_ENV") != "dev" or "bench" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit("run with ILMIO_ENV=dev and DATABASE_URL pointing to the bench database")
    from bench.run import setup_django

    setup_django()
    from core import finnish
    from observations.models import Observation

    if not finnish.available():
        raise SystemExit(finnish.unavailable_reason())
    total = Observation.objects.count()
    load_before = os.getloadavg()
    texts = sample_texts(args.texts)
    cold, warm, raw, words, distinct = words_per_second(texts)
    name_median, name_p95 = name_check(texts, max(args.n, 100))
    recall_new, recall_old = relevance()
    if args.reindex_all:
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("search_reindex", model=["observations.Observation"])
        rate = total / (time.perf_counter() - started)
        reindex_note = f"all {total:,} rows"
    else:
        rate = reindex_sample(min(args.reindex_sample, total))
        reindex_note = f"{min(args.reindex_sample, total):,} rows, rolled back"
    latency = search_latency(args.n)
    load_after = os.getloadavg()

    print(
        f"\n{total:,} observations; {os.cpu_count()} CPUs, load average {load_before[0]:.1f} before and "
        f"{load_after[0]:.1f} after.\n"
    )
    print("| measure | value |\n| --- | ---: |")
    print(f"| Voikko analyses per second, distinct words, no cache ({distinct:,} words) | {raw:,.0f} |")
    print(f"| words of text indexed per second, empty cache at start ({words:,} words) | {cold:,.0f} |")
    print(f"| words of text indexed per second, warm cache | {warm:,.0f} |")
    print(f"| name check of a 2,000-character text, median ms | {name_median:.1f} |")
    print(f"| name check of a 2,000-character text, p95 ms | {name_p95:.1f} |")
    print(f"| recall@10, base forms + stemmers (relevance set) | {recall_new:.2f} |")
    print(f"| recall@10, stemmers only (relevance set) | {recall_old:.2f} |")
    print(f"| (re)index rate, rows per second ({reindex_note}) | {rate:,.0f} |")
    print(f"| (re)index time for 1,000,000 observations, minutes | {1_000_000 / rate / 60:.1f} |")
    print("\n| query (triage queue: count + first page) | search | median ms | p95 ms | matches |")
    print("| --- | --- | ---: | ---: | ---: |")
    for word, label, median, p95, count in latency:
        print(f"| {word} | {label} | {median:.0f} | {p95:.0f} | {count:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
