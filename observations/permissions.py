"""Who may see and handle observations."""

from __future__ import annotations

from familycentres.models import Group
from familycentres.permissions import can_manage_meetings
from familycentres.roles import is_member, is_professional

from .models import Observation
from .roles import collector_centre_ids, is_collector, member_centre_ids


def can_log_observation(user) -> bool:
    # SECURITY: limited (client representative) accounts do not log observations as professionals.
    return is_professional(user)


def can_triage(user, observation: Observation) -> bool:
    return is_collector(user, observation.family_centre_id)


def can_edit(user, observation: Observation) -> bool:
    """The author edits their own observation until it has been triaged."""
    return (
        getattr(user, "is_authenticated", False)
        and observation.author_id == user.pk
        and observation.status == Observation.Status.NEW
        and observation.triaged_at is None
    )


def can_see_team_view(user, group: Group) -> bool:
    """The team's members and administrators. (What each of them sees of the observations is still
    decided by Observation.visible_to.)"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or is_member(user, group))


def can_record_review(user, group: Group) -> bool:
    """The team's professional members (and those who run its meetings) record its review.
    SECURITY: a limited (client representative) account may be in the team and see its view, but does
    not write the team's review. services.team_review_record checks this again."""
    if not is_professional(user):
        return False
    return can_see_team_view(user, group) or can_manage_meetings(user, group)


__all__ = [
    "can_edit",
    "can_log_observation",
    "can_record_review",
    "can_see_team_view",
    "can_triage",
    "collector_centre_ids",
    "is_collector",
    "member_centre_ids",
]
