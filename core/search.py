"""Full-text search in Finnish and Swedish over stored `tsvector` columns.

A searchable text is indexed three ways in one vector: PostgreSQL's Finnish and Swedish snowball stems of
the text as written (weight A), and the Finnish base forms and compound parts that Voikko gives (stored
beside the text in a `lemmas` column, indexed with the `simple` configuration, weight D). A query
matches when any of the three matches, so "lapsi" finds "lasten" and "lapsille" through the base forms,
"ilmoitus" finds "lastensuojeluilmoitus" through its parts, and a Swedish word its Swedish stems;
texts that match the words as written (the stems) rank first.
"""

from __future__ import annotations

import functools
import re
import time

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from . import finnish

# Websearch syntax: a leading "-" excludes a word; "or" joins alternatives.
_OR = "or"
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def significant_words(text: str, limit: int = 12) -> list[str]:
    """The longest distinct words of a text (4+ letters): a cheap stand-in for "significant", used to find
    texts like a given one (phenomena suggested for an observation, observations to merge)."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text or ""):
        seen.setdefault(word.lower(), None)
    return sorted(seen, key=len, reverse=True)[:limit]


def stored_vector(*text_fields: str, lemma_field: str = "lemmas") -> SearchVector:
    """The expression of a model's generated `search` column."""
    return (
        SearchVector(*text_fields, config="finnish", weight="A")
        + SearchVector(*text_fields, config="swedish", weight="A")
        + SearchVector(lemma_field, config="simple", weight="D")
    )


class BaseFormsIndexed(models.Model):
    """Keeps `lemmas` (the Finnish base forms and compound parts of the fields in SEARCH_TEXT_FIELDS)
    up to date on every save that writes one of those fields, so that no path that saves the text (a
    service, the admin, the demo data, a factory) leaves the index behind. It is derived data for the
    index, like the generated `search` column, not a rule; bulk loads call `fill_lemmas`."""

    SEARCH_TEXT_FIELDS: tuple[str, ...] = ()

    # db_default: rows inserted outside Django (COPY in the bench, raw SQL) start empty, not NULL.
    lemmas = models.TextField(_("base forms"), blank=True, default="", db_default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.SEARCH_TEXT_FIELDS):
            self.lemmas = finnish.lemma_text(
                " ".join(getattr(self, f) or "" for f in self.SEARCH_TEXT_FIELDS)
            )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "lemmas"}
        super().save(*args, **kwargs)


def _quote(lexeme: str) -> str:
    # A tsquery lexeme in single quotes; a quote inside is doubled. Lexemes hold only letters, hyphens
    # and apostrophes (finnish.WORD), so nothing else needs escaping.
    return "'" + lexeme.replace("'", "''") + "'"


def lemma_tsquery(text: str) -> str:
    """The query's words as base forms, in `to_tsquery('simple', …)` syntax: every word must match one of
    its base forms (a word Voikko does not know, as written); "-word" excludes; "or" joins the words on
    both sides. Empty when the query has no words."""
    terms: list[str] = []
    pending_or = False
    for m in finnish.WORD.finditer(text or ""):
        word = m.group()
        if word.lower() == _OR and terms:
            pending_or = True
            continue
        # The word's own base forms (its alternative readings), not its compound parts: "ilmoitus" finds a
        # compound that contains it, but "lastensuojeluilmoitus" must not find every text with "lapsi".
        bases = finnish.word_base_forms(word)
        if not bases:
            continue  # a conjunction or pronoun: not in the index
        term = "(" + " | ".join(_quote(b) for b in bases) + ")"
        start = m.start()
        if start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2].isspace()):
            term = "!" + term
        if pending_or:
            terms[-1] = f"({terms[-1]} | {term})"
            pending_or = False
        else:
            terms.append(term)
    if all(t.startswith("!") for t in terms):
        return ""  # only exclusions: the index cannot answer that; the stemmed query does
    return " & ".join(terms)


def search_query(text: str) -> SearchQuery:
    """The query for a stored vector made with `stored_vector`."""
    text = (text or "").replace("\x00", "")  # PostgreSQL refuses NUL in text
    query = SearchQuery(text, config="finnish", search_type="websearch") | SearchQuery(
        text, config="swedish", search_type="websearch"
    )
    raw = lemma_tsquery(text)
    if raw:
        query = query | SearchQuery(raw, config="simple", search_type="raw")
    return query


