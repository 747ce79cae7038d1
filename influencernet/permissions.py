"""Who may do what in the influencer network. Plain functions used by views, the API, templates and again
by the services.

The coordinator and facilitator are roles of the network's group. A representative acts for the members
whose current representative they are (a limited account of the network's group). A family centre's side
of a matter is its steering groups' chair or secretary and the network's coordinator."""

from __future__ import annotations

from django.utils import timezone

from accounts.roles import is_signed_in
from familycentres.models import Group, Membership
from familycentres.permissions import current_roles

from .models import Matter, Member, Network, Representative

MANAGER_ROLES = {Membership.Role.COORDINATOR, Membership.Role.FACILITATOR}
CENTRE_ROLES = {Membership.Role.CHAIR, Membership.Role.SECRETARY}


def can_view_network(user, network: Network) -> bool:
    return Network.objects.visible_to(user).filter(pk=network.pk).exists()


def can_manage_network(user, network: Network) -> bool:
    """The network's coordinator or facilitator, or an administrator: members, contacts, calls, goals,
    glossary approvals, forwarding proposals."""
    if not is_signed_in(user):
        return False
    return user.is_staff or bool(current_roles(user, network.group) & MANAGER_ROLES)


def can_export_contacts(user, network: Network) -> bool:
    # SECURITY: the contact list has people's phone numbers and emails: the network's managers only.
    return can_manage_network(user, network)


def represented_members(user, network: Network):
    """The current members `user` currently represents in `network` (empty for everybody else)."""
    if not is_signed_in(user):
        return Member.objects.none()
    today = timezone.localdate()
    reps = Representative.objects.current().filter(user=user, member__network=network).values("member_id")
    # SECURITY: a member that has left, or a representative whose role ended, has no access.
    return Member.objects.current(today).filter(pk__in=reps, network=network)


def is_representative(user, network: Network) -> bool:
    return represented_members(user, network).exists()


def centre_side_groups(user, network: Network):
    """Steering groups of the network's family centres in which `user` is the chair or secretary."""
    if not is_signed_in(user):
        return Group.objects.none()
    ids = Membership.objects.current().filter(user=user, role__in=CENTRE_ROLES).values("group_id")
    return Group.objects.filter(
        pk__in=ids,
        kind__in=[Group.Kind.LOCAL_STEERING, Group.Kind.REGIONAL_COORDINATION, Group.Kind.COUNTY_STEERING],
        family_centre__in=network.family_centres.all(),
    )


def can_bring_matter(user, network: Network) -> bool:
    """The network's coordinator, or a steering group's chair or secretary of one of its family centres."""
    if not is_signed_in(user):
        return False
    if can_manage_network(user, network):
        return True
    return centre_side_groups(user, network).exists()


def can_handle_matter(user, matter: Matter) -> bool:
    """Who reads every statement, writes the response and closes: the network's coordinator or facilitator,
    the person who brought the matter, and the chair or secretary of the family centre's steering group."""
    if not is_signed_in(user):
        return False
    if can_manage_network(user, matter.network) or matter.created_by_id == user.pk:
        return True
    return centre_side_groups(user, matter.network).filter(family_centre_id=matter.family_centre_id).exists()


def can_answer_matter(user, matter: Matter, member: Member) -> bool:
    """A representative of an asked, current member while the matter is open and before the deadline."""
    if matter.status != Matter.Status.OPEN or matter.deadline_passed:
        return False
    if not represented_members(user, matter.network).filter(pk=member.pk).exists():
        return False
    return matter.asked_members.filter(pk=member.pk).exists()


def can_view_statement(user, statement) -> bool:
    """The matter's handlers see sent statements; a member's representatives see their own, drafts too."""
    matter = statement.matter
    if represented_members(user, matter.network).filter(pk=statement.member_id).exists():
        return True
    return statement.status != statement.Status.DRAFT and can_handle_matter(user, matter)


def can_respond(user, matter: Matter) -> bool:
    return can_handle_matter(user, matter) and matter.status != Matter.Status.CLOSED


def can_close_matter(user, matter: Matter) -> bool:
    return can_handle_matter(user, matter) and matter.status == Matter.Status.RESPONDED


def can_nominate(user, call) -> bool:
    return call.status == call.Status.OPEN and is_representative(user, call.network)


def can_decide_nomination(user, call) -> bool:
    return can_manage_network(user, call.network)


def can_propose(user, network: Network) -> bool:
    """A representative for their member, or the network's coordinator on the network's behalf."""
    return is_representative(user, network) or can_manage_network(user, network)


def can_forward_proposal(user, proposal) -> bool:
    # SECURITY: an initiative is a professional's act: a limited account never makes one.
    return can_manage_network(user, proposal.network) and proposal.status == proposal.Status.RECEIVED


def can_give_proposal_feedback(user, proposal) -> bool:
    return can_manage_network(user, proposal.network) and proposal.status == proposal.Status.DECIDED


def can_propose_term(user, network: Network) -> bool:
    return can_propose(user, network)


def can_decide_term(user, network: Network) -> bool:
    """The coordinator approves glossary changes."""
    if not is_signed_in(user):
        return False
    return user.is_staff or Membership.Role.COORDINATOR in current_roles(user, network.group)
