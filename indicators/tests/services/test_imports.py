"""Sotkanet JSON and CSV, Statistics Finland json-stat2 and our own CSV: every variant of the recorded
formats, all-or-nothing on bad input, nothing new on a re-import."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.models import ImportRun
from indicators.models import Indicator, Region, Value
from indicators.services.imports import file_import
from indicators.tests.conftest import sample

pytestmark = pytest.mark.django_db


def _value(source_id, code, year, gender="total"):
    return Value.objects.get(indicator__source_id=source_id, region__code=code, year=year, gender=gender)


def test_regions_matched_by_official_code_with_unpadded_municipality(sotkanet_ready):
    assert Region.objects.get(code="020").sotkanet_id == 61  # Sotkanet gave "20"
    assert Region.objects.get(code="837").sotkanet_id == 52
    assert Region.objects.get(code="08").sotkanet_id == 970
    assert Region.objects.get(code="FI").sotkanet_id == 1
    assert Region.objects.get(code="837").parent.code == "08"
    assert not Region.objects.filter(name_fi="Pirkanmaa (maakunta)").exists()  # MAAKUNTA skipped


def test_sotkanet_json_imports_values_nulls_and_genders(sotkanet_ready):
    run = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert (run.rows_read, run.rows_created, run.rows_updated) == (10, 10, 0)
    assert _value("1086", "837", 2023).value == Decimal("8.4")
    assert _value("1086", "837", 2023).abs_value == 3790
    assert _value("1086", "837", 2023, "female").value == Decimal("8.8")
    assert _value("1086", "536", 2022).value is None
    assert Indicator.objects.get(source_id="1086").has_genders


def test_reimport_writes_nothing_new(sotkanet_ready):
    file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    before = list(Value.objects.values_list("pk", "updated_at"))
    run = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    assert run.status == ImportRun.Status.SUCCEEDED
    assert (run.rows_created, run.rows_updated, run.detail["unchanged"]) == (0, 0, 10)
    assert list(Value.objects.values_list("pk", "updated_at")) == before


def test_missing_abs_value_is_accepted(sotkanet_ready):
    run = file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-127-no-abs.json"))
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert _value("127", "FI", 2023).abs_value is None


def test_sotkanet_json_with_a_byte_order_mark_or_in_latin1_reads_the_same(sotkanet_ready):
    data = sample("sotkanet-1086.json")
    run = file_import(actor=None, kind="sotkanet-json", data=b"\xef\xbb\xbf" + data)
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert _value("1086", "837", 2023).value == Decimal("8.4")
    # An older export in Latin-1: a note in it is not UTF-8.
    latin1 = data.replace(b'"gender"', '"huom": "ääni", "gender"'.encode("latin-1"), 1)
    run = file_import(actor=None, kind="sotkanet-json", data=latin1)
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert (run.rows_created, run.rows_updated, run.detail["unchanged"]) == (0, 0, 10)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-1e13", "123456789012345678901234567890"])
def test_sotkanet_json_number_out_of_range_is_a_row_error(sotkanet_ready, number):
    good = '{"indicator": 1086, "region": 52, "year": 2023, "gender": "total", "value": 1}'
    bad = '{"indicator": 1086, "region": 52, "year": 2024, "gender": "total", "value": ' + number + "}"
    run = file_import(actor=None, kind="sotkanet-json", data=f"[{good}, {bad}]".encode())
    assert run.status == ImportRun.Status.FAILED
    assert [(e["line"], "is not a number" in e["message"]) for e in run.detail["errors"]] == [(2, True)]
    assert not Value.objects.exists()


def test_sotkanet_json_unknown_ids_name_every_line(sotkanet_ready):
    rows = [
        '{"indicator": 1086, "region": 52, "year": 2023, "gender": "total", "value": 1}',
        '{"indicator": 4242, "region": 4711, "year": 2023, "gender": "total", "value": 1}',
        '{"indicator": 1086, "region": 4711, "year": 2023, "gender": "male", "value": 1}',
        '{"indicator": 4242, "region": 52, "year": 2022, "gender": "total", "value": 1}',
    ]
    run = file_import(actor=None, kind="sotkanet-json", data=f"[{', '.join(rows)}]".encode())
    assert run.status == ImportRun.Status.FAILED
    assert [(e["line"], e["message"]) for e in run.detail["errors"]] == [
        (2, "indicator 4242 is not in the catalogue"),
        (3, "unknown Sotkanet region id 4711"),
        (4, "indicator 4242 is not in the catalogue"),
    ]
    assert not Value.objects.exists()


def test_sotkanet_csv_with_bom_and_decimal_point(sotkanet_ready):
    run = file_import(actor=None, kind="sotkanet-csv", data=sample("sotkanet-1086-bom.csv"))
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert run.rows_created == 4
    assert _value("1086", "020", 2023).value == Decimal("9.0")
    assert _value("1086", "536", 2023).value is None


def test_sotkanet_csv_latin1_with_decimal_comma(sotkanet_ready):
    run = file_import(actor=None, kind="sotkanet-csv", data=sample("sotkanet-3219-latin1-comma.csv"))
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert _value("3219", "020", 2023).value == Decimal("7.25")


def test_update_counts_changed_rows(sotkanet_ready):
    file_import(actor=None, kind="sotkanet-csv", data=sample("sotkanet-1086-bom.csv"))
    changed = sample("sotkanet-1086-bom.csv").replace(b"8.4;3790", b"8.5;3800")
    run = file_import(actor=None, kind="sotkanet-csv", data=changed)
    assert (run.rows_created, run.rows_updated, run.detail["unchanged"]) == (0, 1, 3)
    assert _value("1086", "837", 2023).value == Decimal("8.5")


BAD_FILES = [
    ("sotkanet-csv", b"indicator;area;year;gender;value\n1086;52;2023;total;1\n", "header"),
    (
        "sotkanet-csv",
        b"indicator;region;year;gender;primary value;absolute value\n1086;99999;2023;total;1;1\n",
        "line 2",
    ),
    (
        "sotkanet-csv",
        b"indicator;region;year;gender;primary value;absolute value\n1086;52;2023;total;abc;1\n",
        "not a number",
    ),
    (
        "sotkanet-csv",
        b"indicator;region;year;gender;primary value;absolute value\n1086;52;1066;total;1;1\n",
        "1066",
    ),
    ("sotkanet-csv", b"", "empty"),
    ("sotkanet-json", b"[]", "no rows"),
    ("sotkanet-json", b'{"not": "a list"}', "Sotkanet"),
    ("sotkanet-json", b'[{"indicator": 1086', "JSON"),
    (
        "sotkanet-json",
        b'[{"indicator": 4242, "region": 52, "year": 2023, "gender": "total", "value": 1}]',
        "catalogue",
    ),
    (
        "sotkanet-json",
        b'[{"indicator": 1086, "region": 52, "year": 2023, "gender": "other", "value": 1}]',
        "gender",
    ),
    ("csv", b"source;year\nsotkanet;2023\n", "columns"),
    ("pxweb-jsonstat2", b"\x00\x01", "text"),
]


@pytest.mark.parametrize(("kind", "data", "reason"), BAD_FILES)
def test_bad_file_is_refused_whole_and_changes_nothing(sotkanet_ready, kind, data, reason):
    file_import(actor=None, kind="sotkanet-json", data=sample("sotkanet-1086.json"))
    before = list(Value.objects.order_by("pk").values_list("pk", "value", "updated_at"))
    run = file_import(actor=None, kind=kind, data=data)
    assert run.status == ImportRun.Status.FAILED
    assert reason.lower() in run.error.lower()
    assert run.finished_at is not None
    assert list(Value.objects.order_by("pk").values_list("pk", "value", "updated_at")) == before


def test_one_bad_row_rejects_the_good_rows_too_with_line_numbers(sotkanet_ready):
    data = sample("sotkanet-1086-bom.csv") + b"1086;52;2024;total;x;1\n1086;4711;2024;total;1;1\n"
    run = file_import(actor=None, kind="sotkanet-csv", data=data)
    assert run.status == ImportRun.Status.FAILED
    assert [e["line"] for e in run.detail["errors"]] == [6]
    assert not Value.objects.exists()


def test_jsonstat2_read_with_pyjstat(sotkanet_ready):
    Indicator.objects.create(
        source="statfin", source_id="vaesto", title_fi="Väestö", value_type="COUNT", decimals=0
    )
    run = file_import(actor=None, kind="pxweb-jsonstat2", data=sample("statfin-vaesto.json"))
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert run.rows_created == 18
    assert _value("vaesto", "837", 2023).value == 255050
    assert _value("vaesto", "FI", 2022, "female").value == 2813762
    assert _value("vaesto", "020", 2023).value is None


def test_jsonstat2_value_length_must_match_size(sotkanet_ready):
    Indicator.objects.create(source="statfin", source_id="vaesto", title_fi="Väestö")
    data = sample("statfin-vaesto.json").replace(b"16622, 8236, 8386, null, null, null]", b"16622]")
    run = file_import(actor=None, kind="pxweb-jsonstat2", data=data)
    assert run.status == ImportRun.Status.FAILED
    assert "13" in run.error and "18" in run.error
    assert not Value.objects.exists()


def test_jsonstat2_for_a_chosen_indicator(sotkanet_ready):
    chosen = Indicator.objects.create(source="statfin", source_id="other", title_fi="Muu")
    run = file_import(
        actor=None, kind="pxweb-jsonstat2", data=sample("statfin-vaesto.json"), indicator=chosen
    )
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert Value.objects.filter(indicator=chosen).count() == 18


def test_own_csv_round_trip(sotkanet_ready):
    body = "source;source_id;indicator;area;area_name;year;gender;value;absolute_value\r\nsotkanet;1086;X;837;Tampere;2021;total;7,7;3400\r\n"
    run = file_import(actor=None, kind="csv", data=("\ufeff" + body).encode())
    assert run.status == ImportRun.Status.SUCCEEDED, run.error
    assert _value("1086", "837", 2021).value == Decimal("7.7")


def test_municipality_under_a_region_belongs_to_its_county(pirkanmaa):
    from familycentres.models import Area
    from indicators.services.regions import regions_ensure

    seutu = Area.objects.create(kind="region", code="R1", name_fi="Seutu", parent=pirkanmaa.county)
    Area.objects.create(kind="municipality", code="604", name_fi="Pirkkala", parent=seutu)
    assert regions_ensure()["604"].parent.code == "08"
