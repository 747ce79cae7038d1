"""Who may do what with indicators. Plain functions used by views, the API, templates and services."""

from __future__ import annotations

from accounts.roles import is_signed_in
from familycentres.permissions import is_limited_account
from observations.permissions import collector_centre_ids, is_collector
from phenomena.permissions import can_edit_phenomenon


def can_view_indicators(user) -> bool:
    """Every professional of the network reads the statistics; limited accounts do not."""
    return is_signed_in(user) and (user.is_staff or not is_limited_account(user))


def can_run_imports(user) -> bool:
    """Collectors / analysts bring indicator data in; administrators too. Imports change figures every
    family centre reads, so ordinary members may not start them."""
    return is_signed_in(user) and (user.is_staff or is_collector(user))


def can_view_import_runs(user) -> bool:
    return can_run_imports(user)


def can_edit_package(user, family_centre) -> bool:
    """The collector of a family centre (or an administrator) picks its indicator package."""
    if not is_signed_in(user):
        return False
    return user.is_staff or is_collector(user, family_centre.pk)


def package_centre_ids(user) -> set[int]:
    """The family centres whose package the user may edit (all for administrators: None means any)."""
    return collector_centre_ids(user)


def can_link_to_phenomenon(user, phenomenon) -> bool:
    """Whoever may edit a phenomenon chooses the indicators read beside it."""
    return can_view_indicators(user) and can_edit_phenomenon(user, phenomenon)


def dashboard_owners(user) -> list:
    """The family centres and groups under which the user may keep dashboards: those they work in."""
    if not can_view_indicators(user):
        return []
    from familycentres.models import FamilyCentre, Group, Membership
    from observations.permissions import member_centre_ids

    if user.is_staff:
        centres = FamilyCentre.objects.order_by("name_fi")
        groups = Group.objects.filter(is_active=True).order_by("name")
    else:
        centres = FamilyCentre.objects.filter(pk__in=member_centre_ids(user)).order_by("name_fi")
        own = (
            Membership.objects.current()
            .filter(user=user)
            .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
            .values("group_id")
        )
        groups = Group.objects.filter(pk__in=own, is_active=True).order_by("name")
    return [*centres, *groups]


def can_save_dashboard(user, owner) -> bool:
    return any(type(o) is type(owner) and o.pk == owner.pk for o in dashboard_owners(user))


def can_delete_dashboard(user, dashboard) -> bool:
    if not can_view_indicators(user):
        return False
    if user.is_staff or dashboard.created_by_id == user.pk:
        return True
    return can_save_dashboard(user, dashboard.family_centre or dashboard.group)
