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


# --- The analysis -----------------------------------------------------------------------------------------

# The people of a group who analyse or answer for it: every member except a client representative (whose
# account is limited and sees no phenomena).
PROFESSIONAL_EXCLUDED_ROLES = {Membership.Role.CLIENT_REPRESENTATIVE}


def is_professional_member(user, group) -> bool:
    """A current member of the group in any role but client representative."""
    return group is not None and bool(current_roles(user, group) - PROFESSIONAL_EXCLUDED_ROLES)


def is_named_analyser(user, phenomenon) -> bool:
    """The professional named to analyse the phenomenon, or a professional member of the named team or
    steering group."""
    if not is_professional(user):
        return False
    if phenomenon.analyser_user_id is not None and phenomenon.analyser_user_id == user.pk:
        return True
    return phenomenon.analyser_group_id is not None and is_professional_member(
        user, phenomenon.analyser_group
    )


def can_write_analysis(user, phenomenon) -> bool:
    """Those who may edit the phenomenon, and its named analyser."""
    return can_edit_phenomenon(user, phenomenon) or is_named_analyser(user, phenomenon)


def can_invite_contributors(user, phenomenon) -> bool:
    return can_write_analysis(user, phenomenon)


def can_comment_analysis(user, phenomenon) -> bool:
    """The analysis' writers and the people invited to it write in its discussion."""
    if can_write_analysis(user, phenomenon):
        return True
    if not is_professional(user):
        return False
    return phenomenon.contributors.filter(user=user).exists()


# --- Matters sent down to the local teams ------------------------------------------------------------------

REFERRAL_SENDER_KINDS = {Group.Kind.REGIONAL_COORDINATION, Group.Kind.COUNTY_STEERING}
REFERRAL_SENDER_ROLES = {Membership.Role.CHAIR, Membership.Role.SECRETARY, Membership.Role.COORDINATOR}


def can_send_referral(user, group: Group) -> bool:
    """The chair, secretary or coordinator of a regional coordination group or of the county steering group
    sends matters down to the local teams (administrators too)."""
    if not is_signed_in(user) or group.kind not in REFERRAL_SENDER_KINDS or not group.is_active:
        return False
    return user.is_staff or bool(current_roles(user, group) & REFERRAL_SENDER_ROLES)


def can_answer_referral(user, answer) -> bool:
    """A professional member of the asked team records its answer (a client representative takes part in
    the discussion but does not write for the team)."""
    return is_professional(user) and is_professional_member(user, answer.team)


def can_list_referrals(user, group: Group) -> bool:
    """The sending group's members (not client representatives) see what it has sent and the answers."""
    if not is_professional(user):
        return False
    return user.is_staff or is_professional_member(user, group)


def can_raise_from_team(user, team: Group) -> bool:
    """A local family-centre team's professional members raise matters to the team's steering group.

    SECURITY: a client representative of the team (a limited account) may not: raising makes a phenomenon
    and an initiative they could not read afterwards."""
    if not is_signed_in(user) or team.kind != Group.Kind.LOCAL_TEAM or not team.is_active:
        return False
    return bool(current_roles(user, team) - {Membership.Role.CLIENT_REPRESENTATIVE})


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
