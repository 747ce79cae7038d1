"""The role building blocks of the network, from memberships only (this module imports only models):
what a user is in a group, whether their account is limited, whether they are a professional. Cached
in the user's one role cache (accounts.roles; `clear_role_cache` forgets it)."""

from __future__ import annotations

from accounts.roles import clear_role_cache, is_signed_in

from .models import Group, Membership

__all__ = ["clear_role_cache", "current_roles", "is_limited_account", "is_member", "is_professional"]


def current_roles(user, group: Group) -> set[str]:
    """The user's current roles in `group` (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return Membership.objects.roles_by_group(user).get(group.pk, set())


def is_limited_account(user) -> bool:
    """A client representative's account is limited to the groups they belong to (Membership.limits_account)."""
    if not getattr(user, "is_authenticated", False) or user.is_staff:
        return False
    return Membership.objects.limited_account(user)


def is_member(user, group: Group) -> bool:
    return bool(current_roles(user, group))


def is_professional(user) -> bool:
    """A signed-in, active person whose account is not limited: who logs observations and works with
    phenomena, on the pages and through the API."""
    return is_signed_in(user) and not is_limited_account(user)
