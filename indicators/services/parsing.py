"""Readers of the outside formats: Sotkanet's JSON and CSV, Statistics Finland's json-stat2 (through
pyjstat), and our own CSV export. Each turns bytes into rows and refuses the whole file, with line numbers,
when anything in it is wrong: nothing is written from a file that is partly bad."""

from __future__ import annotations

import csv
import io
import json
import math
import operator
import warnings
from collections import OrderedDict
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import orjson
from django.utils.translation import gettext as _

from core.imports import ImportRejected

from ..models import YEAR_MAX, YEAR_MIN, Value

MAX_ERRORS_SHOWN = 10
# A value or count must be below this in size (the value column holds 14 digits before the point).
_LIMIT = 10**13
GENDERS = {g.value for g in Value.Gender}
SOTKANET_CSV_HEADER = ["indicator", "region", "year", "gender", "primary value", "absolute value"]
OWN_CSV_HEADER = [
    "source",
    "source_id",
    "indicator",
    "area",
    "area_name",
    "year",
    "gender",
    "value",
    "absolute_value",
]
OWN_CSV_REQUIRED = ["source", "source_id", "area", "year", "gender", "value"]


class Row(NamedTuple):
    # A named tuple, not a dataclass: an import makes hundreds of thousands of these.
    line: int
    indicator: str  # the id at the source (or source:id in our own CSV)
    region: str  # the source's region id (Sotkanet) or an official code
    year: int
    gender: str
    value: Decimal | float | int | None  # a JSON number stays as it was read
    abs_value: Decimal | float | int | None
    month: int = 0  # 0: the whole year
    group: int | None = None  # a familycentres Group's id (own figures only)


class RowErrors(ImportRejected):
    """A file with bad rows: the message names the first ones, `errors` holds them all (line, reason)."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        shown = "; ".join(
            _("line %(line)s: %(reason)s") % {"line": n, "reason": r} for n, r in errors[:MAX_ERRORS_SHOWN]
        )
        more = len(errors) - MAX_ERRORS_SHOWN
        text = _("The file was not imported: %(count)s bad rows. %(shown)s") % {
            "count": len(errors),
            "shown": shown,
        }
        if more > 0:
            text += " " + _("(and %(more)s more)") % {"more": more}
        super().__init__(text)


def decode_text(data: bytes) -> str:
    """UTF-8 with or without a byte order mark, or Latin-1 (older portal exports)."""
    if not data or not data.strip():
        raise ImportRejected(_("The file is empty."))
    if b"\x00" in data:
        raise ImportRejected(_("The file is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse_number(text) -> Decimal | None:
    """A number with a decimal point or comma (older exports), spaces as thousands separators; empty is
    missing. Anything else raises ValueError."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError("boolean")
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise ValueError("not finite")
        number = Decimal(str(text))
        if abs(number) >= _LIMIT:
            raise ValueError("out of range")
        return number
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if cleaned in {"", ".", ".."}:
        return None
    cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(cleaned) from None
    if not number.is_finite() or abs(number) >= _LIMIT:
        raise ValueError(cleaned)
    return number


def parse_year(text) -> int:
    if isinstance(text, bool):
        raise ValueError("boolean")
    year = int(str(text).strip())
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(str(year))
    return year


def _row(errors, line, indicator, region, year, gender, value, abs_value) -> Row | None:
    try:
        year_n = parse_year(year)
    except (TypeError, ValueError):
        errors.append(
            (
                line,
                _("the year %(year)s is not a year between %(min)s and %(max)s")
                % {"year": year, "min": YEAR_MIN, "max": YEAR_MAX},
            )
        )
        return None
    gender = str(gender or "total").strip().lower()
    if gender not in GENDERS:
        errors.append((line, _("unknown gender %(gender)s") % {"gender": gender[:20]}))
        return None
    numbers = []
    for raw in (value, abs_value):
        try:
            numbers.append(parse_number(raw))
        except (TypeError, ValueError):
            errors.append((line, _("%(value)s is not a number") % {"value": str(raw)[:30]}))
            return None
    if str(indicator).strip() == "" or str(region).strip() == "":
        errors.append((line, _("the indicator or the region is missing")))
        return None
    return Row(line, str(indicator).strip(), str(region).strip(), year_n, gender, numbers[0], numbers[1])


# A JSON int or a finite float within range (NaN and the infinities fail the range check) is kept as
# read: COPY writes a float's shortest repr, which PostgreSQL reads exactly as Decimal(repr(x)) would.
_JSON_NUMBERS = frozenset({int, float})


