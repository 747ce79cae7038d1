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


def can_raise_from_team(user, team: Group) -> bool:
    """A local family-centre team's professional members raise matters to the team's steering group.

    SECURITY: a client representative of the team (a limited account) may not: raising makes a phenomenon
    and an initiative they could not read afterwards."""
    if not is_signed_in(user) or team.kind != Group.Kind.LOCAL_TEAM or not team.is_active:
        return False
    return bool(current_roles(user, team) - {Membership.Role.CLIENT_REPRESENTATIVE})
