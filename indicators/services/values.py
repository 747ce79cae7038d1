"""Writing imported rows: resolve the indicator and region of every row (an unknown one rejects the whole
file with its line), then upsert on (indicator, region, year, month, gender, group): new rows are created, changed ones
updated, equal ones left alone, so a re-import writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from familycentres.models import Group

from ..models import Indicator, Region, Value
from .parsing import Row, RowErrors

STAGE = "indicators_value_in"
_GENDERS = frozenset(Value.Gender.values)
KEY = "indicator_id, region_id, year, month, gender, group_id"


def values_write(
    run,
    rows: list[Row],
    *,
    indicator_for: Callable[[str], Indicator | None],
    region_for: Callable[[str], Region | None],
    unknown_indicator: str,
    unknown_region: str,
    staged: bool = False,
) -> None:
    """Writes `rows` in the caller's transaction and counts them on `run`. `indicator_for` and
    `region_for` map a row's source ids to ours (None: unknown, the file is refused).

    The rows go with COPY into a temporary table, then one INSERT … ON CONFLICT DO UPDATE moves in those
    with no equal stored row (same key, value and count) and changes only the rows whose value or count
    differs: the database compares, not Python, no existing row is read out, and equal rows are not
    locked. The created and updated rows are counted from that statement; the rest
    were unchanged. Indicators with no values yet are copied straight into the value table (all
    created); `staged=True` always goes through the temporary table (for values_prune). A row repeated
    in the file counts once (the last one wins) and the rest as skipped."""
    # Each source id is resolved once; the rows are then keyed in one pass, with no look-up per row
    # beyond two dict reads (this runs once per value of a file).
    indicator_of = {key: indicator_for(key) for key in {row[1] for row in rows}}
    region_of = {key: region_for(key) for key in {row[2] for row in rows}}
    region_ids = {key: None if region is None else region.pk for key, region in region_of.items()}
    if None in indicator_of.values() or None in region_ids.values():
        errors = []
        for row in rows:
            if indicator_of[row[1]] is None:
                errors.append((row[0], unknown_indicator % {"id": row[1][:40]}))
            elif region_ids[row[2]] is None:
                errors.append((row[0], unknown_region % {"id": row[2][:40]}))
        raise RowErrors(errors)
    indicators: dict[int, Indicator] = {indicator.pk: indicator for indicator in indicator_of.values()}
    indicator_ids = {key: indicator.pk for key, indicator in indicator_of.items()}
    # What the indicator has besides yearly totals: men and women, months, groups.
    for key in {row[1] for row in rows if row[4] != "total"}:
        indicator_of[key].has_genders = True
    for key in {row[1] for row in rows if row[7]}:
        indicator_of[key].has_months = True
    for key in {row[1] for row in rows if row[8] is not None}:
        indicator_of[key].has_groups = True
    # Keyed as the unique key (indicator, region, year, month, gender, group); a repeated row's last wins.
    keyed: dict[tuple, Row] = {
        (indicator_ids[row[1]], region_ids[row[2]], row[3], row[7], row[4], row[8]): row for row in rows
    }
    # The import's own commit need not wait for the disk: should the server crash in the moment after,
    # the run stays unfinished (its record was committed before) and the next import writes the rows
    # again. For this transaction only; other commits still wait.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
    _references_lock(
        keyed,
        indicator_ids=list(indicators),
        region_ids=list(set(region_ids.values())),
        unknown_indicator=unknown_indicator,
        unknown_region=unknown_region,
    )
    now = timezone.now()
    created, updated = _upsert(keyed, run_id=run.pk, now=now, staged=staged)
    for indicator in indicators.values():
        indicator.last_imported_at = now
        indicator.save(
            update_fields=["last_imported_at", "has_genders", "has_months", "has_groups", "updated_at"]
        )
    run.rows_read += len(rows)
    run.rows_created += created
    run.rows_updated += updated
    run.detail = {
        **run.detail,
        "unchanged": run.detail.get("unchanged", 0) + len(keyed) - created - updated,
        "skipped": run.detail.get("skipped", 0) + len(rows) - len(keyed),
        "indicators": sorted({*run.detail.get("indicators", []), *indicators}),
    }


def _references_lock(keyed, *, indicator_ids, region_ids, unknown_indicator, unknown_region) -> None:
    """Locks the indicators, regions and groups the rows refer to until the transaction ends, once per
    row of those tables: the regions and groups `FOR KEY SHARE` (the lock a database-checked reference
    takes per written value; the value table does not check its references, so this is what keeps them
    right), the indicators `FOR NO KEY UPDATE` (the import updates them at the end anyway), so that two
    imports of one indicator take turns. One deleted since it was resolved fails the rows that name it,
    with their lines."""
    group_ids = {key[5] for key in keyed if key[5] is not None}
    found = {}
    with connection.cursor() as cursor:
        for model, ids, mode in (
            (Indicator, indicator_ids, "NO KEY UPDATE"),
            (Region, region_ids, "KEY SHARE"),
            (Group, group_ids, "KEY SHARE"),
        ):
            if not ids:
                found[model] = set()
                continue
            cursor.execute(
                f"SELECT id FROM {model._meta.db_table} WHERE id = ANY(%s) ORDER BY id FOR {mode}",  # noqa: S608
                [sorted(ids)],
            )
            found[model] = {pk for (pk,) in cursor.fetchall()}
    if (
        len(found[Indicator]) == len(set(indicator_ids))
        and len(found[Region]) == len(set(region_ids))
        and len(found[Group]) == len(group_ids)
    ):
        return
    errors = []
    for (indicator_id, region_id, *_key, group_id), row in keyed.items():
        if indicator_id not in found[Indicator]:
            errors.append((row.line, unknown_indicator % {"id": row.indicator[:40]}))
        elif region_id not in found[Region]:
            errors.append((row.line, unknown_region % {"id": row.region[:40]}))
        elif group_id is not None and group_id not in found[Group]:
            errors.append((row.line, _("the group %(id)s no longer exists") % {"id": group_id}))
    raise RowErrors(sorted(errors))


def indicator_delete_wait(sender, instance, **kwargs) -> None:
    """Before an indicator's values are deleted with it: wait for an import writing them to end, so that
    the delete sees and removes what it wrote (the value table does not check the reference)."""
    Indicator.objects.filter(pk=instance.pk).select_for_update().values_list("pk").first()


def group_delete_wait(sender, instance, **kwargs) -> None:
    """Before a group's values are deleted with it (the platform's figures per group): wait for an import
    writing them to end, as for an indicator."""
    Group.objects.filter(pk=instance.pk).select_for_update().values_list("pk").first()


def region_delete_protect(sender, instance, **kwargs) -> None:
    """Before a region is deleted: wait for an import writing its values to end, then refuse if it has
    values now (Django's PROTECT looked before the wait; the database does not check the reference)."""
    from django.db.models import ProtectedError

    Region.objects.filter(pk=instance.pk).select_for_update().values_list("pk").first()
    values = Value.objects.filter(region_id=instance.pk)
    if values.exists():
        raise ProtectedError(f"{instance} has indicator values", set(values[:1]))


def _upsert(keyed: dict[tuple, Row], *, run_id: int, now, staged: bool) -> tuple[int, int]:
    """COPY into a session's temporary table (emptied first: a transaction may write twice), then one
    upsert. Returns (created, updated). Imports of the same indicator take turns (its row is locked
    first), so the next one sees this one's values and updates over them; both stay all-or-nothing.

    When the indicators have no values yet (a first import), the rows are copied straight into the
    value table: every one is new. `staged` keeps the rows in the temporary table (for values_prune)."""
    table = Value._meta.db_table
    with connection.cursor() as cursor:
        _stage(cursor)
        if not keyed:
            return 0, 0
        if not staged:
            # Ordered by the unique key's first column, so that PostgreSQL probes the index: under a plain
            # EXISTS it expected a match early in a sequential scan, and the values lie grouped by
            # indicator (a tenth of a second at 500,000 values, growing with the table).
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE indicator_id = ANY(%s) ORDER BY indicator_id LIMIT 1",  # noqa: S608
                [sorted({key[0] for key in keyed})],
            )
            if cursor.fetchone() is None:
                # The run as text, made once (adapting a value per row doubled the COPY's Python time);
                # updated_at from the column's default, the statement's start.
                with cursor.copy(f"COPY {table} ({KEY}, value, abs_value, run_id) FROM STDIN") as copy:
                    for chunk in _copy_text(keyed, f"\t{run_id}\n"):
                        copy.write(chunk)
                return len(keyed), 0
        with cursor.copy(f"COPY {STAGE} ({KEY}, value, abs_value) FROM STDIN") as copy:
            for chunk in _copy_text(keyed, "\n"):
                copy.write(chunk)
        # No JIT compilation: past its cost threshold (a staged file of two indicators, or one written
        # twice in a transaction) PostgreSQL spent 100 ms compiling this statement, which then ran in
        # 150 ms. For the rest of the import's transaction, which runs only small statements after it.
        cursor.execute("SET LOCAL jit = off")
        # Rows equal to a stored one are left out before the upsert: ON CONFLICT DO UPDATE … WHERE writes
        # nothing for them either, but it locks every row it compares, and a re-import compares them all.
        # An anti-join on the unique key (one index probe per staged row) locks nothing. The upsert's own
        # WHERE stays for a row changed since.
        cursor.execute(
            f"""
            WITH written AS (
                INSERT INTO {table} AS v ({KEY}, value, abs_value, run_id, updated_at)
                SELECT {KEY}, value, abs_value, %s, %s FROM {STAGE} s
                WHERE NOT EXISTS (
                    SELECT 1 FROM {table} e
                    WHERE e.indicator_id = s.indicator_id AND e.region_id = s.region_id
                      AND e.year = s.year AND e.month = s.month AND e.gender = s.gender
                      AND e.group_id IS NOT DISTINCT FROM s.group_id
                      AND e.value IS NOT DISTINCT FROM s.value
                      AND e.abs_value IS NOT DISTINCT FROM s.abs_value
                )
                ON CONFLICT ({KEY}) DO UPDATE
                SET value = EXCLUDED.value, abs_value = EXCLUDED.abs_value,
                    run_id = EXCLUDED.run_id, updated_at = EXCLUDED.updated_at
                WHERE (v.value, v.abs_value) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.abs_value)
                RETURNING xmax = 0 AS created
            )
            SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM written
            """,  # noqa: S608
            [run_id, now],
        )
        created, updated = cursor.fetchone()
    return created, updated


