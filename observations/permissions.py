"""Who may see and handle observations."""

from __future__ import annotations

from familycentres.models import FamilyCentre, Membership
from familycentres.permissions import is_limited_account

from .models import Observation


def collector_centre_ids(user) -> set[int]:
    """Family centres for which the user is an agreed collector / analyst."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_ilmio_collector_centres", None)
    if cached is None:
        cached = set(
            Membership.objects.current()
            .filter(user=user, role=Membership.Role.COLLECTOR, group__family_centre__isnull=False)
            .values_list("group__family_centre_id", flat=True)
        )
        user._ilmio_collector_centres = cached
    return cached


def member_centre_ids(user) -> set[int]:
    """Family centres in whose groups the user currently works (any role but client representative)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_ilmio_member_centres", None)
    if cached is None:
        cached = set(
            Membership.objects.current()
            .filter(user=user, group__family_centre__isnull=False)
            .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
            .values_list("group__family_centre_id", flat=True)
        )
        user._ilmio_member_centres = cached
    return cached


def is_collector(user, centre: FamilyCentre | int | None = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    ids = collector_centre_ids(user)
    if centre is None:
        return bool(ids)
    return (centre if isinstance(centre, int) else centre.pk) in ids


def can_log_observation(user) -> bool:
    # SECURITY: limited (client representative) accounts do not log observations as professionals.
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not is_limited_account(user))


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
