from __future__ import annotations

from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services as phenomena_services
from phenomena.tests.factories import InitiativeFactory


def decided(*, kind: str = "start_codevelopment", scope: str = "local", responsible_users=()):
    """A steering group, its chair, and the group's recorded decision on an initiative."""
    steering = GroupFactory()
    chair = MembershipFactory(group=steering, role=Membership.Role.CHAIR).user
    initiative = InitiativeFactory(group=steering, phenomenon__family_centre=steering.family_centre)
    decision = phenomena_services.decision_record(
        actor=chair,
        initiative=initiative,
        kind=kind,
        reasons="Kehitetään yhdessä.",
        scope=scope if kind == "start_codevelopment" else "",
        responsible_users=responsible_users,
        responsible_progress="Koordinaattori" if kind == "start_codevelopment" else "",
    )
    return decision, chair
