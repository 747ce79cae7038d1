import pytest

from core.imports import ImportRejected, import_run
from core.models import AuditEvent, ImportRun

pytestmark = pytest.mark.django_db


def test_import_run_failure_rolls_back_rows_and_keeps_the_run(user):
    with pytest.raises(ImportRejected), import_run(source="test", kind="values", actor=user) as run:
        AuditEvent.objects.create(action="x", content_type_id=1, object_id="1", object_repr="x")
        run.rows_read = 3
        raise ImportRejected("bad file")
    assert not AuditEvent.objects.filter(action="x").exists()
    saved = ImportRun.objects.get()
    assert saved.status == ImportRun.Status.FAILED
    assert saved.error == "bad file"
    assert saved.finished_at is not None
    assert saved.triggered_by == user


def test_import_run_success_is_recorded_with_counts():
    with import_run(source="test") as run:
        run.rows_created = 2
    saved = ImportRun.objects.get()
    assert saved.status == ImportRun.Status.SUCCEEDED
    assert saved.rows_created == 2
    assert saved.triggered_by is None


@pytest.mark.django_db(transaction=True)
def test_import_run_success_is_committed_with_the_rows():
    """The run is marked succeeded inside the import's transaction, so the rows and the outcome commit
    together (and the disk is waited for once)."""
    from django.db import connection

    marked = []

    def spy(execute, sql, params, many, context):
        if sql.startswith('UPDATE "core_importrun"'):
            marked.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(ImportRun)
    with connection.execute_wrapper(spy), import_run(source="test") as run:
        AuditEvent.objects.create(action="y", content_type=content_type, object_id="1", object_repr="y")
        run.rows_created = 1
    assert marked == [True]
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED
    assert AuditEvent.objects.filter(action="y").exists()
