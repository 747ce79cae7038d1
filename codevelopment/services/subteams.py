"""Writes for the local sub-teams of a learning network."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import DomainError
from familycentres.models import FamilyCentre, Group, Membership

from ..models import DevelopmentProcess
from ..permissions import can_coordinate_process
from .common import clean, ensure_open, log_event


@transaction.atomic
def subteam_add(*, actor, process: DevelopmentProcess, name: str, family_centre: FamilyCentre) -> Group:
    """A local sub-team of a learning network: a working group under the developer group, in one family
    centre, with the actor as its coordinator."""
    process = DevelopmentProcess.objects.select_for_update().select_related("group").get(pk=process.pk)
    if not can_coordinate_process(actor, process):
        raise PermissionDenied
    ensure_open(process)
    if not process.is_learning_network:
        raise DomainError(_("Only a learning network has local sub-teams."), code="not_learning_network")
    name = clean(name, 200)
    if not name:
        raise DomainError(_("Give the sub-team a name."), code="name_required")
    if family_centre is None:
        raise DomainError(_("Choose the family centre."), code="family_centre_required")
    group = Group.objects.create(
        name=name,
        kind=Group.Kind.WORKING_GROUP,
        level=Group.Level.LOCAL,
        family_centre=family_centre,
        parent=process.group,
        created_by=actor,
    )
    Membership.objects.create(group=group, user=actor, role=Membership.Role.COORDINATOR, created_by=actor)
    actor.__dict__.pop("_ilmio_roles_cache", None)
    log_event(
        process,
        actor,
        _("Local sub-team added: %(name)s (%(centre)s)") % {"name": name, "centre": family_centre.name},
    )
    audit_record(
        actor=actor,
        action="codevelopment.subteam_add",
        obj=group,
        after={"name": name, "family_centre": family_centre.pk, "parent": process.group_id},
    )
    return group
