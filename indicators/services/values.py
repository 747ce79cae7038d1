"""Writing imported rows: resolve the indicator and region of every row (an unknown one rejects the whole
file with its line), then upsert on (indicator, region, year, gender): new rows are created, changed ones
updated, equal ones left alone, so a re-import writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone

from ..models import Indicator, Region, Value
from .parsing import Row, RowErrors

BATCH = 5000


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.compare_total(b) == 0 or a == b


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
    `region_for` map a row's source ids to ours (None: unknown, the file is refused)."""
    errors: list[tuple[int, str]] = []
    keyed: dict[tuple[int, int, int, str], Row] = {}
    indicators: dict[int, Indicator] = {}
    for row in rows:
        indicator = indicator_for(row.indicator)
        region = region_for(row.region)
        if indicator is None:
            errors.append((row.line, unknown_indicator % {"id": row.indicator[:40]}))
            continue
        if region is None:
            errors.append((row.line, unknown_region % {"id": row.region[:40]}))
            continue
        if row.gender != Value.Gender.TOTAL and not indicator.has_genders:
            indicator.has_genders = True
        indicators[indicator.pk] = indicator
        keyed[(indicator.pk, region.pk, row.year, row.gender)] = row
    if errors:
        raise RowErrors(errors)
    existing = {}
    if keyed:
        years = {key[2] for key in keyed}
        region_ids = {key[1] for key in keyed}
        query = Value.objects.filter(indicator_id__in=list(indicators), year__in=years)
        if len(region_ids) < 2000:
            query = query.filter(region_id__in=region_ids)
        for pk, ind, reg, year, gender, value, abs_value in query.values_list(
            "pk", "indicator_id", "region_id", "year", "gender", "value", "abs_value"
        ).iterator(chunk_size=BATCH):
            existing[(ind, reg, year, gender)] = (pk, value, abs_value)
    now = timezone.now()
    creates, updates, unchanged = [], [], 0
    for key, row in keyed.items():
        found = existing.get(key)
        if found is None:
            # Plain tuples in COPY's column order: model instances cost more than the database write.
            creates.append((*key, row.value, row.abs_value, run.pk, now))
        elif _same(found[1], row.value) and _same(found[2], row.abs_value):
            unchanged += 1
        else:
            updates.append(
                Value(pk=found[0], value=row.value, abs_value=row.abs_value, run=run, updated_at=now)
            )
    _copy_in(creates)
    Value.objects.bulk_update(updates, ["value", "abs_value", "run", "updated_at"], batch_size=BATCH)
    for indicator in indicators.values():
        indicator.last_imported_at = now
        indicator.save(update_fields=["last_imported_at", "has_genders", "updated_at"])
    run.rows_read += len(rows)
    run.rows_created += len(creates)
    run.rows_updated += len(updates)
    run.detail = {
        **run.detail,
        "unchanged": run.detail.get("unchanged", 0) + unchanged,
        "skipped": run.detail.get("skipped", 0) + len(rows) - len(keyed),
        "indicators": sorted({*run.detail.get("indicators", []), *indicators}),
    }


def _copy_in(values: list[tuple]) -> None:
    """New rows go in with PostgreSQL's COPY (in the import's transaction): several times faster than
    INSERTs for large imports. The keys were checked absent above; a concurrent import of the same keys
    makes this one fail on the unique constraint, and it changes nothing."""
    if not values:
        return
    from django.db import connection

    columns = "indicator_id, region_id, year, gender, value, abs_value, run_id, updated_at"
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {Value._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):  # noqa: S608
        for v in values:
            copy.write_row(v)


def lookup(items: Iterable, key) -> Callable[[str], object | None]:
    table = {str(key(item)): item for item in items}
    return table.get
