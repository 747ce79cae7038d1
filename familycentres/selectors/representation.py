"""Who is at the table: per level of the network, which organisations and which roles are represented in
each group (seed 002: the local, regional and county levels and their information flows)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch, QuerySet

from ..models import Group, Membership

LEVEL_ORDER = [Group.Level.LOCAL, Group.Level.REGIONAL, Group.Level.COUNTY, Group.Level.BOARD]


def representation_groups(user, level: str) -> QuerySet[Group]:
    """The active groups of a level with their current memberships and organisations: two queries for a
    page of groups, whatever its size."""
    current = Membership.objects.current().select_related("organisation").order_by("pk")
    return (
        Group.objects.visible_to(user)
        .filter(is_active=True, level=level)
        .select_related("area", "family_centre")
        .prefetch_related(Prefetch("memberships", queryset=current, to_attr="current_members"))
        .order_by("kind", "name", "pk")
    )


def summarise(group: Group) -> dict:
    """The organisations (with their kinds) and the roles and backgrounds in one group, with counts; no
    names of people."""
    members = group.current_members
    organisations = Counter()
    kinds = {}
    for m in members:
        if m.organisation_id:
            organisations[m.organisation.name] += 1
            kinds[m.organisation.name] = m.organisation.get_kind_display()
    role_labels = dict(Membership.Role.choices)
    background_labels = dict(Membership.Background.choices)
    roles = Counter(str(role_labels.get(m.role, m.role)) for m in members)
    backgrounds = Counter(str(background_labels.get(m.background)) for m in members if m.background)
    return {
        "group": group,
        "member_count": len({m.user_id for m in members}),
        "organisations": [
            {"name": name, "kind": kinds[name], "count": n} for name, n in sorted(organisations.items())
        ],
        "roles": sorted(roles.items()),
        "backgrounds": sorted(backgrounds.items()),
        "without_organisation": sum(1 for m in members if not m.organisation_id),
    }
