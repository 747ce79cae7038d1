"""Imports of indicator values, each recorded as a core ImportRun and all-or-nothing: a file upload in one
of the four shapes, or a fetch from Sotkanet or Statistics Finland (fetched first, then parsed and written
in one transaction). A failed run keeps its reason and the rows' line numbers; nothing is written."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.imports import ImportRejected, import_run
from core.models import ImportRun

from ..models import Indicator
from . import parsing
from .http import FetchFailed, fetch
from .regions import regions_ensure, sotkanet_regions_apply
from .values import lookup, lookup_each, values_write

logger = logging.getLogger(__name__)

# ImportRun.source values of this app (the run record is shared with other importers).
RUN_SOURCES = ("sotkanet", "statfin", "indicators-csv", "platform")
FILE_KINDS = {
    "sotkanet-json": "sotkanet",
    "sotkanet-csv": "sotkanet",
    "pxweb-jsonstat2": "statfin",
    "csv": "indicators-csv",
}
MAX_ERRORS_KEPT = 200


def recorded_run(*, source: str, kind: str, actor, body: Callable[[ImportRun], None]) -> ImportRun:
    """Runs `body` inside core's import_run and returns the run, succeeded or failed: a rejected file or
    a failed fetch is an outcome to show, not an exception to the caller."""
    holder: dict[str, ImportRun] = {}
    try:
        with import_run(source=source, kind=kind, actor=actor) as run:
            holder["run"] = run
            body(run)
    except Exception as exc:
        run = holder.get("run")
        if run is None:
            raise
        if not isinstance(exc, ImportRejected):
            logger.exception("indicator import %s/%s failed", source, kind)
        errors = getattr(exc, "errors", None)
        if errors:
            detail = {
                "errors": [{"line": n, "message": str(m)} for n, m in errors[:MAX_ERRORS_KEPT]],
                "error_count": len(errors),
            }
            ImportRun.objects.filter(pk=run.pk).update(detail=detail)
        run.refresh_from_db()
    return holder["run"]


def _sotkanet_resolvers():
    regions = regions_ensure()
    return {
        "indicator_for": lookup_each(Indicator.objects.filter(source=Indicator.Source.SOTKANET), "source_id"),
        "region_for": {str(r.sotkanet_id): r for r in regions.values() if r.sotkanet_id is not None}.get,
        "unknown_indicator": _("indicator %(id)s is not in the catalogue"),
        "unknown_region": _("unknown Sotkanet region id %(id)s"),
    }


def _code_resolvers(source: str | None = None, indicator: Indicator | None = None):
    regions = regions_ensure()
    if indicator is not None:

        def indicator_for(_key):
            return indicator
    elif source is not None:
        indicator_for = lookup_each(Indicator.objects.filter(source=source), "source_id")
    else:
        indicator_for = lookup(Indicator.objects.all(), lambda i: f"{i.source}:{i.source_id}")
    return {
        "indicator_for": indicator_for,
        "region_for": regions.get,
        "unknown_indicator": _("indicator %(id)s is not in the catalogue"),
        "unknown_region": _("unknown area code %(id)s"),
    }


def file_import(*, actor, kind: str, data: bytes, indicator: Indicator | None = None) -> ImportRun:
    """Imports an uploaded file of `kind` (sotkanet-json, sotkanet-csv, pxweb-jsonstat2, csv)."""
    if kind not in FILE_KINDS:
        raise ValueError(kind)

    def body(run):
        if kind == "sotkanet-json":
            values_write(run, parsing.parse_sotkanet_json(data), **_sotkanet_resolvers())
        elif kind == "sotkanet-csv":
            values_write(run, parsing.parse_sotkanet_csv(data), **_sotkanet_resolvers())
        elif kind == "pxweb-jsonstat2":
            _content, rows = parsing.parse_jsonstat2(data)
            values_write(run, rows, **_code_resolvers(Indicator.Source.STATFIN, indicator))
        else:
            values_write(run, parsing.parse_own_csv(data), **_code_resolvers())
        run.detail = {**run.detail, "file": kind}

    return recorded_run(source=FILE_KINDS[kind], kind=f"values:{kind}", actor=actor, body=body)


def failed_fetch(*, source: str, kind: str, actor, reason: str) -> ImportRun:
    def body(run):
        raise ImportRejected(reason)

    return recorded_run(source=source, kind=kind, actor=actor, body=body)


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year - settings.INDICATORS_YEARS_BACK, this_year + 1))


def sotkanet_regions_fetch(*, actor=None) -> ImportRun:
    try:
        data = fetch(f"{settings.SOTKANET_BASE_URL.rstrip('/')}/regions")
    except FetchFailed as exc:
        return failed_fetch(source="sotkanet", kind="regions", actor=actor, reason=str(exc))

    def body(run):
        import json

        try:
            items = json.loads(parsing.decode_text(data))
        except ValueError:
            raise ImportRejected(_("The file is not valid JSON.")) from None
        sotkanet_regions_apply(run, items)

    return recorded_run(source="sotkanet", kind="regions", actor=actor, body=body)


def _html_text(value) -> str:
    from django.utils.html import strip_tags

    return strip_tags(str(value or "")).strip()


def sotkanet_metadata_apply(indicator: Indicator, meta: dict) -> None:
    """Names, description, interpretation, value type and decimals from Sotkanet's `/indicators/{id}`."""
    if not isinstance(meta, dict):
        raise ImportRejected(_("The indicator's metadata is not an object."))
    changed = []
    for field, key in (
        ("title", "title"),
        ("description", "description"),
        ("interpretation", "interpretation"),
    ):
        texts = meta.get(key) if isinstance(meta.get(key), dict) else {}
        for lang in ("fi", "sv", "en"):
            text = _html_text(texts.get(lang))[: 300 if field == "title" else 10000]
            if text and getattr(indicator, f"{field}_{lang}") != text:
                setattr(indicator, f"{field}_{lang}", text)
                changed.append(f"{field}_{lang}")
    code = (
        (meta.get("primaryValueType") or {}).get("code")
        if isinstance(meta.get("primaryValueType"), dict)
        else None
    )
    if code in Indicator.ValueType.values and indicator.value_type != code:
        indicator.value_type = code
        changed.append("value_type")
    decimals = meta.get("decimals")
    if isinstance(decimals, int) and 0 <= decimals <= 6 and indicator.decimals != decimals:
        indicator.decimals = decimals
        changed.append("decimals")
    sexes = (
        (((meta.get("classifications") or {}).get("sex") or {}).get("values"))
        if isinstance(meta.get("classifications"), dict)
        else None
    )
    has_genders = bool(sexes) and {"male", "female"} <= set(sexes)
    if has_genders != indicator.has_genders:
        indicator.has_genders = has_genders
        changed.append("has_genders")
    if changed:
        indicator.save(update_fields=[*changed, "updated_at"])