_NUMBER_TYPES = frozenset({int, float, Decimal})


def _copy_text(keyed: dict[tuple, Row], tail: str, chunk: int = 20_000) -> Iterator[str]:
    """The rows as COPY's text format, one line each ending in `tail`, `chunk` lines at a time: written
    here rather than row by row through the driver (its per-row calls were a third of a first import's
    Python time). Every field is a number, None (\\N) or a gender of Value.Gender, so nothing needs
    escaping; anything else is refused rather than written."""
    null = "\\N"
    lines: list[str] = []
    append = lines.append
    numbers = _NUMBER_TYPES
    genders = _GENDERS
    left = chunk
    for (indicator_id, region_id, year, month, gender, group_id), row in keyed.items():
        value, abs_value = row[5], row[6]
        if not (
            gender in genders
            and (value is None or type(value) in numbers)
            and (abs_value is None or type(abs_value) in numbers)
            and (group_id is None or type(group_id) is int)
        ):
            raise ValueError(f"line {row.line}: not a value to copy")
        append(
            f"{indicator_id}\t{region_id}\t{year}\t{month}\t{gender}\t"
            f"{null if group_id is None else group_id}\t{null if value is None else value}\t"
            f"{null if abs_value is None else abs_value}{tail}"
        )
        left -= 1
        if not left:
            yield "".join(lines)
            lines.clear()
            left = chunk
    if lines:
        yield "".join(lines)


