"""Import of family-centre services from the national service catalogue (Palvelutietovaranto, PTV,
open API v11): the paged service lists of each municipality.

All pages are fetched first, outside any transaction; then one `core.imports.import_run` writes every
change or none. A page that fails, or a file of the wrong shape, fails the whole run with its reason; a
service that cannot be used (no Finnish name, an unknown family-service class) is skipped and listed in
the run's `detail`. A field a coordinator edited here is never overwritten: when the catalogue changed it
too, both versions are kept in `Service.conflicts` for a coordinator to choose."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.imports import ImportRejected, import_run
from core.models import ImportRun
from core.text import strip_controls

from ..models import Area, ClientGroup, Organisation, Service, ServiceGroup, ServiceLanguage
from .servicemap import SYNCED_FIELDS, TEXT_LIMITS, field_set, field_value

logger = logging.getLogger(__name__)

SOURCE = "ptv"
KIND = "services"

# Family-centre service classes of the catalogue and the THL service group each belongs to.
CLASS_GROUPS = {
    "P3.4": ServiceGroup.EDUCATION,  # early childhood education
    "P3.6": ServiceGroup.PROMOTION,  # social services for families with children
    "P3.7": ServiceGroup.PSYCHOSOCIAL,  # child guidance and family counselling
    "P3.8": ServiceGroup.SPECIAL,  # child welfare
    "P5.2": ServiceGroup.PROMOTION,  # maternity and child health clinics
    "P5.7": ServiceGroup.PSYCHOSOCIAL,  # substance abuse and mental health services
    "P5.9": ServiceGroup.PROMOTION,  # school and student health care
}
# Whom a service class serves when the catalogue's target groups say nothing narrower.
CLASS_CLIENTS = {
    "P3.4": {ClientGroup.AGE_0_6},
    "P3.6": {ClientGroup.FAMILY, ClientGroup.PARENTS},
    "P3.7": {ClientGroup.FAMILY, ClientGroup.PARENTS, ClientGroup.AGE_7_12, ClientGroup.AGE_13_17},
    "P3.8": {ClientGroup.FAMILY, ClientGroup.AGE_0_6, ClientGroup.AGE_7_12, ClientGroup.AGE_13_17},
    "P5.2": {ClientGroup.EXPECTING, ClientGroup.AGE_0_6, ClientGroup.FAMILY},
    "P5.7": {ClientGroup.AGE_13_17, ClientGroup.AGE_18_29, ClientGroup.PARENTS},
    "P5.9": {ClientGroup.AGE_7_12, ClientGroup.AGE_13_17, ClientGroup.AGE_18_29},
}
YOUNG = {ClientGroup.AGE_13_17, ClientGroup.AGE_18_29}
# A class under P3 (family services) that is not listed above is a family service we cannot place.
FAMILY_CLASS_PREFIX = "P3."
ORGANISATION_KIND_HINTS = [
    ("hyvinvointialue", Organisation.Kind.WELLBEING_COUNTY),
    ("seurakunta", Organisation.Kind.PARISH),
    ("kela", Organisation.Kind.KELA),
    ("kansaneläkelaitos", Organisation.Kind.KELA),
    ("kaupunki", Organisation.Kind.MUNICIPALITY),
    ("kunta", Organisation.Kind.MUNICIPALITY),
    (" ry", Organisation.Kind.NGO),
]


class PtvFetchError(Exception):
    """A page could not be read or was not in the catalogue's shape."""


