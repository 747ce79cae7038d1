"""What the site navigation needs to know about observations, computed only when a template asks."""

from __future__ import annotations

from functools import cached_property

from familycentres.models import Membership


class ObservationNav:
    """Lazy flags for showing links: a page that never shows them runs no query, and one that does runs
    one query for both (every signed-in page shows the navigation, so it must stay cheap).

    SECURITY: these only decide which links are shown. The views check observations.permissions again;
    they apply the rules of familycentres.roles.is_professional (Membership.limits_account) and
    observations.roles.is_collector to a single query of the user's memberships."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def _memberships(self) -> list[tuple[str, int | None, bool]]:
        rows = Membership.objects.filter(user=self.user).values_list(
            "role", "group__family_centre_id", "ended_on"
        )
        return [(role, centre_id, ended_on is None) for role, centre_id, ended_on in rows]

    def _signed_in(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False) and self.user.is_active)

    @cached_property
    def can_log(self) -> bool:
        if not self._signed_in():
            return False
        if self.user.is_staff:
            return True
        rep = Membership.Role.CLIENT_REPRESENTATIVE
        current = {role for role, _centre, is_current in self._memberships if is_current}
        # The rule of familycentres.roles.is_professional, over the rows already read.
        return not Membership.limits_account(
            current, was_client_representative=any(role == rep for role, _c, _current in self._memberships)
        )

    @cached_property
    def can_triage(self) -> bool:
        if not self._signed_in():
            return False
        if self.user.is_staff:
            return True
        return any(
            role == Membership.Role.COLLECTOR and centre_id is not None and is_current
            for role, centre_id, is_current in self._memberships
        )


def observations(request):
    return {"observation_nav": ObservationNav(getattr(request, "user", None))}
