"""Reads of the service catalogue: the service list and the service map (THL service group × client
group) of an area, a family centre or the whole network, with its gaps and overlaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.translation import get_language

from ..models import Area, ClientGroup, FamilyCentre, Organisation, Service, ServiceGroup

# A cell is an overlap when at least this many providers offer its services in one municipality.
OVERLAP_THRESHOLD = 3
CELL_SERVICE_LIMIT = 8
COVERAGE_KINDS = (Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA)
_LINKS = Service.areas.through._meta.db_table


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in {"sv", "en"} else "fi"


def scope_area_ids(*, area: Area | None = None, centre: FamilyCentre | None = None) -> list[int]:
    """The municipalities and local areas a service map covers: those under `area` (itself included),
    those the family centre serves (and their local areas), or all of them."""
    rows = list(Area.objects.values_list("pk", "kind", "parent_id"))
    children: dict[int | None, list[int]] = defaultdict(list)
    kinds = {}
    for pk, kind, parent_id in rows:
        children[parent_id].append(pk)
        kinds[pk] = kind
    if centre is not None:
        roots = list(centre.municipalities.values_list("pk", flat=True))
    elif area is not None:
        roots = [area.pk]
    else:
        return [pk for pk, kind in kinds.items() if kind in COVERAGE_KINDS]
    found: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, []))
    return sorted(pk for pk in found if kinds.get(pk) in COVERAGE_KINDS)


def service_list(
    *,
    user,
    area: Area | None = None,
    service_group: str = "",
    client_group: str = "",
    organisation: Organisation | None = None,
    language: str = "",
    query: str = "",
    ordering: str = "name",
    include_inactive: bool = False,
) -> QuerySet[Service]:
    qs = Service.objects.visible_to(user).select_related("organisation")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if area is not None:
        ids = scope_area_ids(area=area)
        qs = qs.filter(pk__in=Service.areas.through.objects.filter(area_id__in=ids).values("service_id"))
    if service_group:
        qs = qs.filter(service_group=service_group)
    if client_group:
        qs = qs.filter(client_groups__contains=[client_group])
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if language:
        qs = qs.filter(languages__contains=[language])
    if query:
        qs = qs.filter(
            Q(name_fi__icontains=query)
            | Q(name_sv__icontains=query)
            | Q(name_en__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    allowed = {
        "name": ("name_fi",),
        "-name": ("-name_fi",),
        "organisation": ("organisation__name", "name_fi"),
        "-organisation": ("-organisation__name", "name_fi"),
        "group": ("service_group", "name_fi"),
        "-group": ("-service_group", "name_fi"),
    }
    return qs.order_by(*allowed.get(ordering, ("name_fi",)), "pk")


def service_detail(*, user, pk) -> Service:
    return (
        Service.objects.visible_to(user)
        .select_related("organisation")
        .prefetch_related("areas", "channels")
        .get(pk=pk)
    )


@dataclass
class CellService:
    pk: int
    name: str
    provider: str


@dataclass
class Cell:
    service_group: str
    client_group: str
    count: int = 0
    services: list[CellService] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    # Municipalities of the scope with no service in this cell (a partial gap) and those where at least
    # the overlap threshold of providers offer one (an overlap), with the provider count.
    missing_in: list[str] = field(default_factory=list)
    overlap_in: list[tuple[str, int]] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return self.count == 0

    @property
    def is_partial_gap(self) -> bool:
        return self.count > 0 and bool(self.missing_in)

    @property
    def is_overlap(self) -> bool:
        return bool(self.overlap_in)

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.services))


@dataclass
class Row:
    code: str
    label: str
    cells: list[Cell]


@dataclass
class ServiceMap:
    columns: list[tuple[str, str]]
    rows: list[Row]
    municipalities: list[str]
    service_count: int
    overlap_threshold: int

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.is_gap)

    @property
    def partial_gap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.is_partial_gap)

    @property
    def overlap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.is_overlap)


def service_map(
    *,
    user,
    area: Area | None = None,
    centre: FamilyCentre | None = None,
    organisation: Organisation | None = None,
    language: str = "",
    overlap_threshold: int = OVERLAP_THRESHOLD,
    cell_limit: int = CELL_SERVICE_LIMIT,
) -> ServiceMap:
    """Five queries whatever the size, the cells counted in the database: the scope's areas; per service
    group x client group the services and their providers (with the whole count); the first
    `cell_limit` services of each cell; and per cell and municipality the number of providers (for
    gaps and overlaps). Python only lays out the 8 x 6 cells."""
    scope = scope_area_ids(area=area, centre=centre)
    lang = _lang()
    services = Service.objects.visible_to(user).filter(is_active=True)
    if organisation is not None:
        services = services.filter(organisation=organisation)
    if language:
        services = services.filter(languages__contains=[language])
    # Only municipalities count for gaps and overlaps; a local area's services count for its municipality.
    areas = {
        pk: (kind, parent_id, name_fi, name_sv)
        for pk, kind, parent_id, name_fi, name_sv in Area.objects.filter(pk__in=scope).values_list(
            "pk", "kind", "parent_id", "name_fi", "name_sv"
        )
    }

    def area_name(area_id: int) -> str:
        _kind, _parent, name_fi, name_sv = areas[area_id]
        return (name_sv or name_fi) if lang == "sv" else name_fi

    municipalities = sorted(
        (pk for pk, value in areas.items() if value[0] == Area.Kind.MUNICIPALITY), key=area_name
    )
    cells = {(g, c): Cell(g, c) for g in ServiceGroup.values for c in ClientGroup.values}
    # The visible services of the scope as the ORM writes them (the visibility rules inline, no ordering),
    # then counted in SQL.
    in_scope = services.filter(
        pk__in=Service.areas.through.objects.filter(area_id__in=scope).values("service_id")
    ).order_by()
    scoped_sql, scoped_params = in_scope.values(
        "id", "name_fi", "service_group", "client_groups", "organisation_id", name_local=F(f"name_{lang}")
    ).query.sql_with_params()
    base = f"""
        WITH s AS ({scoped_sql}),
        c AS (
            SELECT s.*, client FROM s LEFT JOIN LATERAL unnest(s.client_groups) AS client ON true
        )
    """  # noqa: S608
    params = list(scoped_params)
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"""{base}
            SELECT c.service_group, c.client, count(DISTINCT c.id),
                   array_agg(DISTINCT o.name ORDER BY o.name)
            FROM c JOIN {Organisation._meta.db_table} o ON o.id = c.organisation_id
            GROUP BY GROUPING SETS ((c.service_group, c.client), ())
            """,  # noqa: S608
            params,
        )
        for group, client, n, providers in cursor.fetchall():
            if group is None and client is None:
                count = n  # the grand total: every service of the scope once
                continue
            cell = cells.get((group, client))
            if cell is not None:
                cell.count, cell.providers = n, list(providers)
        cursor.execute(
            f"""{base}
            SELECT service_group, client, id, name, provider FROM (
                SELECT c.service_group, c.client, c.id, coalesce(nullif(c.name_local, ''), c.name_fi) AS name,
                       o.name AS provider,
                       row_number() OVER (PARTITION BY c.service_group, c.client ORDER BY c.name_fi, c.id) AS n
                FROM c JOIN {Organisation._meta.db_table} o ON o.id = c.organisation_id
                WHERE c.client IS NOT NULL
            ) firsts WHERE n <= %s ORDER BY service_group, client, n
            """,  # noqa: S608
            [*params, cell_limit],
        )
        for group, client, pk, name, provider in cursor.fetchall():
            cell = cells.get((group, client))
            if cell is not None:
                cell.services.append(CellService(pk, name, provider))
        cursor.execute(
            f"""{base}
            SELECT c.service_group, c.client,
                   CASE WHEN a.kind = %s AND a.parent_id = ANY(%s) THEN a.parent_id ELSE a.id END AS place,
                   count(DISTINCT c.organisation_id)
            FROM c JOIN {_LINKS} l ON l.service_id = c.id AND l.area_id = ANY(%s)
                   JOIN {Area._meta.db_table} a ON a.id = l.area_id
            WHERE c.client IS NOT NULL
            GROUP BY 1, 2, 3
            """,  # noqa: S608
            [*params, Area.Kind.LOCAL_AREA, scope, scope],
        )
        per_place: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
        for group, client, place, providers in cursor.fetchall():
            per_place[(group, client)][place] = providers
    for key, cell in cells.items():
        offered = per_place.get(key, {})
        if cell.count:
            cell.missing_in = [area_name(m) for m in municipalities if not offered.get(m)]
        cell.overlap_in = [
            (area_name(m), offered[m]) for m in municipalities if offered.get(m, 0) >= overlap_threshold
        ]
    columns = [(code, str(label)) for code, label in ClientGroup.choices]
    table = [
        Row(code, str(label), [cells[(code, client)] for client, _label in columns])
        for code, label in ServiceGroup.choices
    ]
    return ServiceMap(
        columns=columns,
        rows=table,
        municipalities=[area_name(m) for m in municipalities],
        service_count=count,
        overlap_threshold=overlap_threshold,
    )


def service_map_csv_rows(matrix: ServiceMap):
    """One line per cell and service (a cell without services is one line marked as a gap)."""
    for row in matrix.rows:
        for (_code, column), cell in zip(matrix.columns, row.cells, strict=True):
            status = (
                "gap"
                if cell.is_gap
                else ("overlap" if cell.is_overlap else ("partial" if cell.is_partial_gap else ""))
            )
            missing = ", ".join(cell.missing_in)
            overlap = ", ".join(f"{name} ({n})" for name, n in cell.overlap_in)
            if not cell.services:
                yield [row.label, column, status, cell.count, "", "", missing, overlap]
            for service in cell.services:
                yield [
                    row.label,
                    column,
                    status,
                    cell.count,
                    service.name,
                    service.provider,
                    missing,
                    overlap,
                ]


def service_finder(
    *, municipality: Area | None = None, client_group: str = "", service_groups=None, language: str = ""
) -> QuerySet[Service]:
    """Active services for the public finder, with how to reach them."""
    qs = Service.objects.filter(is_active=True).select_related("organisation").prefetch_related("channels")
    if municipality is not None:
        ids = scope_area_ids(area=municipality)
        qs = qs.filter(pk__in=Service.areas.through.objects.filter(area_id__in=ids).values("service_id"))
    if client_group:
        qs = qs.filter(client_groups__contains=[client_group])
    if service_groups:
        qs = qs.filter(service_group__in=service_groups)
    if language:
        qs = qs.filter(languages__contains=[language])
    return qs.order_by("service_group", "name_fi", "pk")
