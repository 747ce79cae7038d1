"""Writes for the local sub-teams of a learning network."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import clear_role_cache
from core.audit import audit_record
from core.errors import ConflictError, DomainError
from familycentres.models import FamilyCentre, Group, Membership

from ..models import DevelopmentProcess, FollowUpMetric, SubteamEvaluation
from ..permissions import can_add_subteam_evaluation, can_coordinate_process, subteams_of
from .common import clean, ensure_open, log_event, refuse_personal_data
from .lifecycle import number_or_error


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
    clear_role_cache(actor)
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


@transaction.atomic
def subteam_evaluation_add(
    *,
    actor,
    process: DevelopmentProcess,
    text: str,
    subteam: Group | None = None,
    organisation: str = "",
    value=None,
    metric: FollowUpMetric | None = None,
) -> SubteamEvaluation:
    """A sub-team's or an organisation's own evaluation of what a learning network implemented, recorded by a
    member of the developer group or of one of its sub-teams while the implementation is followed up."""
    process = DevelopmentProcess.objects.select_for_update().select_related("group").get(pk=process.pk)
    if not can_add_subteam_evaluation(actor, process):
        raise PermissionDenied
    ensure_open(process)
    if not process.is_learning_network:
        raise DomainError(_("Only a learning network has local sub-teams."), code="not_learning_network")
    if process.stage not in (DevelopmentProcess.Stage.IMPLEMENTATION, DevelopmentProcess.Stage.FOLLOW_UP):
        raise ConflictError(
            _("Sub-teams evaluate once the proposal has been approved for implementation."),
            code="wrong_stage",
        )
    organisation, text = clean(organisation, 200), clean(text)
    if subteam is not None and not subteams_of(process).filter(pk=subteam.pk).exists():
        raise DomainError(_("Choose one of the network's sub-teams."), code="unknown_subteam")
    if subteam is None and not organisation:
        raise DomainError(
            _("Choose the sub-team or write the name of the organisation."), code="who_required"
        )
    if not text:
        raise DomainError(_("Write the evaluation."), code="text_required")
    refuse_personal_data(text, "text_personal_data")
    value = number_or_error(value, "value") if value not in (None, "") else None
    if metric is not None and metric.process_id != process.pk:
        raise DomainError(_("Choose one of the process's metrics."), code="unknown_metric")
    evaluation = SubteamEvaluation.objects.create(
        process=process,
        subteam=subteam,
        organisation="" if subteam is not None else organisation,
        text=text,
        value=value,
        metric=metric,
        created_by=actor,
    )
    log_event(process, actor, _("Sub-team evaluation added: %(who)s") % {"who": evaluation.who})
    audit_record(
        actor=actor,
        action="codevelopment.subteam_evaluation_add",
        obj=evaluation,
        after={
            "subteam": subteam.pk if subteam else None,
            "organisation": evaluation.organisation,
            "value": str(value) if value is not None else None,
            "metric": metric.pk if metric else None,
        },
    )
    return evaluation
