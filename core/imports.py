"""All-or-nothing imports of outside data with a record of every run.

    with import_run(source="sotkanet", kind="values", actor=None) as run:
        ... read, validate, write ...
        run.rows_read += n

The body runs in its own transaction: an exception rolls back every row it wrote, and the run is kept as
failed with the error's text (a run record is written outside that transaction, so it survives). A run
that succeeds is marked so inside that transaction, in the same commit as its rows. The
exception is re-raised for the caller (a task logs it, a page shows `run.error`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from .models import ImportRun


class ImportRejected(Exception):
    """The data was read but is not acceptable (wrong shape, unknown codes): the whole import is refused.
    The message is shown to the user, so it is translated."""


@contextmanager
def import_run(*, source: str, kind: str = "", actor=None) -> Iterator[ImportRun]:
    run = ImportRun.objects.create(
        source=source,
        kind=kind,
        triggered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            yield run
            # Succeeded in the same commit as the rows: one commit (and one wait for the disk) fewer
            # per run, and a run never says succeeded for rows that were not committed.
            run.status = ImportRun.Status.SUCCEEDED
            run.finished_at = timezone.now()
            run.save()
    except Exception as exc:
        run.status = ImportRun.Status.FAILED
        run.error = str(exc)[:4000] or type(exc).__name__
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at", "rows_read"])
        raise