def parse_sotkanet_json(data: bytes) -> list[Row]:
    """Sotkanet `/json`: a list of {indicator, region, year, gender, value, absValue?}; `value` may be
    null and `absValue` missing."""
    try:
        # orjson reads UTF-8 bytes in a third of the standard library's time; whatever it refuses (a byte
        # order mark, Latin-1, NaN, integers past 64 bits, an empty or broken file) goes the standard way,
        # which reads or names it as before.
        items = orjson.loads(data)
    except orjson.JSONDecodeError:
        text = decode_text(data)
        try:
            items = json.loads(text)
        except ValueError as exc:
            raise ImportRejected(
                _("The file is not valid JSON (line %(line)s).") % {"line": getattr(exc, "lineno", "?")}
            ) from None
    if not isinstance(items, list):
        raise ImportRejected(_("The file is not a Sotkanet data list."))
    if not items:
        raise ImportRejected(_("The file has no rows."))
    errors: list[tuple[int, str]] = []
    rows = []
    append, genders, numbers, limit = rows.append, GENDERS, _JSON_NUMBERS, _LIMIT
    # A Row made by tuple.__new__ with every field given: the named tuple's own __new__ is a Python
    # function, a tenth of this loop's time.
    new_row = tuple.__new__
    pick = operator.itemgetter("indicator", "region", "year", "gender", "value")
    # The ids as text, made once per id: a file names one indicator and a few hundred regions.
    texts: dict[int, str] = {}
    text_of = texts.get
    for number, item in enumerate(items, start=1):
        # Well-formed Sotkanet rows (integer ids and year, a known gender, JSON numbers) skip the general
        # checks, inline: this loop runs once per value. Anything else goes through `_row`, which names
        # what is wrong.
        if type(item) is dict:
            try:
                indicator, region, year, gender, value = pick(item)
            except KeyError:
                indicator = None  # a key is missing: the general checks say which
            abs_value = item.get("absValue")
            if (
                type(indicator) is int
                and type(region) is int
                and type(year) is int
                and YEAR_MIN <= year <= YEAR_MAX
                and gender in genders
                and (value is None or (type(value) in numbers and -limit < value < limit))
                and (abs_value is None or (type(abs_value) in numbers and -limit < abs_value < limit))
            ):
                indicator_text = text_of(indicator) or texts.setdefault(indicator, str(indicator))
                region_text = text_of(region) or texts.setdefault(region, str(region))
                append(
                    new_row(
                        Row, (number, indicator_text, region_text, year, gender, value, abs_value, 0, None)
                    )
                )
                continue
        if (
            not isinstance(item, dict)
            or not {"indicator", "region", "year", "gender", "value"} <= item.keys()
        ):
            errors.append((number, _("a row needs indicator, region, year, gender and value")))
            continue
        row = _row(
            errors,
            number,
            item["indicator"],
            item["region"],
            item["year"],
            item["gender"],
            item["value"],
            item.get("absValue"),
        )
        if row:
            rows.append(row)
    if errors:
        raise RowErrors(errors)
    return rows