def sotkanet_values_fetch(*, actor, indicator: Indicator) -> ImportRun:
    """Fetches an indicator's metadata and its values of the recent years (all regions, every gender)
    from Sotkanet, then writes them all-or-nothing."""
    base = settings.SOTKANET_BASE_URL.rstrip("/")
    kind = f"values:{indicator.source_id}"
    params = [("indicator", indicator.source_id), *(("years", str(y)) for y in _years())]
    params += [("genders", g) for g in ("total", "male", "female")]
    try:
        meta = fetch(f"{base}/indicators/{indicator.source_id}")
        data = fetch(f"{base}/json", params=params)
    except FetchFailed as exc:
        return failed_fetch(source="sotkanet", kind=kind, actor=actor, reason=str(exc))

    def body(run):
        import json

        try:
            sotkanet_metadata_apply(indicator, json.loads(parsing.decode_text(meta)))
        except ValueError:
            raise ImportRejected(_("The indicator's metadata is not valid JSON.")) from None
        rows = parsing.parse_sotkanet_json(data)
        wrong = [r for r in rows if r.indicator != str(indicator.source_id)]
        if wrong:
            raise parsing.RowErrors([(r.line, _("a row of another indicator")) for r in wrong])
        values_write(run, rows, **_sotkanet_resolvers())

    return recorded_run(source="sotkanet", kind=kind, actor=actor, body=body)


def statfin_values_fetch(*, actor, indicator: Indicator) -> ImportRun:
    """Posts the indicator's query to its PxWeb table and writes the json-stat2 answer."""
    kind = f"values:{indicator.source_id}"
    if not indicator.pxweb_path:
        return failed_fetch(
            source="statfin", kind=kind, actor=actor, reason=_("The indicator has no PxWeb table.")
        )
    url = f"{settings.STATFIN_BASE_URL.rstrip('/')}/fi/{indicator.pxweb_path.lstrip('/')}"
    try:
        data = fetch(
            url, json_body={"query": indicator.pxweb_query or [], "response": {"format": "json-stat2"}}
        )
    except FetchFailed as exc:
        return failed_fetch(source="statfin", kind=kind, actor=actor, reason=str(exc))

    def body(run):
        _content, rows = parsing.parse_jsonstat2(data)
        values_write(run, rows, **_code_resolvers(indicator=indicator))

    return recorded_run(source="statfin", kind=kind, actor=actor, body=body)


def indicator_fetch(*, actor, indicator: Indicator) -> ImportRun:
    """An on-demand or scheduled import of one indicator from its source."""
    if indicator.source == Indicator.Source.SOTKANET:
        return sotkanet_values_fetch(actor=actor, indicator=indicator)
    if indicator.source == Indicator.Source.STATFIN:
        return statfin_values_fetch(actor=actor, indicator=indicator)
    from .own import platform_figures_compute

    return platform_figures_compute(actor=actor)


def due_for_import(now=None) -> list[Indicator]:
    """Indicators whose schedule says it is time again."""
    from datetime import timedelta

    now = now or timezone.now()
    periods = {"daily": timedelta(days=1), "weekly": timedelta(days=7), "monthly": timedelta(days=30)}
    due = []
    for indicator in Indicator.objects.exclude(schedule=Indicator.Schedule.OFF).exclude(
        source=Indicator.Source.PLATFORM
    ):
        period = periods[indicator.schedule]
        # A little slack, so that a daily import at the same hour does not drift a day.
        if indicator.last_imported_at is None or indicator.last_imported_at <= now - period + timedelta(
            minutes=30
        ):
            due.append(indicator)
    return due
