"""Who may do what with phenomena, initiatives and decisions."""

from __future__ import annotations

from accounts.roles import is_signed_in
from familycentres.models import Group, Membership
from familycentres.roles import current_roles, is_professional
from observations.roles import is_collector

DECIDER_ROLES = {Membership.Role.CHAIR, Membership.Role.SECRETARY}


def can_create_phenomenon(user) -> bool:
    return is_professional(user)


def can_edit_phenomenon(user, phenomenon) -> bool:
    """Its creator, the family centre's collectors (for county-level ones any collector) and administrators."""
    if not is_signed_in(user):
        return False
    if user.is_staff or phenomenon.created_by_id == user.pk:
        return True
    if phenomenon.family_centre_id is None:
        return is_collector(user)
    return is_collector(user, phenomenon.family_centre_id)


def can_put_on_agenda(user, group: Group) -> bool:
    """Only members of a group put items on its agenda."""
    if not is_signed_in(user):
        return False
    roles = current_roles(user, group)
    return bool(roles - {Membership.Role.CLIENT_REPRESENTATIVE}) or user.is_staff


def can_decide(user, group: Group) -> bool:
    """Only the group's chair or secretary records decisions."""
    return is_signed_in(user) and bool(current_roles(user, group) & DECIDER_ROLES)


ROUTE_EDITOR_ROLES = {Membership.Role.COORDINATOR, Membership.Role.CHAIR}


def can_manage_routes(user, group: Group) -> bool:
    """Where a group may forward: an administrator, or the group's coordinator or chair."""
    if not is_signed_in(user):
        return False
    return user.is_staff or bool(current_roles(user, group) & ROUTE_EDITOR_ROLES)


def can_record_other_decision(user, initiative) -> bool:
    """The decision of another body is recorded by the one who sent the initiative, or an administrator."""
    if not is_signed_in(user) or initiative.group_id is not None:
        return False
    return user.is_staff or initiative.created_by_id == user.pk


def can_report_local_action(user, decision) -> bool:
    """The working group named for a local action reports back: its current members, or an administrator.
    SECURITY: a client representative of the working group does not report for it."""
    if not is_signed_in(user) or decision.kind != "local_action" or decision.working_group_id is None:
        return False
    if user.is_staff:
        return True
    return bool(current_roles(user, decision.working_group) - {Membership.Role.CLIENT_REPRESENTATIVE})
