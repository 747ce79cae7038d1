"""The value table's references are not checked by the database: the import locks what it refers to,
and deleting an indicator or a region keeps its meaning in Python."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError

from core.models import ImportRun
from indicators.models import Indicator, Region, Value
from indicators.services.imports import file_import
from indicators.services.parsing import Row, RowErrors
from indicators.services.values import values_write
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


def test_deleting_an_indicator_deletes_its_values(sotkanet_ready):
    run = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    assert run.rows_created == 10
    other = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-127-no-abs.json"))
    assert other.status == ImportRun.Status.SUCCEEDED, other.error
    kept = Value.objects.exclude(indicator__source_id="1086").count()
    Indicator.objects.get(source="sotkanet", source_id="1086").delete()
    assert not Value.objects.filter(indicator__source_id="1086").exists()
    assert Value.objects.count() == kept > 0


def test_a_region_with_values_cannot_be_deleted(sotkanet_ready):
    file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    region = Region.objects.get(code="837")
    with pytest.raises(ProtectedError):
        region.delete()
    with pytest.raises(ProtectedError):
        Region.objects.filter(code="837").delete()
    assert Region.objects.filter(code="837").exists()
    Value.objects.filter(region=region).delete()
    region.delete()
    assert not Region.objects.filter(code="837").exists()


def test_an_unknown_region_fails_the_run_with_its_line(sotkanet_ready):
    data = (
        b'[{"indicator": 1086, "region": 52, "year": 2023, "gender": "total", "value": 1.5},\n'
        b' {"indicator": 1086, "region": 4711, "year": 2023, "gender": "total", "value": 2}]'
    )
    run = file_import(actor=None, kind="sotkanet-json", data=data)
    assert run.status == ImportRun.Status.FAILED
    assert run.detail["errors"] == [{"line": 2, "message": "unknown Sotkanet region id 4711"}]
    assert not Value.objects.exists()


def test_first_import_and_the_next_count_created_updated_unchanged(sotkanet_ready):
    """The first import of an indicator copies straight into the table; the next one upserts."""
    first = file_import(actor=None, kind="sotkanet-csv", data=sample("sotkanet-1086-bom.csv"))
    assert (first.rows_created, first.rows_updated, first.detail["unchanged"]) == (4, 0, 0)
    assert all(v.run_id == first.pk for v in Value.objects.all())
    changed = sample("sotkanet-1086-bom.csv").replace(b"8.4;3790", b"8.5;3800")
    changed += b"1086;52;2024;total;1.0;2\n"
    second = file_import(actor=None, kind="sotkanet-csv", data=changed)
    assert (second.rows_created, second.rows_updated, second.detail["unchanged"]) == (1, 1, 3)
    assert Value.objects.filter(run_id=second.pk).count() == 2


def test_a_reimport_with_one_changed_value_counts_the_rest_unchanged_and_leaves_them(sotkanet_ready):
    """Equal rows (a null equal to a null too) are left out before the upsert: counted unchanged, their
    run and time untouched; a value and a count turned null are changes."""
    first = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    before = {v.pk: (v.run_id, v.updated_at) for v in Value.objects.all()}
    changed = (
        sample("sotkanet-1086.json")
        .replace(b'"value": 8.1, "absValue": 3652', b'"value": 8.15, "absValue": 3652')
        .replace(b'"value": 0.1, "absValue": 3', b'"value": 0.1, "absValue": null')
    )
    second = file_import(actor=None, kind="sotkanet-json", data=changed)
    assert second.status == ImportRun.Status.SUCCEEDED, second.error
    assert (second.rows_created, second.rows_updated, second.detail["unchanged"]) == (0, 2, 8)
    rewritten = set(Value.objects.filter(run_id=second.pk).values_list("pk", flat=True))
    assert len(rewritten) == 2
    assert all((v.run_id, v.updated_at) == before[v.pk] for v in Value.objects.exclude(pk__in=rewritten))
    assert all(run_id == first.pk for run_id, _at in before.values())
    third = file_import(actor=None, kind="sotkanet-json", data=changed)
    assert (third.rows_created, third.rows_updated, third.detail["unchanged"]) == (0, 0, 10)


def test_a_repeated_row_in_a_first_import_counts_once(sotkanet_ready):
    row = b'{"indicator": 1086, "region": 52, "year": 2023, "gender": "total", "value": %s}'
    run = file_import(actor=None, kind="sotkanet-json", data=b"[" + row % b"1" + b"," + row % b"2" + b"]")
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert (run.rows_created, run.detail["skipped"]) == (1, 1)
    assert Value.objects.get().value == 2


def test_a_reference_deleted_after_it_was_resolved_fails_the_rows_with_lines(sotkanet_ready):
    indicator = Indicator.objects.get(source="sotkanet", source_id="1086")
    region = Region.objects.get(code="837")
    gone = Region.objects.create(kind="municipality", code="999", name_fi="Poistuva")
    regions = {"52": region, "99": gone}
    Region.objects.filter(pk=gone.pk).delete()
    run = ImportRun.objects.create(source="sotkanet", kind="test")
    rows = [
        Row(1, "1086", "52", 2023, "total", 1, None),
        Row(2, "1086", "99", 2023, "total", 2, None),
    ]
    with pytest.raises(RowErrors) as caught, transaction.atomic():
        values_write(
            run,
            rows,
            indicator_for={"1086": indicator}.get,
            region_for=regions.get,
            unknown_indicator="indicator %(id)s",
            unknown_region="region %(id)s",
        )
    assert caught.value.errors == [(2, "region 99")]
    assert not Value.objects.exists()


def test_lookup_each_reads_one_row_per_key_then_all_past_many(sotkanet_ready, django_assert_num_queries):
    from indicators.services.values import lookup_each

    indicators = Indicator.objects.filter(source="sotkanet")
    known = list(indicators.values_list("source_id", flat=True)[:2])
    find = lookup_each(indicators, "source_id", many=2)
    with django_assert_num_queries(2):
        assert find(known[0]).source_id == known[0]
        assert find("404") is None
        assert find(known[0]).source_id == known[0]  # asked before: no query
    with django_assert_num_queries(1):
        assert find(known[-1]).source_id == known[-1]
        assert find("405") is None


def _write(rows, *, indicator, region):
    run = ImportRun.objects.create(source="platform", kind="test")
    values_write(
        run,
        rows,
        indicator_for={indicator.source_id: indicator}.get,
        region_for={region.code: region}.get,
        unknown_indicator="indicator %(id)s",
        unknown_region="region %(id)s",
    )
    return run


def test_deleting_a_group_deletes_its_values_and_no_other(sotkanet_ready):
    from familycentres.tests.factories import GroupFactory

    indicator = Indicator.objects.get(source="sotkanet", source_id="1086")
    region = Region.objects.get(code="837")
    gone, kept = GroupFactory(), GroupFactory()
    _write(
        [
            Row(1, "1086", "837", 2023, "total", 1, None, 0, gone.pk),
            Row(2, "1086", "837", 2023, "total", 2, None, 0, kept.pk),
            Row(3, "1086", "837", 2023, "total", 3, None),
        ],
        indicator=indicator,
        region=region,
    )
    gone.delete()
    assert sorted(Value.objects.values_list("value", "group_id")) == [(2, kept.pk), (3, None)]


def test_a_group_deleted_after_it_was_resolved_fails_the_rows_with_lines(sotkanet_ready):
    from django.utils.translation import gettext

    from familycentres.tests.factories import GroupFactory

    indicator = Indicator.objects.get(source="sotkanet", source_id="1086")
    region = Region.objects.get(code="837")
    kept, gone = GroupFactory(), GroupFactory()
    gone_pk = gone.pk
    gone.delete()
    rows = [
        Row(1, "1086", "837", 2023, "total", 1, None, 0, kept.pk),
        Row(2, "1086", "837", 2023, "total", 2, None, 0, gone_pk),
        Row(3, "1086", "837", 2023, "total", 3, None),
    ]
    with pytest.raises(RowErrors) as caught, transaction.atomic():
        _write(rows, indicator=indicator, region=region)
    assert caught.value.errors == [(2, gettext("the group %(id)s no longer exists") % {"id": gone_pk})]
    assert not Value.objects.exists()


def _synchronous_commit() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_an_import_alone_commits_without_waiting_for_the_disk(sotkanet_ready):
    indicator = Indicator.objects.get(source="sotkanet", source_id="1086")
    region = Region.objects.get(code="837")
    # The test settings turn it off for every connection; a deployment keeps the server's default, on.
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = on")
    try:
        assert _synchronous_commit() == "on"
        with transaction.atomic():
            _write([Row(1, "1086", "837", 2023, "total", 1, None)], indicator=indicator, region=region)
            assert _synchronous_commit() == "off"
        assert _synchronous_commit() == "on"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
    assert Value.objects.get().value == 1


def test_a_first_import_dates_its_rows_in_the_database(sotkanet_ready):
    """The first import copies without updated_at: the column's default dates the rows."""
    from django.utils import timezone

    started = timezone.now()
    run = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    assert run.rows_created == 10
    assert all(
        abs(at - started).total_seconds() < 60 for at in Value.objects.values_list("updated_at", flat=True)
    )