@dataclass
class Fetched:
    """Every service read in one import, by catalogue id, with the municipalities whose lists had it."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    listed_in: dict[str, set[str]] = field(default_factory=dict)
    pages: int = 0
    codes: list[str] = field(default_factory=list)


def _get_json(url: str) -> Any:
    # SECURITY: only http(s); a file: or custom scheme in the setting must never be opened.
    if not url.startswith(("https://", "http://")):
        raise PtvFetchError(_("The service catalogue address must start with https://."))
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.PTV_TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise PtvFetchError(_("Reading %(url)s failed: %(error)s") % {"url": url, "error": exc}) from exc


def fetch_municipality(code: str, fetched: Fetched) -> None:
    """All pages of one municipality's service list. The catalogue numbers pages from 1 and tells the
    page count on every page."""
    base = settings.PTV_API_URL.rstrip("/")
    quoted = urllib.parse.quote(code, safe="")
    page, page_count = 1, 1
    while page <= page_count:
        url = f"{base}/Service/list/area/Municipality/code/{quoted}?page={page}"
        data = _get_json(url)
        if not isinstance(data, dict) or not isinstance(data.get("itemList"), list):
            raise PtvFetchError(
                _("Page %(page)s of municipality %(code)s is not a service list.")
                % {"page": page, "code": code}
            )
        count = data.get("pageCount")
        if not isinstance(count, int) or count < 0:
            raise PtvFetchError(
                _("Page %(page)s of municipality %(code)s has no page count.") % {"page": page, "code": code}
            )
        page_count = min(count, settings.PTV_MAX_PAGES)
        fetched.pages += 1
        for item in data["itemList"]:
            if not isinstance(item, dict):
                raise PtvFetchError(
                    _("Page %(page)s of municipality %(code)s has an item that is not a service.")
                    % {"page": page, "code": code}
                )
            item_id = str(item.get("id", ""))
            fetched.items.setdefault(item_id, item)
            fetched.listed_in.setdefault(item_id, set()).add(code)
        page += 1


def municipality_codes() -> list[str]:
    configured = [code.strip() for code in settings.PTV_MUNICIPALITIES if code.strip()]
    if configured:
        return configured
    return list(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY).order_by("code").values_list("code", flat=True)
    )


def fetch_all(codes: list[str]) -> Fetched:
    fetched = Fetched(codes=list(codes))
    for code in codes:
        fetch_municipality(code, fetched)
    return fetched


# --- reading one catalogue item ---------------------------------------------------------------------


def _texts(entries: Any, kinds: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    if not isinstance(entries, list):
        return found
    for kind in reversed(kinds):  # the first kind listed wins
        for entry in entries:
            if isinstance(entry, dict) and entry.get("type", kinds[0]) == kind:
                lang = str(entry.get("language", ""))[:2]
                value = strip_controls(str(entry.get("value") or "")).strip()
                if lang in {"fi", "sv", "en"} and value:
                    found[lang] = value
    return found


def _classes(item: dict[str, Any]) -> list[str]:
    classes = item.get("serviceClasses") or []
    if not isinstance(classes, list):
        raise ImportRejected(
            _("Service %(id)s has service classes in an unknown shape.") % {"id": item.get("id")}
        )
    codes = []
    for entry in classes:
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not code:
            raise ImportRejected(
                _("Service %(id)s has a service class without a code.") % {"id": item.get("id")}
            )
        codes.append(code.strip().upper())
    return codes


def _client_groups(service_class: str, item: dict[str, Any]) -> list[str]:
    """The class's client groups, narrowed by the catalogue's target groups: only young people (KR1.3),
    or only children and families (KR1.2)."""
    groups = set(CLASS_CLIENTS[service_class])
    targets = {
        str(entry.get("code", ""))[:5]
        for entry in (item.get("targetGroups") or [])
        if isinstance(entry, dict)
    }
    if "KR1.3" in targets and "KR1.2" not in targets:
        groups = (groups & YOUNG) or set(YOUNG)
    elif "KR1.2" in targets and "KR1.3" not in targets:
        groups = (groups - YOUNG) or {ClientGroup.FAMILY}
    return sorted(str(group) for group in groups)


def _languages(item: dict[str, Any]) -> list[str]:
    known = set(ServiceLanguage.values)
    result = set()
    for code in item.get("languages") or []:
        code = str(code).strip().lower()[:5]
        result.add(code if code in known else ServiceLanguage.OTHER)
    return sorted(result)


def _organisation_name(item: dict[str, Any]) -> str:
    entries = [entry for entry in (item.get("organizations") or []) if isinstance(entry, dict)]
    entries.sort(key=lambda entry: entry.get("roleType") != "Responsible")
    for entry in entries:
        organisation = entry.get("organization") or {}
        name = (
            strip_controls(str(organisation.get("name") or "")).strip()[:200]
            if isinstance(organisation, dict)
            else ""
        )
        if name:
            return name
    return ""


def _organisation_kind(name: str) -> str:
    lowered = f" {name.lower()}"
    for hint, kind in ORGANISATION_KIND_HINTS:
        if hint in lowered:
            return kind
    return Organisation.Kind.OTHER


# --- writing ---------------------------------------------------------------------------------------


@dataclass
class _Counts:
    skipped: list[dict[str, str]] = field(default_factory=list)
    not_family: int = 0
    conflicts: int = 0
    organisations_created: list[str] = field(default_factory=list)
    withdrawn: int = 0


def _values_for(item, *, item_id, areas_by_code, listed_in, organisations, counts) -> dict[str, Any] | None:
    """The synced fields of one item, or None when it is skipped (the reason goes to `counts`)."""
    codes = _classes(item)
    placed = [code for code in codes if code in CLASS_GROUPS]
    if not placed:
        unknown = [code for code in codes if code.startswith(FAMILY_CLASS_PREFIX)]
        if unknown:
            counts.skipped.append(
                {"id": item_id, "reason": _("unknown service class %(code)s") % {"code": unknown[0]}}
            )
        else:
            counts.not_family += 1
        return None
    names = _texts(item.get("serviceNames"), ("Name",))
    if not names.get("fi"):
        counts.skipped.append({"id": item_id, "reason": _("no name in Finnish")})
        return None
    org_name = _organisation_name(item)
    if not org_name:
        counts.skipped.append({"id": item_id, "reason": _("no organisation")})
        return None
    organisation = organisations.get(org_name.lower())
    if organisation is None:
        organisation = Organisation.objects.create(name=org_name, kind=_organisation_kind(org_name))
        organisations[org_name.lower()] = organisation
        counts.organisations_created.append(org_name)
    coverage = set(listed_in)
    for area in item.get("areas") or []:
        if isinstance(area, dict) and area.get("type") == "Municipality" and area.get("code"):
            coverage.add(str(area["code"]))
    area_ids = sorted({areas_by_code[code] for code in coverage if code in areas_by_code})
    if not area_ids:
        counts.skipped.append({"id": item_id, "reason": _("covers no municipality known here")})
        return None
    descriptions = _texts(item.get("serviceDescriptions"), ("Description", "Summary"))
    values: dict[str, Any] = {}
    for lang in ("fi", "sv", "en"):
        values[f"name_{lang}"] = names.get(lang, "")[: TEXT_LIMITS[f"name_{lang}"]]
        values[f"description_{lang}"] = descriptions.get(lang, "")[: TEXT_LIMITS[f"description_{lang}"]]
    values.update(
        organisation=organisation.pk,
        areas=area_ids,
        service_group=str(CLASS_GROUPS[placed[0]]),
        client_groups=_client_groups(placed[0], item),
        languages=_languages(item),
    )
    values["_classes"] = codes
    return values


def _apply(service: Service, values: dict[str, Any], counts: _Counts) -> bool:
    """Brings the catalogue's new values into an existing service, keeping local edits. True when
    something changed."""
    old_upstream = service.ptv_values or {}
    conflicts = dict(service.conflicts or {})
    changed = False
    for name in SYNCED_FIELDS:
        new = values[name]
        current = field_value(service, name)
        if name not in old_upstream or current == old_upstream[name]:
            # Not edited here: follow the catalogue.
            if current != new:
                field_set(service, name, new)
                changed = True
            conflicts.pop(name, None)
        elif current == new:
            # Edited here the same way the catalogue changed: nothing to choose any more.
            conflicts.pop(name, None)
        elif new != old_upstream[name]:
            # SECURITY (integrity): both sides changed the field; never overwrite the local edit silently.
            conflicts[name] = {"local": current, "ptv": new}
            counts.conflicts += 1
    upstream = {name: values[name] for name in SYNCED_FIELDS}
    if conflicts != (service.conflicts or {}) or upstream != old_upstream:
        changed = True
    service.conflicts = conflicts
    service.ptv_values = upstream
    return changed


def _write(run: ImportRun, fetched: Fetched) -> _Counts:
    counts = _Counts()
    areas_by_code = dict(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("code", "pk"))
    organisations = {org.name.lower(): org for org in Organisation.objects.all()}
    existing = {str(s.ptv_id): s for s in Service.objects.filter(ptv_id__isnull=False).select_for_update()}
    now = timezone.now()
    seen: set[str] = set()
    for raw_id, item in fetched.items.items():
        run.rows_read += 1
        try:
            item_id = str(uuid.UUID(raw_id))
        except ValueError:
            counts.skipped.append({"id": raw_id[:60], "reason": _("not a catalogue id")})
            continue
        values = _values_for(
            item,
            item_id=item_id,
            areas_by_code=areas_by_code,
            listed_in=fetched.listed_in.get(raw_id, set()),
            organisations=organisations,
            counts=counts,
        )
        if values is None:
            continue
        seen.add(item_id)
        classes = values.pop("_classes")
        service = existing.get(item_id)
        if service is None:
            service = Service(source=Service.Source.PTV, ptv_id=item_id)
            for name in SYNCED_FIELDS:
                if name != "areas":
                    field_set(service, name, values[name])
            service.ptv_values = {name: values[name] for name in SYNCED_FIELDS}
            service.ptv_classes = classes
            service.ptv_imported_at = now
            service.save()
            service.areas.set(values["areas"])
            run.rows_created += 1
            continue
        was_withdrawn = bool((service.ptv_values or {}).get("withdrawn"))
        changed = _apply(service, values, counts)
        if was_withdrawn:
            # Back in the catalogue after the import withdrew it (a coordinator's own deactivation stays).
            service.is_active = True
            changed = True
        if classes != service.ptv_classes:
            service.ptv_classes = classes
            changed = True
        # An unchanged service is not written at all: a re-run of the same catalogue changes nothing.
        if changed:
            service.ptv_imported_at = now
            service.save()
            run.rows_updated += 1
    # A catalogue service that no imported municipality lists any more was withdrawn upstream.
    imported_areas = {areas_by_code[code] for code in fetched.codes if code in areas_by_code}
    for item_id, service in existing.items():
        if item_id in seen or not service.is_active:
            continue
        covered = set(service.areas.values_list("pk", flat=True))
        if covered and covered <= imported_areas:
            service.is_active = False
            service.ptv_values = {**service.ptv_values, "withdrawn": True}
            service.save(update_fields=["is_active", "ptv_values", "updated_at"])
            counts.withdrawn += 1
    return counts


def service_catalogue_import(
    *, actor=None, codes: list[str] | None = None, fetched: Fetched | None = None
) -> ImportRun:
    """One import run of the given municipalities (default: `PTV_MUNICIPALITIES` or every municipality
    of the area tree), or of pages already read (`fetched`, for the demo's recorded file). Returns the
    run; a failed run is returned too (its `error` says why), never half written."""
    fetch_error: Exception | None = None
    if fetched is None:
        codes = list(codes) if codes is not None else municipality_codes()
        fetched = Fetched(codes=codes)
        try:
            fetched = fetch_all(codes)
        except PtvFetchError as exc:
            fetch_error = exc
    run_holder: list[ImportRun] = []
    try:
        with import_run(source=SOURCE, kind=KIND, actor=actor) as run:
            run_holder.append(run)
            if fetch_error is not None:
                raise ImportRejected(str(fetch_error))
            if not fetched.codes:
                raise ImportRejected(_("No municipalities to import: add municipalities to the area tree."))
            counts = _write(run, fetched)
            run.detail = {
                "municipalities": fetched.codes,
                "pages": fetched.pages,
                "skipped": counts.skipped[:500],
                "skipped_count": len(counts.skipped),
                "not_family_services": counts.not_family,
                "conflicts": counts.conflicts,
                "organisations_created": counts.organisations_created[:200],
                "withdrawn": counts.withdrawn,
            }
    except ImportRejected:
        logger.warning("service catalogue import failed", exc_info=True)
    except Exception:
        if not run_holder:
            raise
        logger.exception("service catalogue import failed")
    run = run_holder[0]
    run.refresh_from_db()
    return run


def fetched_from_pages(pages: dict[str, list[dict[str, Any]]]) -> Fetched:
    """Pages already read (a recorded file: municipality code → its list pages), checked like live ones."""
    fetched = Fetched(codes=list(pages))
    for code, code_pages in pages.items():
        for page in code_pages:
            if not isinstance(page, dict) or not isinstance(page.get("itemList"), list):
                raise ImportRejected(
                    _("A page of municipality %(code)s is not a service list.") % {"code": code}
                )
            fetched.pages += 1
            for item in page["itemList"]:
                item_id = str(item.get("id", "")) if isinstance(item, dict) else ""
                fetched.items.setdefault(item_id, item)
                fetched.listed_in.setdefault(item_id, set()).add(code)
    return fetched


def conflicting_services():
    return Service.objects.exclude(Q(conflicts={}) | Q(conflicts__isnull=True))
