"""Who may do what in the network. Plain functions used by views, the API, templates and services."""

from __future__ import annotations

from .models import Group, Membership

MEETING_MANAGER_ROLES = {Membership.Role.CHAIR, Membership.Role.SECRETARY, Membership.Role.COORDINATOR}


def _current_roles(user, group: Group) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_ilmio_roles_cache", None)
    if cache is None:
        cache = {}
        for group_id, role in Membership.objects.current().filter(user=user).values_list("group_id", "role"):
            cache.setdefault(group_id, set()).add(role)
        user._ilmio_roles_cache = cache
    return cache.get(group.pk, set())


def current_roles(user, group: Group) -> set[str]:
    """The roles `user` holds now in `group` (cached per request on the user object)."""
    return set(_current_roles(user, group))


def is_limited_account(user) -> bool:
    """A client representative's account is limited to the groups they belong to.

    SECURITY: a former client representative (all such memberships ended, no other role) stays
    limited; ending a membership must never widen what the account sees."""
    if not getattr(user, "is_authenticated", False) or user.is_staff:
        return False
    cached = getattr(user, "_ilmio_limited_cache", None)
    if cached is not None:
        return cached
    current = set(Membership.objects.current().filter(user=user).values_list("role", flat=True))
    if current - {Membership.Role.CLIENT_REPRESENTATIVE}:
        limited = False
    elif current:
        limited = True
    else:
        limited = Membership.objects.filter(user=user, role=Membership.Role.CLIENT_REPRESENTATIVE).exists()
    user._ilmio_limited_cache = limited
    return limited


def is_member(user, group: Group) -> bool:
    return bool(_current_roles(user, group))


def can_view_group(user, group: Group) -> bool:
    return Group.objects.visible_to(user).filter(pk=group.pk).exists()


def can_manage_meetings(user, group: Group) -> bool:
    """The chair, secretary or coordinator of a group (or an administrator) schedules its meetings,
    keeps the agenda, attendance and minutes."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return bool(_current_roles(user, group) & MEETING_MANAGER_ROLES)


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
