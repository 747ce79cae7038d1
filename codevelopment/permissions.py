"""Who may do what in a co-development process."""

from __future__ import annotations

from accounts.roles import is_signed_in
from familycentres.models import Group, Membership
from familycentres.roles import current_roles
from phenomena.permissions import can_decide

from .models import ConsultationRound, DevelopmentProcess

# The one responsible for progress moves the work on with the coordinator and the facilitator.
EDITOR_ROLES = {Membership.Role.COORDINATOR, Membership.Role.FACILITATOR, Membership.Role.PROGRESS_OWNER}


def can_open_process(user, decision) -> bool:
    """The deciding group's chair or secretary, the people the decision made responsible, or an administrator."""
    if not is_signed_in(user):
        return False
    if user.is_staff or can_decide(user, decision.group):
        return True
    return decision.responsible_users.filter(pk=user.pk).exists()


def can_view_process(user, process) -> bool:
    return DevelopmentProcess.objects.visible_to(user).filter(pk=process.pk).exists()


def can_edit_process(user, process) -> bool:
    """The developer group's coordinator, facilitator or the one responsible for progress, or an administrator."""
    if not is_signed_in(user):
        return False
    return user.is_staff or bool(current_roles(user, process.group) & EDITOR_ROLES)


def can_coordinate_process(user, process) -> bool:
    """The developer group's coordinator, or an administrator (local sub-teams of a learning network)."""
    if not is_signed_in(user):
        return False
    return user.is_staff or Membership.Role.COORDINATOR in current_roles(user, process.group)


def can_upload_document(user, process) -> bool:
    """Any current member of the developer group (client representatives too), or an administrator."""
    if not is_signed_in(user):
        return False
    return user.is_staff or bool(current_roles(user, process.group))


def can_delete_document(user, document) -> bool:
    """The one who uploaded it, the group's coordinator, or an administrator."""
    if not is_signed_in(user):
        return False
    if user.is_staff or document.created_by_id == user.pk:
        return True
    return Membership.Role.COORDINATOR in current_roles(user, document.process.group)


def can_edit_open_process(user, process) -> bool:
    """Editing that stops at closing: the coordinator, facilitator or an administrator of an unclosed process."""
    return can_edit_process(user, process) and process.stage != process.Stage.CLOSED


# Consultation rounds -------------------------------------------------------------------------------------


def can_manage_consultations(user, process) -> bool:
    """Opening and closing rounds, posting updates: the process's editors while it is not closed."""
    return can_edit_open_process(user, process)


def can_view_consultation(user, consultation) -> bool:
    """Whoever reads the workspace, and the members of the asked groups (a limited account too)."""
    return ConsultationRound.objects.visible_to(user).filter(pk=consultation.pk).exists()


def can_comment(user, consultation) -> bool:
    """Current members of the asked groups and of the developer group, while the round is open."""
    if not is_signed_in(user) or not consultation.is_open():
        return False
    groups = list(consultation.groups.values_list("pk", flat=True)) + [consultation.process.group_id]
    return Membership.objects.current().filter(user=user, group__in=groups).exists()


# Follow-up -----------------------------------------------------------------------------------------------


def is_follow_up_owner(user, process) -> bool:
    return bool(
        is_signed_in(user)
        and process.follow_up_owner_id is not None
        and process.follow_up_owner_id == user.pk
    )


def can_manage_follow_up(user, process) -> bool:
    """Defining metrics and scheduling points: the coordinator, facilitator, staff or the follow-up owner."""
    return can_edit_process(user, process) or is_follow_up_owner(user, process)


def can_record_point(user, point, process) -> bool:
    """The metric's owner, the coordinator or staff; after closing, only the follow-up owners."""
    if not is_signed_in(user):
        return False
    owner = point.metric.owner_id == user.pk or is_follow_up_owner(user, process)
    if process.stage == process.Stage.CLOSED:
        return owner
    return owner or can_edit_process(user, process)


def can_view_contacts(user, process) -> bool:
    """The developer group's contact list is for its current members (and administrators): the
    coordination's "yhteystietolistat", not a directory for the rest of the network."""
    if not is_signed_in(user):
        return False
    return user.is_staff or bool(current_roles(user, process.group))


# Sub-teams of a learning network ----------------------------------------------------------------------------


def subteams_of(process):
    """The local sub-teams (working groups under the developer group) of a learning network."""
    return Group.objects.filter(parent=process.group_id, kind=Group.Kind.WORKING_GROUP, is_active=True)


def can_add_subteam_evaluation(user, process) -> bool:
    """A current member of the developer group or of one of its sub-teams, or an administrator, in a learning
    network."""
    if not is_signed_in(user) or not process.is_learning_network:
        return False
    if user.is_staff or current_roles(user, process.group):
        return True
    return (
        Membership.objects.current().filter(user=user, group__in=subteams_of(process).values("pk")).exists()
    )
