"""The statistical regions: the whole country, and our wellbeing services counties and municipalities
with their official codes; Sotkanet's own region ids are matched to them by official code."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.imports import ImportRejected
from familycentres.models import Area

from ..models import Region

SOTKANET_KINDS = {
    "KUNTA": Region.Kind.MUNICIPALITY,
    "HYVINVOINTIALUE": Region.Kind.WELLBEING_COUNTY,
    "MAA": Region.Kind.COUNTRY,
}


def normalise_code(kind: str, code: str) -> str:
    """Municipalities have three digits and counties two; sources may drop the leading zeros."""
    code = str(code).strip()
    if kind == Region.Kind.COUNTRY:
        return Region.COUNTRY_CODE
    if code.isdigit():
        return code.zfill(3 if kind == Region.Kind.MUNICIPALITY else 2)
    return code


def _county_code(area: Area) -> str | None:
    """The official code of the wellbeing services county above an area (there may be a region between)."""
    node = area.parent
    while node is not None and node.kind != Area.Kind.WELLBEING_COUNTY:
        node = node.parent
    return normalise_code(Region.Kind.WELLBEING_COUNTY, node.code) if node is not None else None


@transaction.atomic
def regions_ensure() -> dict[str, Region]:
    """The country and every county and municipality of our area tree as regions (idempotent); a county's
    Sotkanet id comes from the area tree. Returns the regions by official code."""
    existing = {r.code: r for r in Region.objects.all()}
    country = existing.get(Region.COUNTRY_CODE)
    if country is None:
        country = Region.objects.create(
            kind=Region.Kind.COUNTRY,
            code=Region.COUNTRY_CODE,
            name_fi="Koko maa",
            name_sv="Hela landet",
            name_en="Whole country",
        )
        existing[country.code] = country
    kinds = {
        Area.Kind.WELLBEING_COUNTY: Region.Kind.WELLBEING_COUNTY,
        Area.Kind.MUNICIPALITY: Region.Kind.MUNICIPALITY,
    }
    areas = (
        Area.objects.filter(kind__in=list(kinds)).select_related("parent__parent__parent").order_by("kind")
    )
    # Counties first, so that a municipality finds its county.
    for area in sorted(areas, key=lambda a: a.kind != Area.Kind.WELLBEING_COUNTY):
        kind = kinds[area.kind]
        code = normalise_code(kind, area.code)
        parent = country if kind == Region.Kind.WELLBEING_COUNTY else existing.get(_county_code(area) or "")
        region = existing.get(code)
        values = {
            "kind": kind,
            "name_fi": area.name_fi,
            "name_sv": area.name_sv,
            "area": area,
            "parent": parent,
        }
        if kind == Region.Kind.WELLBEING_COUNTY and area.sotkanet_region_id:
            values["sotkanet_id"] = area.sotkanet_region_id
        if region is None:
            if values.get("sotkanet_id"):
                _sotkanet_id_release(existing, values["sotkanet_id"], keep=None)
            existing[code] = Region.objects.create(code=code, **values)
            continue
        changed = [name for name, value in values.items() if getattr(region, name) != value]
        if changed:
            if "sotkanet_id" in changed:
                _sotkanet_id_release(existing, values["sotkanet_id"], keep=region)
            for name in changed:
                setattr(region, name, values[name])
            region.save(update_fields=changed)
    return existing


def _sotkanet_id_release(existing: dict[str, Region], sotkanet_id: int, *, keep: Region | None) -> None:
    """Takes a Sotkanet id from the region that holds it (other than `keep`), in the database and in
    `existing`, so that the regions returned to importers map each Sotkanet id to one region."""
    holders = Region.objects.filter(sotkanet_id=sotkanet_id)
    if keep is not None:
        holders = holders.exclude(pk=keep.pk)
    holders.update(sotkanet_id=None)
    for region in existing.values():
        if region.sotkanet_id == sotkanet_id and region is not keep:
            region.sotkanet_id = None


def sotkanet_regions_apply(run, items) -> None:
    """Matches Sotkanet's `/regions` list to our regions by official code (municipalities, wellbeing
    counties, the country) and records Sotkanet's ids; regions we do not have are added. Other categories
    are skipped."""
    if not isinstance(items, list) or not items:
        raise ImportRejected(_("The region list is empty or not a list."))
    regions = regions_ensure()
    by_sotkanet = {r.sotkanet_id: r for r in regions.values() if r.sotkanet_id}
    skipped = created = updated = 0
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or "id" not in item or "category" not in item:
            raise ImportRejected(_("Region %(n)s: not a region record.") % {"n": number})
        kind = SOTKANET_KINDS.get(str(item.get("category")))
        if kind is None:
            skipped += 1
            continue
        try:
            sotkanet_id = int(item["id"])
        except (TypeError, ValueError):
            raise ImportRejected(_("Region %(n)s: the id is not a number.") % {"n": number}) from None
        code = normalise_code(kind, item.get("code") or "")
        if not code:
            raise ImportRejected(_("Region %(n)s: the official code is missing.") % {"n": number})
        title = item.get("title") if isinstance(item.get("title"), dict) else {}
        region = regions.get(code)
        if region is None:
            region = Region.objects.create(
                kind=kind,
                code=code,
                name_fi=str(title.get("fi") or code)[:150],
                name_sv=str(title.get("sv") or "")[:150],
                name_en=str(title.get("en") or "")[:150],
            )
            regions[code] = region
            created += 1
            fresh = True
        else:
            fresh = False
        if region.sotkanet_id != sotkanet_id:
            holder = by_sotkanet.get(sotkanet_id)
            if holder is not None and holder.pk != region.pk:
                holder.sotkanet_id = None
                holder.save(update_fields=["sotkanet_id"])
            region.sotkanet_id = sotkanet_id
            if not region.name_en and title.get("en"):
                region.name_en = str(title["en"])[:150]
            region.save(update_fields=["sotkanet_id", "name_en"])
            by_sotkanet[sotkanet_id] = region
            updated += 0 if fresh else 1
    run.rows_read = len(items)
    run.rows_created = created
    run.rows_updated = updated
    run.detail = {**run.detail, "skipped": skipped, "unchanged": len(items) - skipped - created - updated}
