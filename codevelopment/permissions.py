"""Who may do what in a co-development process."""

from __future__ import annotations

from familycentres.models import Membership
from familycentres.permissions import _current_roles
from phenomena.permissions import can_decide

EDITOR_ROLES = {Membership.Role.COORDINATOR, Membership.Role.FACILITATOR}


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_open_process(user, decision) -> bool:
    """The deciding group's chair or secretary, the people the decision made responsible, or an administrator."""
    if not _active(user):
        return False
    if user.is_staff or can_decide(user, decision.group):
        return True
    return decision.responsible_users.filter(pk=user.pk).exists()


def can_view_process(user, process) -> bool:
    from .models import DevelopmentProcess

    return DevelopmentProcess.objects.visible_to(user).filter(pk=process.pk).exists()


def can_edit_process(user, process) -> bool:
    """The developer group's coordinator or facilitator, or an administrator."""
    if not _active(user):
        return False
    return user.is_staff or bool(_current_roles(user, process.group) & EDITOR_ROLES)


def can_coordinate_process(user, process) -> bool:
    """The developer group's coordinator, or an administrator (local sub-teams of a learning network)."""
    if not _active(user):
        return False
    return user.is_staff or Membership.Role.COORDINATOR in _current_roles(user, process.group)


def can_upload_document(user, process) -> bool:
    """Any current member of the developer group (client representatives too), or an administrator."""
    if not _active(user):
        return False
    return user.is_staff or bool(_current_roles(user, process.group))


def can_delete_document(user, document) -> bool:
    """The one who uploaded it, the group's coordinator, or an administrator."""
    if not _active(user):
        return False
    if user.is_staff or document.created_by_id == user.pk:
        return True
    return Membership.Role.COORDINATOR in _current_roles(user, document.process.group)
