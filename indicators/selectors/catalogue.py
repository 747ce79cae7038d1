"""The catalogue and the packages."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from core.choices import labels
from familycentres.models import Area, FamilyCentre
from observations.permissions import member_centre_ids

from ..models import Indicator, PackageEntry, PhenomenonIndicator, Region


def catalogue(user, *, search: str = "", source: str = "", package_only: bool = False) -> QuerySet[Indicator]:
    qs = Indicator.objects.visible_to(user).annotate(value_count=Count("values"))
    if search:
        terms = Q()
        for word in search.split()[:6]:
            terms &= (
                Q(title_fi__icontains=word)
                | Q(title_sv__icontains=word)
                | Q(title_en__icontains=word)
                | Q(source_id=word)
            )
        qs = qs.filter(terms)
    if source in Indicator.Source.values:
        qs = qs.filter(source=source)
    if package_only:
        qs = qs.filter(Q(in_default_package=True) | Q(package_entries__isnull=False)).distinct()
    return qs.order_by("-in_default_package", "source", "title_fi")


def user_centres(user) -> list[FamilyCentre]:
    """The family centres whose package the user works with (administrators: all)."""
    if getattr(user, "is_staff", False):
        return list(FamilyCentre.objects.order_by("name_fi"))
    return list(FamilyCentre.objects.filter(pk__in=member_centre_ids(user)).order_by("name_fi"))


def package_for(user, family_centre: FamilyCentre | None = None) -> list[Indicator]:
    """The indicators of a family centre's package, or of the user's centres, with the default package
    when none was picked."""
    qs = Indicator.objects.visible_to(user)
    centre_ids = [family_centre.pk] if family_centre else [c.pk for c in user_centres(user)]
    picked = list(qs.filter(package_entries__family_centre_id__in=centre_ids).distinct())
    return picked or list(qs.filter(in_default_package=True))


def package_ids_by_centre(indicator: Indicator) -> set[int]:
    return set(PackageEntry.objects.filter(indicator=indicator).values_list("family_centre_id", flat=True))


def phenomenon_indicators(phenomenon) -> list[Indicator]:
    return [
        link.indicator
        for link in PhenomenonIndicator.objects.filter(phenomenon=phenomenon).select_related("indicator")
    ]


def region_choices() -> list[Region]:
    """The regions one may pick on a dashboard: the country, counties, then municipalities, by name."""
    return list(Region.objects.select_related("parent").order_by("kind", "name_fi"))


def region_rows() -> list[tuple]:
    """The regions of `region_choices` as plain rows (pk, code, kind, parent_id, name_fi, name_sv,
    name_en), in the same order: a dashboard offers all 330 and needs objects only for a few."""
    return list(
        Region.objects.order_by("kind", "name_fi").values_list(
            "pk", "code", "kind", "parent_id", "name_fi", "name_sv", "name_en"
        )
    )


def region_from_row(row: tuple) -> Region:
    pk, code, kind, parent_id, name_fi, name_sv, name_en = row
    return Region(
        id=pk, code=code, kind=kind, parent_id=parent_id, name_fi=name_fi, name_sv=name_sv, name_en=name_en
    )


def region_labels(rows: list[tuple]) -> list[tuple[str, str]]:
    """(code, "name (kind)") for every row, in the current language: the kinds translated once, not
    once per region."""
    lang = (translation.get_language() or "fi")[:2]
    column = {"sv": 5, "en": 6}.get(lang, 4)
    kinds = labels(Region.Kind.choices)
    return [(row[1], f"{row[column] or row[4]} ({kinds.get(row[2], row[2])})") for row in rows]


def dashboard_regions(rows: list[tuple], region_pk: int) -> list[Region]:
    """Of `region_rows`, as objects, the ones a dashboard of the region shows: the region and those
    above it, the whole country, and the members of each of them (a county's municipalities)."""
    by_pk = {row[0]: row for row in rows}
    chain: set[int] = set()
    node = by_pk.get(region_pk)
    while node is not None and len(chain) < 4:
        chain.add(node[0])
        node = by_pk.get(node[3])
    return [
        region_from_row(row)
        for row in rows
        if row[0] in chain or row[3] in chain or row[1] == Region.COUNTRY_CODE
    ]


def indicator_titles(indicators: QuerySet[Indicator]) -> list[tuple[int, str]]:
    """(pk, title in the current language) of `indicators`, read as plain rows."""
    lang = (translation.get_language() or "fi")[:2]
    column = {"sv": 2, "en": 3}.get(lang, 1)
    return [
        (row[0], row[column] or row[1] or "")
        for row in indicators.values_list("pk", "title_fi", "title_sv", "title_en")
    ]


def region_for_area(area) -> Region | None:
    """The statistical region of one of our areas (an Area or its id; a local area counts as its
    municipality): the nearest of the area and its ancestors that has one. Two queries whatever the depth
    (the area's ancestors in one, their regions in another), so that a page showing it runs the same
    queries for every area."""
    if area is None:
        return None
    pk = area.pk if isinstance(area, Area) else area
    chain = Area.objects.select_related("parent__parent__parent").filter(pk=pk).first()
    ids = []
    node = chain
    while node is not None:
        ids.append(node.pk)
        # The tree is four levels deep: the select_related above has loaded every ancestor.
        node = node.parent if node.parent_id and len(ids) < 4 else None
    by_area = {r.area_id: r for r in Region.objects.filter(area_id__in=ids)}
    for pk in ids:
        if pk in by_area:
            return by_area[pk]
    return None
