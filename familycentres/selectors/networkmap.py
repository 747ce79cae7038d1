"""The network map: organisations, groups and people with their roles, as nodes and edges. The same
data feeds the graph, the accessible list beside it and the JSON of the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from ..models import Area, FamilyCentre, Group, Membership, Organisation
from ..permissions import can_see_people_in_network_map
from .servicemap import scope_area_ids


@dataclass(frozen=True)
class MapPerson:
    full_name: str
    email: str


@dataclass(frozen=True)
class MapOrganisation:
    pk: int
    name: str
    kind: str


@dataclass(frozen=True)
class MapMembership:
    """What the map shows of a membership (a person's role in a group, for an organisation)."""

    pk: int
    group_id: int
    role: str
    user_id: int
    user: MapPerson
    organisation_id: int | None
    organisation: MapOrganisation | None

    def get_role_display(self) -> str:
        return str(dict(Membership.Role.choices).get(self.role, self.role))


@dataclass
class NetworkMap:
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    # For the list alternative: each group with its parent, members and organisations; each
    # organisation with the groups it sits in.
    groups: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    shows_people: bool = False
    # Each group's address, once (the graph, the list and the JSON all link to it).
    group_urls: dict[int, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges}


# A group id no group has, to write a group's address once and fill in each id.
GROUP_URL_MARKER = 987654321


def group_url_maker():
    """A function from a group's id to its address (what `Group.get_absolute_url` gives), reversing
    the route once rather than once per group."""
    template = reverse("familycentres:group_detail", args=[GROUP_URL_MARKER])
    head, tail = template.rsplit(str(GROUP_URL_MARKER), 1)
    return lambda pk: f"{head}{pk}{tail}"


def network_map(
    *,
    user,
    area: Area | None = None,
    organisation: Organisation | None = None,
    group_kind: str = "",
    role: str = "",
) -> NetworkMap:
    """Three queries: groups, memberships, organisations.

    SECURITY: the groups and organisations of the network are public (the public version of the map
    shows them); people appear only through `Membership.objects.visible_to(user)`, so a limited account
    sees the people of its own groups and an anonymous visitor none."""
    groups_qs = Group.objects.filter(is_active=True).select_related("family_centre")
    if group_kind:
        groups_qs = groups_qs.filter(kind=group_kind)
    if area is not None:
        scope = scope_area_ids(area=area)
        centres = FamilyCentre.objects.filter(municipalities__in=scope).values("pk")
        groups_qs = groups_qs.filter(area__in=[area.pk, *scope]) | groups_qs.filter(family_centre__in=centres)
        groups_qs = groups_qs.distinct()
    groups = {g.pk: g for g in groups_qs.order_by("name", "pk")}
    shows_people = can_see_people_in_network_map(user)
    # Subqueries rather than lists of ids: binding thousands of parameters cost more than the queries.
    memberships_qs = (
        Membership.objects.current()
        .filter(group_id__in=groups_qs.order_by().values("pk"))
        .order_by("group_id", "role", "user__full_name", "pk")
    )
    if role:
        memberships_qs = memberships_qs.filter(role=role)
    # Only the columns the map shows: thousands of full model instances (with their users and
    # organisations) were most of the time of the page and the JSON.
    org_of: dict[int, MapOrganisation] = {}
    memberships = []
    for (
        pk,
        group_id,
        role_value,
        user_id,
        full_name,
        email,
        org_id,
        org_name,
        org_kind,
    ) in memberships_qs.values_list(
        "pk",
        "group_id",
        "role",
        "user_id",
        "user__full_name",
        "user__email",
        "organisation_id",
        "organisation__name",
        "organisation__kind",
    ):
        org = None
        if org_id is not None:
            org = org_of.get(org_id)
            if org is None:
                org = org_of[org_id] = MapOrganisation(org_id, org_name, org_kind)
        memberships.append(
            MapMembership(pk, group_id, role_value, user_id, MapPerson(full_name, email), org_id, org)
        )
    visible_ids = (
        set(
            Membership.objects.visible_to(user)
            .filter(pk__in=memberships_qs.order_by().values("pk"))
            .values_list("pk", flat=True)
        )
        if shows_people
        else set()
    )
    org_groups: dict[int, set[int]] = defaultdict(set)
    orgs: dict[int, Organisation | MapOrganisation] = {}
    for m in memberships:
        if m.organisation_id:
            org_groups[m.organisation_id].add(m.group_id)
            orgs[m.organisation_id] = m.organisation
    if organisation is not None:
        keep = org_groups.get(organisation.pk, set())
        groups = {pk: g for pk, g in groups.items() if pk in keep}
        orgs = {organisation.pk: organisation}
        org_groups = {organisation.pk: keep}
        memberships = [m for m in memberships if m.group_id in keep]
    if role and organisation is None:
        # Filtering by role keeps only the groups where someone holds that role.
        with_role = {m.group_id for m in memberships}
        groups = {pk: g for pk, g in groups.items() if pk in with_role}

    result = NetworkMap(shows_people=shows_people)
    # Each label translated once, not once per node or edge.
    kind_labels = {value: str(label) for value, label in Group.Kind.choices}
    org_kind_labels = {value: str(label) for value, label in Organisation.Kind.choices}
    role_labels = {value: str(label) for value, label in Membership.Role.choices}
    group_url = group_url_maker()
    for g in groups.values():
        result.group_urls[g.pk] = group_url(g.pk)
        result.nodes.append(
            {
                "id": f"g{g.pk}",
                "type": "group",
                "label": g.name,
                "kind": g.kind,
                "kind_label": str(kind_labels.get(g.kind, g.kind)),
                "url": result.group_urls[g.pk],
            }
        )
        if g.parent_id in groups:
            result.edges.append(
                {"id": f"r{g.pk}", "source": f"g{g.pk}", "target": f"g{g.parent_id}", "type": "reports_to"}
            )
    for org in sorted(orgs.values(), key=lambda o: o.name):
        in_groups = sorted(
            (groups[pk] for pk in org_groups.get(org.pk, ()) if pk in groups), key=lambda g: g.name
        )
        if not in_groups:
            continue
        result.nodes.append(
            {
                "id": f"o{org.pk}",
                "type": "organisation",
                "label": org.name,
                "kind": org.kind,
                "kind_label": str(org_kind_labels.get(org.kind, org.kind)),
            }
        )
        for g in in_groups:
            result.edges.append(
                {"id": f"s{org.pk}-{g.pk}", "source": f"o{org.pk}", "target": f"g{g.pk}", "type": "sits_in"}
            )
        result.organisations.append(
            {
                "name": org.name,
                "kind_label": str(org_kind_labels.get(org.kind, org.kind)),
                "groups": in_groups,
            }
        )
    people_seen: set[int] = set()
    members_by_group: dict[int, list[MapMembership]] = defaultdict(list)
    for m in memberships:
        if m.pk not in visible_ids or m.group_id not in groups:
            continue
        members_by_group[m.group_id].append(m)
        if m.user_id not in people_seen:
            people_seen.add(m.user_id)
            result.nodes.append(
                {
                    "id": f"p{m.user_id}",
                    "type": "person",
                    "label": m.user.full_name or m.user.email.split("@")[0],
                }
            )
        result.edges.append(
            {
                "id": f"m{m.pk}",
                "source": f"p{m.user_id}",
                "target": f"g{m.group_id}",
                "type": "member",
                "role": m.role,
                "label": str(role_labels.get(m.role, m.role)),
            }
        )
    orgs_by_group: dict[int, list[Organisation | MapOrganisation]] = defaultdict(list)
    for org_pk, group_pks in org_groups.items():
        if org_pk in orgs:
            for group_pk in group_pks:
                orgs_by_group[group_pk].append(orgs[org_pk])
    for g in groups.values():
        result.groups.append(
            {
                "group": g,
                "kind_label": str(kind_labels.get(g.kind, g.kind)),
                "parent": groups.get(g.parent_id),
                "members": members_by_group.get(g.pk, []),
                "organisations": sorted(orgs_by_group.get(g.pk, []), key=lambda o: o.name),
            }
        )
    return result