def fill_lemmas(model, text_fields: tuple[str, ...], *, batch: int = 2000, progress=None) -> int:
    """Writes the `lemmas` column of every row of `model` from its text fields, `batch` rows per
    transaction in primary-key order (the generated `search` column follows by itself). Works with a
    migration's historical model. `progress(done, total)` is called after each batch. Returns the rows
    written."""
    from django.db import connection, transaction

    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    manager = model._base_manager
    total = manager.count()
    done, last = 0, None
    while True:
        rows = manager.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        rows = list(rows.values_list("pk", *text_fields)[:batch])
        if not rows:
            break
        ids = [row[0] for row in rows]
        values = [finnish.lemma_text(" ".join(part or "" for part in row[1:])) for row in rows]
        with transaction.atomic(), connection.cursor() as cursor:
            # One statement per batch: an UPDATE joined to the batch's (id, lemmas) pairs. The table and
            # column names come from the model and are quoted; the values are parameters.
            cursor.execute(
                f"UPDATE {table} SET lemmas = batch.lemmas "  # noqa: S608
                f"FROM unnest(%s::bigint[], %s::text[]) AS batch(id, lemmas) "
                f"WHERE {table}.{pk_column} = batch.id",
                [ids, values],
            )
        done += len(rows)
        last = ids[-1]
        if progress is not None:
            progress(done, total)
    return done


# How long a process keeps a column's lexeme frequencies (PostgreSQL's statistics change only on ANALYZE).
STATS_SECONDS = 300
_stats_cache: dict[tuple[str, str], tuple[float, dict[str, float]]] = {}
_TSQUERY_TOKEN = re.compile(r"'((?:[^']|'')*)'(?::[*A-D]+)?|<->|<\d+>|[&|!()]")


def lexeme_frequencies(table: str, column: str) -> dict[str, float]:
    """The share of rows of `table` whose tsvector `column` holds each of its most common lexemes, from
    PostgreSQL's own statistics (`pg_stats.most_common_elems`, written by ANALYZE); empty when the column
    has none. Kept per process for STATS_SECONDS."""
    now = time.monotonic()
    cached = _stats_cache.get((table, column))
    if cached is not None and cached[0] > now:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
            [table, column],
        )
        row = cursor.fetchone()
    # The frequencies array ends with the minimum, the maximum and the null share: zip stops at the last
    # lexeme.
    freqs = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _stats_cache[(table, column)] = (now + STATS_SECONDS, freqs)
    return freqs


def clear_frequency_cache() -> None:
    _stats_cache.clear()


@functools.lru_cache(maxsize=512)
def _stemmed_tsqueries(text: str) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT websearch_to_tsquery('finnish', %s)::text, websearch_to_tsquery('swedish', %s)::text",
            [text, text],
        )
        return cursor.fetchone()


def tsquery_frequency(tsquery: str, freqs: dict[str, float]) -> float:
    """An estimate of the share of rows a tsquery (as PostgreSQL writes it) matches, from lexeme
    frequencies, as the planner estimates: terms joined by AND as independent (the product), OR as at
    least its most frequent side. A lexeme not among the most common counts as 0; a NOT or a phrase
    counts as 0 (rare), so that only a query surely matching many rows is judged common."""
    tokens = [(m.group(1), m.group()) for m in _TSQUERY_TOKEN.finditer(tsquery)]
    pos = 0

    def peek():
        return tokens[pos][1] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def unary() -> float:
        if pos >= len(tokens):
            return 0.0
        lexeme, token = take()
        if token == "!":
            unary()
            return 0.0
        if token == "(":
            value = either()
            if peek() == ")":
                take()
            return value
        if lexeme is not None:
            return freqs.get(lexeme.replace("''", "'"), 0.0)
        return 0.0

    def phrase() -> float:
        value = unary()
        while peek() is not None and peek().startswith("<"):
            take()
            unary()
            value = 0.0
        return value

    def both() -> float:
        value = phrase()
        while peek() == "&":
            take()
            value *= phrase()
        return value

    def either() -> float:
        value = both()
        while peek() == "|":
            take()
            value = max(value, both())
        return value

    return either() if tokens else 0.0


def query_frequency(text: str, *, table: str, column: str) -> float:
    """An estimate of the share of rows of `table` that `search_query(text)` matches in the stored
    vector `column` (made with `stored_vector`): the most frequent of its three alternatives (the Finnish
    and Swedish stems, the base forms). 0 when PostgreSQL has no statistics of the column yet."""
    text = (text or "").replace("\x00", "")
    freqs = lexeme_frequencies(table, column)
    if not freqs or not text.strip():
        return 0.0
    alternatives = [*_stemmed_tsqueries(text), lemma_tsquery(text)]
    return max(tsquery_frequency(q or "", freqs) for q in alternatives)
