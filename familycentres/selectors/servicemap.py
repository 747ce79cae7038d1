"""Reads of the service catalogue: the service list and the service map (THL service group × client
group) of an area, a family centre or the whole network, with its gaps and overlaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import get_language

from core.fragments import versioned

from ..models import (
    Area,
    ClientGroup,
    FamilyCentre,
    Organisation,
    Service,
    ServiceGroup,
    ServiceMapCount,
    ServiceMapEntry,
    ServiceMapPlace,
    ServiceMapPlaceProviders,
)

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


@dataclass
class _Scope:
    """The areas a service map covers and the visible active services of the filters (not yet limited
    to those areas)."""

    ids: list[int]
    names: dict[int, str]
    municipalities: list[int]
    services: QuerySet[Service]

    def in_scope(self) -> QuerySet[Service]:
        return self.services.filter(
            pk__in=Service.areas.through.objects.filter(area_id__in=self.ids).values("service_id")
        ).order_by()


def _scope(*, user, area, centre, organisation, language) -> _Scope:
    # The whole network's kept counts apply these rules in SQL (`familycentres_servicemap_contribution`,
    # migration 0007): which services count (active, linked to a municipality or a local area) and where
    # (a local area for its municipality). A change here is a change there too, in a new migration;
    # tests/selectors/test_servicemap_counts.py holds the two equal.
    scope = scope_area_ids(area=area, centre=centre)
    lang = _lang()
    services = Service.objects.visible_to(user).filter(is_active=True)
    if organisation is not None:
        services = services.filter(organisation=organisation)
    if language:
        services = services.filter(languages__contains=[language])
    # Only municipalities count for gaps and overlaps; a local area's services count for its municipality.
    names = {}
    municipalities = []
    for pk, kind, name_fi, name_sv in Area.objects.filter(pk__in=scope).values_list(
        "pk", "kind", "name_fi", "name_sv"
    ):
        names[pk] = (name_sv or name_fi) if lang == "sv" else name_fi
        if kind == Area.Kind.MUNICIPALITY:
            municipalities.append(pk)
    municipalities.sort(key=names.__getitem__)
    return _Scope(ids=scope, names=names, municipalities=municipalities, services=services)


def _sql_of(qs: QuerySet) -> tuple[str, tuple] | None:
    """The SELECT the ORM writes for `qs`, or None when it can match nothing (a scope without areas)."""
    try:
        return qs.query.sql_with_params()
    except EmptyResultSet:
        return None


def _places_sql(source: str) -> str:
    """Per cell and municipality of the scope, the number of providers (a local area counts for its
    municipality), from `source` rows with `id`, `service_group`, `client_groups` and
    `organisation_id`."""
    return f"""
        SELECT {source}.service_group, client,
               CASE WHEN a.kind = %s AND a.parent_id = ANY(%s) THEN a.parent_id ELSE a.id END AS place,
               count(DISTINCT {source}.organisation_id) AS providers
        FROM {source} JOIN {_LINKS} l ON l.service_id = {source}.id AND l.area_id = ANY(%s)
               JOIN {Area._meta.db_table} a ON a.id = l.area_id
               CROSS JOIN LATERAL unnest({source}.client_groups) AS client
        GROUP BY 1, 2, 3
    """  # noqa: S608


# The statements below are planned on rough estimates (an array's unnest counts as ten rows), which
# made PostgreSQL compile the largest with JIT (a sixth of a second at 50,000 services) and sort on
# disk; for their transaction they run without JIT and with room to sort in memory.
STATEMENT_SETTINGS = "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)"


# The counting statements' rows are cached under the service map's version (core.fragments; raised by
# migration 0008's triggers on every write to the services, their area links, the area tree or the
# organisations). The key is the statements themselves (scope, filters, language, cell length), and no
# viewer's rights are in the rows (the map counts active services only, whoever looks). The version is
# read before the statements run, so a write committed in between can only make the cached rows newer
# than their key, never older.
VERSION = "service_map"


def _run(statements: list) -> list:
    rows: list = []
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(STATEMENT_SETTINGS)
        for sql, params in statements:
            cursor.execute(sql, params)
            rows.extend(cursor.fetchall())
    return rows


def _counted(statements: list) -> list:
    """The rows of the counting statements, from the cache when the map has not changed since."""
    return versioned(VERSION, repr(statements), lambda: _run(statements))


def _kept_statements(*, organisation: Organisation | None, lang: str, cell_limit: int) -> list:
    """The whole network's map from the kept counts, in the rows of the live statements: each cell's
    count and providers (with the total), providers per cell and municipality, and each cell's first
    services (an index walk per cell over the services in name order)."""
    counts, places = ServiceMapCount._meta.db_table, ServiceMapPlace._meta.db_table
    providers, entries = ServiceMapPlaceProviders._meta.db_table, ServiceMapEntry._meta.db_table
    orgs, services = Organisation._meta.db_table, Service._meta.db_table
    org = organisation.pk if organisation is not None else None
    statements = [
        (
            f"""
            SELECT 'c', nullif(k.service_group, ''), nullif(k.client_group, ''), sum(k.services)::bigint,
                   NULL::bigint, NULL, NULL, array_agg(o.name ORDER BY o.name)
            FROM {counts} k JOIN {orgs} o ON o.id = k.organisation_id
            WHERE (%s::bigint IS NULL OR k.organisation_id = %s::bigint)
            GROUP BY GROUPING SETS ((k.service_group, k.client_group), (k.client_group))
            HAVING (GROUPING(k.service_group) = 0 AND k.client_group <> '')
                OR (GROUPING(k.service_group) = 1 AND k.client_group = '')
            """,  # noqa: S608
            [org, org],
        ),
        (
            f"SELECT 'p', service_group, client_group, providers, municipality_id, NULL, NULL, NULL FROM {providers}"  # noqa: S608
            if org is None
            else f"""SELECT 'p', service_group, client_group, 1, municipality_id, NULL, NULL, NULL
                FROM {places} WHERE organisation_id = %s""",  # noqa: S608
            [] if org is None else [org],
        ),
    ]
    if cell_limit > 0:
        statements.append(
            (
                f"""
                SELECT 'f', g, c, NULL::bigint, f.id, f.name, f.provider, NULL
                FROM unnest(%s::varchar[]) AS g CROSS JOIN unnest(%s::varchar[]) AS c
                CROSS JOIN LATERAL (
                    -- `= ANY` rather than `@>`: the group's services are walked in name order on the
                    -- (service_group, name_fi, id) index until the cell has its first ones.
                    SELECT s.id, s.name_fi, coalesce(nullif(s.name_{lang}, ''), s.name_fi) AS name,
                           o.name AS provider
                    FROM {services} s JOIN {orgs} o ON o.id = s.organisation_id
                    WHERE s.service_group = g AND c = ANY(s.client_groups)
                      AND (%s::bigint IS NULL OR s.organisation_id = %s::bigint)
                      AND EXISTS (SELECT 1 FROM {entries} e WHERE e.service_id = s.id)
                    ORDER BY s.service_group, s.name_fi, s.id LIMIT %s
                ) f
                ORDER BY g, c, f.name_fi, f.id
                """,  # noqa: S608
                [list(ServiceGroup.values), list(ClientGroup.values), org, org, cell_limit],
            )
        )
    return statements


def _mark(cell: Cell, offered: dict[int, int], scope: _Scope, overlap_threshold: int) -> None:
    if cell.count:
        cell.missing_in = [scope.names[m] for m in scope.municipalities if not offered.get(m)]
    cell.overlap_in = [
        (scope.names[m], offered[m]) for m in scope.municipalities if offered.get(m, 0) >= overlap_threshold
    ]


def service_map(
    *,
    user,
    area: Area | None = None,
    centre: FamilyCentre | None = None,
    organisation: Organisation | None = None,
    language: str = "",
    overlap_threshold: int = OVERLAP_THRESHOLD,
    cell_limit: int = CELL_SERVICE_LIMIT,
    kept_counts: bool = True,
) -> ServiceMap:
    """Eight queries at most whatever the size, the cells counted in the database: the scope's areas,
    the viewer's right to see withdrawn services, the areas' names, the map's version, the statement
    settings, and per service group x client group the services and their providers (with the whole
    count), per cell and municipality the number of providers (for gaps and overlaps), and the first
    `cell_limit` services of each cell (not read when `cell_limit` is 0: the matrix page lists them
    only when a cell is opened). The counting statements' rows are cached under the map's version, so
    a map read again without a write in between takes four queries. Python only lays out the 8 x 6
    cells. The whole network's map (no area, family
    centre or language; all providers or one) reads the counts the database keeps instead of counting
    every service (`kept_counts=False` counts live, for the tests that hold the two equal)."""
    scope = _scope(user=user, area=area, centre=centre, organisation=organisation, language=language)
    lang = _lang()
    cells = {(g, c): Cell(g, c) for g in ServiceGroup.values for c in ClientGroup.values}
    # The visible services of the scope as the ORM writes them (the visibility rules inline, no ordering),
    # then counted in SQL: each cell's count and providers (with the grand total), providers per cell
    # and municipality, and each cell's first services (only when asked for).
    scoped = _sql_of(
        scope.in_scope().values(
            "id", "name_fi", "service_group", "client_groups", "organisation_id", name_local=F(f"name_{lang}")
        )
    )
    scoped_sql, scoped_params = scoped or ("SELECT NULL", ())
    orgs = Organisation._meta.db_table
    base = f"""
        WITH s AS ({scoped_sql}),
        c AS (
            SELECT s.*, client FROM s LEFT JOIN LATERAL unnest(s.client_groups) AS client ON true
        )
    """  # noqa: S608
    params = list(scoped_params)
    count = 0
    per_place: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    if scoped is None:
        statements = []
    else:
        statements = [
            (
                f"""{base}
                SELECT 'c', c.service_group, c.client, count(DISTINCT c.id), NULL::bigint, NULL, NULL,
                       array_agg(DISTINCT o.name ORDER BY o.name)
                FROM c JOIN {orgs} o ON o.id = c.organisation_id
                GROUP BY GROUPING SETS ((c.service_group, c.client), ())
                """,  # noqa: S608
                params,
            ),
            (
                f"""{base}
                SELECT 'p', p.service_group, p.client, p.providers, p.place, NULL, NULL, NULL
                FROM ({_places_sql("s")}) p
                """,  # noqa: S608
                [*params, Area.Kind.LOCAL_AREA, scope.ids, scope.ids],
            ),
        ]
        if cell_limit > 0:
            statements.append(
                (
                    f"""{base}
                    SELECT 'f', service_group, client, n, id, name, provider, NULL FROM (
                        SELECT c.service_group, c.client, c.id,
                               coalesce(nullif(c.name_local, ''), c.name_fi) AS name, o.name AS provider,
                               row_number() OVER (
                                   PARTITION BY c.service_group, c.client ORDER BY c.name_fi, c.id
                               ) AS n
                        FROM c JOIN {orgs} o ON o.id = c.organisation_id
                        WHERE c.client IS NOT NULL
                    ) firsts WHERE n <= %s ORDER BY service_group, client, n
                    """,  # noqa: S608
                    [*params, cell_limit],
                )
            )
    if kept_counts and area is None and centre is None and not language and scoped is not None:
        # The whole network, all providers or one: the database keeps these counts (see ServiceMapEntry).
        statements = _kept_statements(organisation=organisation, lang=lang, cell_limit=cell_limit)
    rows = _counted(statements) if statements else []
    for part, group, client, n, pk, name, provider, providers in rows:
        cell = cells.get((group, client))
        if part == "c" and group is None and client is None:
            count = n  # the grand total: every service of the scope once
        elif cell is None:
            continue
        elif part == "c":
            cell.count, cell.providers = n, list(providers)
        elif part == "f":
            cell.services.append(CellService(pk, name, provider))
        else:
            per_place[(group, client)][pk] = n
    for key, cell in cells.items():
        _mark(cell, per_place.get(key, {}), scope, overlap_threshold)
    columns = [(code, str(label)) for code, label in ClientGroup.choices]
    table = [
        Row(code, str(label), [cells[(code, client)] for client, _label in columns])
        for code, label in ServiceGroup.choices
    ]
    return ServiceMap(
        columns=columns,
        rows=table,
        municipalities=[scope.names[m] for m in scope.municipalities],
        service_count=count,
        overlap_threshold=overlap_threshold,
    )


@dataclass
class CellDetail:
    """One cell of the service map opened: its counts and marks, and all its services (a queryset to
    page through, in name order)."""

    cell: Cell
    row_label: str
    column_label: str
    services: QuerySet[Service]
    municipalities: list[str]


def service_map_cell(
    *,
    user,
    service_group: str,
    client_group: str,
    area: Area | None = None,
    centre: FamilyCentre | None = None,
    organisation: Organisation | None = None,
    language: str = "",
    overlap_threshold: int = OVERLAP_THRESHOLD,
) -> CellDetail:
    """One cell of `service_map` with the same filters and the same visibility rules: five queries (the
    scope's areas, the viewer's right to see withdrawn services, the areas' names, the statement
    settings, and the cell's count, providers and providers per municipality in one statement); the
    services come as a queryset for the caller to page."""
    scope = _scope(user=user, area=area, centre=centre, organisation=organisation, language=language)
    in_cell = scope.in_scope().filter(service_group=service_group, client_groups__contains=[client_group])
    scoped = _sql_of(in_cell.values("id", "organisation_id"))
    orgs = Organisation._meta.db_table
    cell = Cell(service_group, client_group)
    offered: dict[int, int] = {}
    if scoped is not None:
        scoped_sql, scoped_params = scoped
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(STATEMENT_SETTINGS)
            cursor.execute(
                f"""
                WITH s AS MATERIALIZED (
                    SELECT q.id, q.organisation_id, %s::text AS service_group, ARRAY[%s::text] AS client_groups
                    FROM ({scoped_sql}) q
                )
                SELECT 'c', count(*), NULL::int,
                       (SELECT array_agg(DISTINCT o.name ORDER BY o.name) FROM s JOIN {orgs} o ON o.id = s.organisation_id)
                FROM s
                UNION ALL
                SELECT 'p', p.providers, p.place, NULL::text[] FROM ({_places_sql("s")}) p
                """,  # noqa: S608
                [service_group, client_group, *scoped_params, Area.Kind.LOCAL_AREA, scope.ids, scope.ids],
            )
            for part, n, place, providers in cursor.fetchall():
                if part == "c":
                    cell.count, cell.providers = n, list(providers or [])
                else:
                    offered[place] = n
    _mark(cell, offered, scope, overlap_threshold)
    return CellDetail(
        cell=cell,
        row_label=str(ServiceGroup(service_group).label),
        column_label=str(ClientGroup(client_group).label),
        services=in_cell.select_related("organisation").order_by("name_fi", "pk"),
        municipalities=[scope.names[m] for m in scope.municipalities],
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