def _stage(cursor) -> None:
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (indicator_id bigint, region_id bigint, "  # noqa: S608
        "year smallint, month smallint, gender varchar(6), group_id bigint, "
        "value numeric(20, 6), abs_value numeric(20, 4)) ON COMMIT DELETE ROWS"
    )
    # Empty at a transaction's start (ON COMMIT DELETE ROWS); a DELETE of nothing costs nothing, where
    # TRUNCATE gives the table a new file each time.
    cursor.execute(f"DELETE FROM {STAGE}")  # noqa: S608


def values_prune(*, indicator_ids: list[int], years: list[int]) -> int:
    """Removes the values of `indicator_ids` in `years` that the last `values_write(staged=True)` of this
    transaction did not write (they are still in its temporary table): what a full recompute no longer finds. Returns
    how many were removed."""
    if not indicator_ids or not years:
        return 0
    table = Value._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            DELETE FROM {table} v
            WHERE v.indicator_id = ANY(%s) AND v.year = ANY(%s)
              AND NOT EXISTS (
                SELECT 1 FROM {STAGE} s
                WHERE s.indicator_id = v.indicator_id AND s.region_id = v.region_id AND s.year = v.year
                  AND s.month = v.month AND s.gender = v.gender
                  AND s.group_id IS NOT DISTINCT FROM v.group_id
              )
            """,  # noqa: S608
            [indicator_ids, years],
        )
        return cursor.rowcount


def lookup(items: Iterable, key) -> Callable[[str], object | None]:
    table = {str(key(item)): item for item in items}
    return table.get


def lookup_each(queryset, field: str, *, many: int = 20) -> Callable[[str], object | None]:
    """A look-up by `field` that reads one row per key asked (values_write asks once per key): a file
    names one indicator or a few, the catalogue holds hundreds. Past `many` keys it reads them all once,
    so that a file of many unknown ids costs no more queries."""
    found: dict[str, object | None] = {}
    every: dict[str, object] | None = None

    def find(key: str):
        nonlocal every
        if every is not None:
            return every.get(key)
        if key in found:
            return found[key]
        if len(found) >= many:
            every = {str(getattr(item, field)): item for item in queryset}
            return every.get(key)
        found[key] = queryset.filter(**{field: key}).first()
        return found[key]

    return find
