"""The observations' role building blocks, from memberships only (this module imports only models):
the family centres where a user collects and analyses, or works. Cached in the user's one role cache
(accounts.roles)."""

from __future__ import annotations

from familycentres.models import FamilyCentre, Membership


def collector_centre_ids(user) -> set[int]:
    """Family centres for which the user is an agreed collector / analyst."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return Membership.objects.centre_ids(user, collector=True)


def member_centre_ids(user) -> set[int]:
    """Family centres in whose groups the user currently works (any role but client representative)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return Membership.objects.centre_ids(user, collector=False)


def is_collector(user, centre: FamilyCentre | int | None = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    ids = collector_centre_ids(user)
    if centre is None:
        return bool(ids)
    return (centre if isinstance(centre, int) else centre.pk) in ids
