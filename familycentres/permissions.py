"""Who may do what in the network. Plain functions used by views, the API, templates and services; the
role building blocks they stand on are in roles.py (and re-exported here)."""

from __future__ import annotations

from django.db.models import Q

from .models import Group, Membership
from .roles import current_roles, is_limited_account, is_member, is_professional

MEETING_MANAGER_ROLES = {Membership.Role.CHAIR, Membership.Role.SECRETARY, Membership.Role.COORDINATOR}


# The earlier private name, still imported by co-development until it uses roles.current_roles.
_current_roles = current_roles


def can_view_group(user, group: Group) -> bool:
    return Group.objects.visible_to(user).filter(pk=group.pk).exists()


def can_manage_meetings(user, group: Group) -> bool:
    """The chair, secretary or coordinator of a group (or an administrator) schedules its meetings,
    keeps the agenda, attendance and minutes."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return bool(current_roles(user, group) & MEETING_MANAGER_ROLES)


def can_see_calendar_feed(user, group: Group) -> bool:
    # SECURITY: the feed URL carries the group's secret; only members and administrators see it.
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or is_member(user, group)


def can_rotate_calendar_token(user, group: Group) -> bool:
    return can_manage_meetings(user, group)


# --- The service catalogue and the maps ---------------------------------------------------------------


def can_edit_services(user) -> bool:
    """Coordinators keep the network's service catalogue (and resolve import conflicts); administrators
    too.

    SECURITY: a coordinator of any current group may edit any service: the catalogue is shared by the
    whole network and every change is audited."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return Membership.objects.current().filter(user=user, role=Membership.Role.COORDINATOR).exists()


def can_edit_service(user, service) -> bool:
    return can_edit_services(user)


def can_run_service_import(user) -> bool:
    return can_edit_services(user)


def can_view_service_map(user) -> bool:
    """The service map is a steering tool of the network: every signed-in person of the network except a
    limited (client representative) account."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or not is_limited_account(user)


def can_see_people_in_network_map(user) -> bool:
    """The public network map shows organisations and groups only; people appear to signed-in users,
    and then only through the memberships they may see (`Membership.objects.visible_to`)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_read_api(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_write_api(user) -> bool:
    # Deliberately narrower than can_manage_meetings: through the API only administrators write, also
    # for meetings, until the API has its own per-group write rules.
    return can_read_api(user) and user.is_staff


__all__ = [
    "MEETING_MANAGER_ROLES",
    "can_manage_meetings",
    "can_read_api",
    "can_rotate_calendar_token",
    "can_see_calendar_feed",
    "can_view_representation",
    "can_view_group",
    "can_write_api",
    "current_roles",
    "is_limited_account",
    "is_member",
    "is_professional",
]


# --- Who is at the table ----------------------------------------------------------------------------------

STEERING_KINDS = {
    Group.Kind.LOCAL_STEERING,
    Group.Kind.REGIONAL_COORDINATION,
    Group.Kind.COUNTY_STEERING,
    Group.Kind.WELFARE_BOARD,
}


def can_view_representation(user) -> bool:
    """The overview of which organisations and roles sit in each group is for the network's own people who
    steer it: members of a steering group (any level), coordinators of any group, administrators.

    SECURITY: a client representative is never shown it through a steering-group seat alone."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    if is_limited_account(user):
        return False
    return (
        Membership.objects.current()
        .filter(user=user)
        .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
        .filter(Q(group__kind__in=STEERING_KINDS) | Q(role=Membership.Role.COORDINATOR))
        .exists()
    )
