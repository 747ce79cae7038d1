"""Writing imported rows: resolve the indicator and region of every row (an unknown one rejects the whole
file with its line), then upsert on (indicator, region, year, month, gender, group): new rows are created, changed ones
updated, equal ones left alone, so a re-import writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection
from django.utils import timezone

from ..models import Indicator, Region, Value
from .parsing import Row, RowErrors

STAGE = "indicators_value_in"
KEY = "indicator_id, region_id, year, month, gender, group_id"


def values_write(
    run,
    rows: list[Row],
    *,
    indicator_for: Callable[[str], Indicator | None],
    region_for: Callable[[str], Region | None],
    unknown_indicator: str,
    unknown_region: str,
) -> None:
    """Writes `rows` in the caller's transaction and counts them on `run`. `indicator_for` and
    `region_for` map a row's source ids to ours (None: unknown, the file is refused).

    The rows go with COPY into a temporary table, then one INSERT … ON CONFLICT DO UPDATE moves them in
    and changes only the rows whose value or count differs: the database compares, not Python, and no
    existing row is read out. The created and updated rows are counted from that statement; the rest
    were unchanged. A row repeated in the file counts once (the last one wins) and the rest as skipped."""
    errors: list[tuple[int, str]] = []
    keyed: dict[tuple, Row] = {}
    indicators: dict[int, Indicator] = {}
    resolved_indicators: dict[str, Indicator | None] = {}
    resolved_regions: dict[str, Region | None] = {}
    for row in rows:
        indicator = resolved_indicators.get(row.indicator, _UNSEEN)
        if indicator is _UNSEEN:
            indicator = resolved_indicators[row.indicator] = indicator_for(row.indicator)
        region = resolved_regions.get(row.region, _UNSEEN)
        if region is _UNSEEN:
            region = resolved_regions[row.region] = region_for(row.region)
        if indicator is None:
            errors.append((row.line, unknown_indicator % {"id": row.indicator[:40]}))
            continue
        if region is None:
            errors.append((row.line, unknown_region % {"id": row.region[:40]}))
            continue
        if row.gender != "total" and not indicator.has_genders:
            indicator.has_genders = True
        if row.month and not indicator.has_months:
            indicator.has_months = True
        if row.group is not None and not indicator.has_groups:
            indicator.has_groups = True
        indicators[indicator.pk] = indicator
        keyed[(indicator.pk, region.pk, row.year, row.month, row.gender, row.group)] = row
    if errors:
        raise RowErrors(errors)
    now = timezone.now()
    created, updated = _upsert(keyed, run_id=run.pk, now=now)
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


_UNSEEN = object()


def _upsert(keyed: dict[tuple, Row], *, run_id: int, now) -> tuple[int, int]:
    """COPY into a session's temporary table (emptied first: a transaction may write twice), then one
    upsert. Returns (created, updated). A concurrent import of the same keys waits for this one's
    transaction and then updates over it; both stay all-or-nothing."""
    table = Value._meta.db_table
    with connection.cursor() as cursor:
        _stage(cursor)
        if not keyed:
            return 0, 0
        with cursor.copy(f"COPY {STAGE} ({KEY}, value, abs_value) FROM STDIN") as copy:
            for key, row in keyed.items():
                copy.write_row((*key, row.value, row.abs_value))
        cursor.execute(
            f"""
            WITH written AS (
                INSERT INTO {table} AS v ({KEY}, value, abs_value, run_id, updated_at)
                SELECT {KEY}, value, abs_value, %s, %s FROM {STAGE}
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


def _stage(cursor) -> None:
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {STAGE} (indicator_id bigint, region_id bigint, "  # noqa: S608
        "year smallint, month smallint, gender varchar(6), group_id bigint, "
        "value numeric(20, 6), abs_value numeric(20, 4)) ON COMMIT DELETE ROWS"
    )
    cursor.execute(f"TRUNCATE {STAGE}")


def values_prune(*, indicator_ids: list[int], years: list[int]) -> int:
    """Removes the values of `indicator_ids` in `years` that the last `values_write` of this transaction
    did not write (they are still in its temporary table): what a full recompute no longer finds. Returns
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
