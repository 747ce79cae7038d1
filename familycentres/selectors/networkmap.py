"""The network map: organisations, groups and people with their roles, as nodes and edges. The same
data feeds the graph, the accessible list beside it and the JSON of the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from core.choices import labels
from core.paths import url_maker

from ..models import Area, FamilyCentre, Group, Membership, Organisation
from ..permissions import can_see_people_in_network_map
from .servicemap import scope_area_ids

# The map's rows are named tuples rather than model instances or dataclasses: the whole network has
# hundreds of groups and thousands of memberships, and building (and then garbage-collecting) that many
# objects was most of the page's and the JSON's time. A tuple of plain values is also one the collector
# stops tracking.


class MapGroup(NamedTuple):
    pk: int
    name: str
    kind: str
    parent_id: int | None


class MapOrganisation(NamedTuple):
    pk: int
    name: str
    kind: str


class MapMembership(NamedTuple):
    """What the map shows of a membership (a person's role in a group, for an organisation)."""

    pk: int
    group_id: int
    role: str
    user_id: int
    full_name: str
    email: str
    organisation_id: int | None
    organisation_name: str | None
    organisation_kind: str | None

    def get_role_display(self) -> str:
        return str(dict(Membership.Role.choices).get(self.role, self.role))


@dataclass
class NetworkMap:
    # For the list alternative: each group with its parent, members and organisations; each
    # organisation with the groups it sits in.
    groups: list[dict[str, Any]] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    shows_people: bool = False
    # Each group's address, once (the graph, the list and the JSON all link to it).
    group_urls: dict[int, str] = field(default_factory=dict)
    # What the graph is drawn from, kept for `nodes` and `edges`: the page lists the network without
    # them (its graph reads the JSON), so only the JSON pays for thousands of node and edge dicts.
    _members: list[MapMembership] = field(default_factory=list, repr=False)
    _labels: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    _graph: tuple[list, list] | None = field(default=None, repr=False)

    @property
    def nodes(self) -> list[dict[str, Any]]:
        return self.graph()[0]

    @property
    def edges(self) -> list[dict[str, Any]]:
        return self.graph()[1]

    def as_json(self) -> dict[str, Any]:
        nodes, edges = self.graph()
        return {"nodes": nodes, "edges": edges}

    def graph(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The nodes (groups, organisations, people) and edges (reports to, sits in, member), in the
        order the JSON has always had: groups with their reporting edges, then each organisation with
        the groups it sits in, then the people with their memberships."""
        if self._graph is not None:
            return self._graph
        kind_labels, org_kind_labels = self._labels["kinds"], self._labels["org_kinds"]
        role_labels = self._labels["roles"]
        nodes: list[dict[str, Any]] = []
        edges: list[dict[str, Any]] = []
        in_map = set()
        for item in self.groups:
            g = item["group"]
            in_map.add(g.pk)
            nodes.append(
                {
                    "id": f"g{g.pk}",
                    "type": "group",
                    "label": g.name,
                    "kind": g.kind,
                    "kind_label": kind_labels.get(g.kind, g.kind),
                    "url": self.group_urls[g.pk],
                }
            )
            if item["parent"] is not None:
                edges.append(
                    {
                        "id": f"r{g.pk}",
                        "source": f"g{g.pk}",
                        "target": f"g{g.parent_id}",
                        "type": "reports_to",
                    }
                )
        for org in self.organisations:
            o = org["organisation"]
            nodes.append(
                {
                    "id": f"o{o.pk}",
                    "type": "organisation",
                    "label": o.name,
                    "kind": o.kind,
                    "kind_label": org_kind_labels.get(o.kind, o.kind),
                }
            )
            edges.extend(
                {"id": f"s{o.pk}-{g.pk}", "source": f"o{o.pk}", "target": f"g{g.pk}", "type": "sits_in"}
                for g in org["groups"]
            )
        people_seen: set[int] = set()
        for m in self._members:
            if m.user_id not in people_seen:
                people_seen.add(m.user_id)
                nodes.append(
                    {"id": f"p{m.user_id}", "type": "person", "label": m.full_name or m.email.split("@")[0]}
                )
            edges.append(
                {
                    "id": f"m{m.pk}",
                    "source": f"p{m.user_id}",
                    "target": f"g{m.group_id}",
                    "type": "member",
                    "role": m.role,
                    "label": role_labels.get(m.role, m.role),
                }
            )
        self._graph = (nodes, edges)
        return self._graph


# A group id no group has, to write a group's address once and fill in each id.
# The group id the network map page's script replaces in a group's address (familycentres.views.maps).
GROUP_URL_MARKER = 987654321


def network_map(
    *,
    user,
    area: Area | None = None,
    organisation: Organisation | None = None,
    group_kind: str = "",
    role: str = "",
) -> NetworkMap:
    """Three queries: groups, memberships (with their people and organisations), and which of the
    memberships the viewer may see.

    SECURITY: the groups and organisations of the network are public (the public version of the map
    shows them); people appear only through `Membership.objects.visible_to(user)`, so a limited account
    sees the people of its own groups and an anonymous visitor none."""
    groups_qs = Group.objects.filter(is_active=True)
    if group_kind:
        groups_qs = groups_qs.filter(kind=group_kind)
    if area is not None:
        scope = scope_area_ids(area=area)
        centres = FamilyCentre.objects.filter(municipalities__in=scope).values("pk")
        groups_qs = groups_qs.filter(area__in=[area.pk, *scope]) | groups_qs.filter(family_centre__in=centres)
        groups_qs = groups_qs.distinct()
    groups = {
        row[0]: MapGroup._make(row)
        for row in groups_qs.order_by("name", "pk").values_list("pk", "name", "kind", "parent_id")
    }
    shows_people = can_see_people_in_network_map(user)
    # Subqueries rather than lists of ids: binding thousands of parameters cost more than the queries.
    memberships_qs = (
        Membership.objects.current()
        .filter(group_id__in=groups_qs.order_by().values("pk"))
        .order_by("group_id", "role", "user__full_name", "pk")
    )
    if role:
        memberships_qs = memberships_qs.filter(role=role)
    # Only the columns the map shows, as tuples.
    memberships = [
        MapMembership._make(row)
        for row in memberships_qs.values_list(
            "pk",
            "group_id",
            "role",
            "user_id",
            "user__full_name",
            "user__email",
            "organisation_id",
            "organisation__name",
            "organisation__kind",
        )
    ]
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
            if m.organisation_id not in orgs:
                orgs[m.organisation_id] = MapOrganisation(
                    m.organisation_id, m.organisation_name, m.organisation_kind
                )
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
    kind_labels = labels(Group.Kind.choices)
    org_kind_labels = labels(Organisation.Kind.choices)
    result._labels = {
        "kinds": kind_labels,
        "org_kinds": org_kind_labels,
        "roles": labels(Membership.Role.choices),
    }
    group_url = url_maker("familycentres:group_detail")
    result.group_urls = {pk: group_url(pk) for pk in groups}
    for org in sorted(orgs.values(), key=lambda o: o.name):
        in_groups = sorted(
            (groups[pk] for pk in org_groups.get(org.pk, ()) if pk in groups), key=lambda g: g.name
        )
        if in_groups:
            result.organisations.append(
                {
                    "organisation": org,
                    "name": org.name,
                    "kind_label": org_kind_labels.get(org.kind, org.kind),
                    "groups": in_groups,
                }
            )
    members_by_group: dict[int, list[MapMembership]] = defaultdict(list)
    for m in memberships:
        if m.pk in visible_ids and m.group_id in groups:
            members_by_group[m.group_id].append(m)
            result._members.append(m)
    orgs_by_group: dict[int, list[Organisation | MapOrganisation]] = defaultdict(list)
    for org_pk, group_pks in org_groups.items():
        if org_pk in orgs:
            for group_pk in group_pks:
                orgs_by_group[group_pk].append(orgs[org_pk])
    for g in groups.values():
        result.groups.append(
            {
                "group": g,
                "kind_label": kind_labels.get(g.kind, g.kind),
                "parent": groups.get(g.parent_id),
                "members": members_by_group.get(g.pk, []),
                "organisations": sorted(orgs_by_group.get(g.pk, []), key=lambda o: o.name),
            }
        )
    return result