def _csv_rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=";")
    try:
        return [r for r in reader if any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise ImportRejected(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from None


def parse_sotkanet_csv(data: bytes) -> list[Row]:
    """Sotkanet `/csv`: `;`-separated with the header `indicator;region;year;gender;primary value;absolute
    value`; decimal point or comma; UTF-8 (BOM or not) or Latin-1."""
    lines = _csv_rows(decode_text(data))
    if not lines:
        raise ImportRejected(_("The file is empty."))
    header = [cell.strip().lower() for cell in lines[0]]
    if header[:5] != SOTKANET_CSV_HEADER[:5] or (len(header) > 5 and header[5] != SOTKANET_CSV_HEADER[5]):
        raise ImportRejected(
            _("The header is not Sotkanet's: expected %(expected)s.")
            % {"expected": ";".join(SOTKANET_CSV_HEADER)}
        )
    if len(lines) < 2:
        raise ImportRejected(_("The file has no rows."))
    errors: list[tuple[int, str]] = []
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if len(cells) not in (5, 6):
            errors.append((number, _("expected %(n)s columns") % {"n": 6}))
            continue
        abs_value = cells[5] if len(cells) == 6 else None
        row = _row(errors, number, cells[0], cells[1], cells[2], cells[3], cells[4], abs_value)
        if row:
            rows.append(row)
    if errors:
        raise RowErrors(errors)
    return rows


def parse_own_csv(data: bytes) -> list[Row]:
    """Our own export's shape (`source;source_id;indicator;area;area_name;year;gender;value;absolute_value`):
    the indicator is `source:source_id`, the region its official code."""
    lines = _csv_rows(decode_text(data))
    if not lines:
        raise ImportRejected(_("The file is empty."))
    header = [cell.strip().lower() for cell in lines[0]]
    missing = [name for name in OWN_CSV_REQUIRED if name not in header]
    if missing:
        raise ImportRejected(_("The header lacks the columns %(columns)s.") % {"columns": ", ".join(missing)})
    if len(lines) < 2:
        raise ImportRejected(_("The file has no rows."))
    at = {name: header.index(name) for name in header}
    errors: list[tuple[int, str]] = []
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if len(cells) != len(header):
            errors.append((number, _("expected %(n)s columns") % {"n": len(header)}))
            continue

        def cell(name, cells=cells):
            return cells[at[name]] if name in at else None

        indicator = f"{cell('source').strip()}:{cell('source_id').strip()}"
        row = _row(
            errors,
            number,
            indicator,
            cell("area"),
            cell("year"),
            cell("gender"),
            cell("value"),
            cell("absolute_value"),
        )
        if row:
            rows.append(row)
    if errors:
        raise RowErrors(errors)
    return rows


# Statistics Finland ------------------------------------------------------------------------------------

AREA_DIMENSIONS = ("Alue", "Kunta", "Area", "Region", "Område")
YEAR_DIMENSIONS = ("Vuosi", "Year", "År", "Tilastovuosi")
GENDER_DIMENSIONS = ("Sukupuoli", "Sex", "Kön")
GENDER_CODES = {
    "SSS": "total",
    "S": "total",
    "1": "male",
    "2": "female",
    "total": "total",
    "male": "male",
    "female": "female",
}


def statfin_area_code(code: str) -> str:
    """Statistics Finland's area codes as official codes: `SSS` the whole country, `KU837` Tampere,
    `HV08` or `SOTE08` a wellbeing services county; plain codes pass."""
    code = code.strip()
    if code in {"SSS", "MA1"}:
        return "FI"
    for prefix in ("KU", "HV", "SOTE"):
        if code.startswith(prefix) and code[len(prefix) :].isdigit():
            digits = code[len(prefix) :]
            return digits.zfill(3 if prefix == "KU" else 2)
    return code


def parse_jsonstat2(data: bytes) -> tuple[str | None, list[Row]]:
    """A PxWeb json-stat2 dataset with an area and a year dimension (and optionally gender); any other
    dimension must hold one category (the content: its code names the indicator, returned first). The flat
    `value` array is read by pyjstat after its length is checked against `size`."""
    from pyjstat import pyjstat

    text = decode_text(data)
    try:
        doc = json.loads(text, object_pairs_hook=OrderedDict)
    except ValueError:
        raise ImportRejected(_("The file is not valid JSON.")) from None
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        raise ImportRejected(_("The file is not a json-stat2 dataset."))
    ids, sizes, dimension, values = doc.get("id"), doc.get("size"), doc.get("dimension"), doc.get("value")
    if not (
        isinstance(ids, list)
        and isinstance(sizes, list)
        and isinstance(dimension, dict)
        and len(ids) == len(sizes)
    ):
        raise ImportRejected(_("The dataset's id, size and dimension do not match."))
    if not all(isinstance(s, int) and s > 0 for s in sizes) or any(str(i) not in dimension for i in ids):
        raise ImportRejected(_("The dataset's id, size and dimension do not match."))
    expected = math.prod(sizes)
    if isinstance(values, list):
        if len(values) != expected:
            raise ImportRejected(
                _("The dataset has %(got)s values but its size says %(expected)s.")
                % {"got": len(values), "expected": expected}
            )
    elif isinstance(values, dict):
        if any(not str(k).isdigit() or int(k) >= expected for k in values):
            raise ImportRejected(_("The dataset has values outside its size."))
    else:
        raise ImportRejected(_("The dataset has no values."))
    if expected == 0 or (isinstance(values, list) and not values):
        raise ImportRejected(_("The file has no rows."))
    area_dim = next((d for d in ids if d in AREA_DIMENSIONS), None)
    year_dim = next((d for d in ids if d in YEAR_DIMENSIONS), None)
    gender_dim = next((d for d in ids if d in GENDER_DIMENSIONS), None)
    if area_dim is None or year_dim is None:
        raise ImportRejected(_("The dataset needs an area and a year dimension."))
    content = None
    for dim_id, size in zip(ids, sizes, strict=True):
        if dim_id in (area_dim, year_dim, gender_dim):
            continue
        if size != 1:
            raise ImportRejected(
                _("The dimension %(dim)s has %(n)s categories; choose one in the query.")
                % {"dim": dim_id, "n": size}
            )
        index = dimension[dim_id].get("category", {}).get("index", {})
        content = next(iter(index)) if isinstance(index, dict) and index else (index[0] if index else None)
    try:
        with warnings.catch_warnings():
            # pyjstat's own dataframe writer calls a helper it marks deprecated; the result is the same.
            warnings.simplefilter("ignore", DeprecationWarning)
            frame = pyjstat.Dataset.read(doc).write("dataframe", naming="id")
    except (IndexError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ImportRejected(_("The dataset cannot be read: %(error)s") % {"error": exc}) from None
    errors: list[tuple[int, str]] = []
    rows = []
    for number, record in enumerate(frame.to_dict("records"), start=1):
        raw = record.get("value")
        value = None if raw is None or (isinstance(raw, float) and math.isnan(raw)) else raw
        gender = GENDER_CODES.get(str(record[gender_dim]), "?") if gender_dim else "total"
        row = _row(
            errors,
            number,
            content or "-",
            statfin_area_code(str(record[area_dim])),
            record[year_dim],
            gender,
            value,
            None,
        )
        if row:
            rows.append(row)
    if errors:
        raise RowErrors(errors)
    return content, rows
