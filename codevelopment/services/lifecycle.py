"""The life cycle of a co-development process: its stages, the proposal to the deciding steering group and
what the group decides on it, the follow-up of what was implemented, and closing.

Stages: understanding → designing → proposal → implementation → follow-up → closed. The manual steps go
through process_advance; sending a proposal, the steering group's decision, the first recorded follow-up point
and closing move the stage themselves. Every change writes a StageChange row, a log line and an audit event."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.dates import display_date
from core.errors import ConflictError, DomainError
from core.services import notification_send
from familycentres.models import Group, Membership
from phenomena import services as phenomena_services
from phenomena.models import Decision, Initiative

from ..charts import format_number
from ..models import DevelopmentProcess, FollowUpMetric, FollowUpPoint, Proposal, StageChange
from ..permissions import can_edit_process, can_manage_follow_up, can_record_point, is_follow_up_owner
from ..selectors.lifecycle import (
    CLOSABLE_STAGES,
    FOLLOW_UP_STAGES,
    PROPOSAL_DRAFT_STAGES,
    current_draft,
    deciding_group,
    manual_target,
    metric_owner_candidates,
    root_causes_ready,
)
from ..signals import follow_up_point_recorded
from .common import clean, locked, locked_for_edit, log_event
from .reach import reach_problem

Stage = DevelopmentProcess.Stage
NOT_APPROVED_KINDS = (Decision.Kind.REJECT, Decision.Kind.INFORMATION)
MAX_VALUE = Decimal("999999999999.99")


def require_root_causes(process: DevelopmentProcess) -> None:
    """Understanding comes before solutions: no designing and no proposal without root causes (or a reason)."""
    if not root_causes_ready(process):
        raise DomainError(
            _(
                "Record the root causes of the phenomenon first (under “Root causes” on the overview), or "
                "write down why the group goes on without them."
            ),
            code="root_causes_missing",
        )


def stage_set(process: DevelopmentProcess, actor, stage: str, *, action: str) -> None:
    before = process.stage
    process.stage = stage
    process.save(update_fields=["stage", "updated_at"])
    StageChange.objects.create(process=process, stage=stage, changed_by=actor)
    log_event(
        process, actor, _("The work moved to the stage: %(stage)s.") % {"stage": process.get_stage_display()}
    )
    audit_record(actor=actor, action=action, obj=process, before={"stage": before}, after={"stage": stage})


@transaction.atomic
def process_advance(*, actor, process: DevelopmentProcess, stage: str) -> DevelopmentProcess:
    """A manual step: understanding → designing (coordinator, facilitator, staff), back to designing when the
    sent proposal was withdrawn, and implementation → follow-up (also the follow-up owner). Any other move is
    a conflict."""
    process = locked(process)
    if not (can_edit_process(actor, process) or is_follow_up_owner(actor, process)):
        raise PermissionDenied
    if manual_target(process) != stage:
        raise ConflictError(
            _("The work cannot move from the stage “%(from)s” to “%(to)s” here.")
            % {"from": process.get_stage_display(), "to": dict(Stage.choices).get(stage, stage)},
            code="illegal_transition",
        )
    if stage == Stage.DESIGNING and not can_edit_process(actor, process):
        raise PermissionDenied
    if process.stage == Stage.UNDERSTANDING:
        require_root_causes(process)
    stage_set(process, actor, stage, action="codevelopment.process_advance")
    return process


@transaction.atomic
def proposal_save(
    *, actor, process: DevelopmentProcess, solutions: str, plan: str, measurement: str
) -> Proposal:
    """Writes the group's proposal, or edits it while it is unsent."""
    process = locked_for_edit(actor, process)
    if process.stage not in PROPOSAL_DRAFT_STAGES:
        raise ConflictError(
            _("A proposal can be written only while the group understands the phenomenon or designs."),
            code="wrong_stage",
        )
    require_root_causes(process)
    solutions, plan, measurement = clean(solutions), clean(plan), clean(measurement)
    if not (solutions and plan and measurement):
        raise DomainError(
            _("Write the solutions, the implementation plan and how the result will be measured."),
            code="proposal_incomplete",
        )
    proposal = current_draft(process)
    values = {"solutions": solutions, "plan": plan, "measurement": measurement}
    if proposal is None:
        proposal = Proposal.objects.create(process=process, created_by=actor, **values)
        log_event(process, actor, _("A proposal to the steering group was drafted."))
        audit_record(actor=actor, action="codevelopment.proposal_create", obj=proposal, after=values)
    else:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        before = {k: getattr(proposal, k) for k in values}
        for key, value in values.items():
            setattr(proposal, key, value)
        proposal.save(update_fields=[*values, "updated_at"])
        log_event(process, actor, _("The proposal to the steering group was edited."))
        audit_record(
            actor=actor, action="codevelopment.proposal_update", obj=proposal, before=before, after=values
        )
    return proposal


def reach_lines(process: DevelopmentProcess) -> str:
    """Whom the group's dialogues and surveys reached, one paragraph each, for the steering group."""
    records = [*process.dialogues.all(), *process.surveys.exclude(status="draft")]
    return "\n".join(
        _(
            "%(title)s: %(target)s; %(channel)s; %(environment)s. Vulnerable children, young people and "
            "families reached: %(reached)s. %(how)s"
        )
        % {
            "title": str(r)[:200],
            "target": r.target_group,
            "channel": r.get_channel_display(),
            "environment": r.environment,
            "reached": r.get_vulnerable_reached_display(),
            "how": r.vulnerable_how,
        }
        for r in records
        if r.reach_recorded
    )


def rationale(proposal: Proposal) -> str:
    parts = [
        _("Proposal of the developer group %(group)s.") % {"group": proposal.process.group.name},
        _("Solutions:") + "\n" + proposal.solutions,
        _("Implementation plan:") + "\n" + proposal.plan,
        _("How the result will be measured:") + "\n" + proposal.measurement,
    ]
    reach = reach_lines(proposal.process)
    if reach:
        parts.append(_("Whom the group reached:") + "\n" + reach)
    return "\n\n".join(parts)[:20_000]


@transaction.atomic
def proposal_send(*, actor, process: DevelopmentProcess) -> Proposal:
    """Sends the unsent proposal to the steering group that started the work: an initiative to approve it for
    implementation lands in the group's queue, and the group's chair and secretary are told."""
    process = locked_for_edit(actor, process)
    if process.stage != Stage.DESIGNING:
        raise ConflictError(_("A proposal is sent from the designing stage."), code="wrong_stage")
    proposal = current_draft(process)
    if proposal is None:
        raise DomainError(_("Write the proposal first."), code="no_draft")
    problem = reach_problem(process)
    if problem:
        raise DomainError(problem, code="reach_missing")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    group = process.decision.group
    initiative = phenomena_services.initiative_create_for_implementation(
        actor=actor, phenomenon=process.phenomenon, group=group, rationale=rationale(proposal)
    )
    proposal.initiative = initiative
    proposal.sent_at = timezone.now()
    proposal.save(update_fields=["initiative", "sent_at", "updated_at"])
    log_event(process, actor, _("The proposal was sent to %(group)s.") % {"group": group.name})
    audit_record(
        actor=actor,
        action="codevelopment.proposal_send",
        obj=proposal,
        after={"initiative": initiative.pk, "group": group.pk},
    )
    stage_set(process, actor, Stage.PROPOSAL, action="codevelopment.stage_proposal")
    notification_send(
        actor=actor,
        recipients=[
            m.user
            for m in Membership.objects.current()
            .filter(group=group, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY])
            .select_related("user")
        ],
        verb="codevelopment.proposal",
        text=_("%(group)s sent a proposal on “%(title)s” for your decision.")
        % {"group": process.group.name, "title": process.phenomenon.title},
        url=initiative.get_absolute_url(),
    )
    return proposal


def proposal_decided(*, actor, decision: Decision) -> None:
    """What a steering group's decision on a proposal does, inside the decision's transaction: approving a
    proposal starts the implementation; rejecting it (or noting it) sends the group back to designing, where
    it can write and send a new proposal."""
    if decision.initiative.proposal != Initiative.Proposal.IMPLEMENTATION:
        return
    proposal = Proposal.objects.select_related("process").filter(initiative_id=decision.initiative_id).first()
    if proposal is None:
        return
    process = locked(proposal.process)
    if process.stage != Stage.PROPOSAL:
        raise ConflictError(_("The developer group is not waiting for a decision."), code="wrong_stage")
    url = process.get_absolute_url()
    members = [
        m.user for m in Membership.objects.current().filter(group=process.group).select_related("user")
    ]
    if decision.kind == Decision.Kind.APPROVE_IMPLEMENTATION:
        process.follow_up_owner = decision.follow_up_owner
        process.save(update_fields=["follow_up_owner", "updated_at"])
        log_event(
            process,
            actor,
            _("%(group)s approved the proposal for implementation (decision %(label)s).")
            % {"group": decision.group.name, "label": decision.label},
        )
        stage_set(process, actor, Stage.IMPLEMENTATION, action="codevelopment.stage_implementation")
        notification_send(
            actor=actor,
            recipients=[*members, decision.follow_up_owner],
            verb="codevelopment.approved",
            text=lambda: (
                _("The proposal of %(group)s was approved for implementation.")
                % {"group": process.group.name}
            ),
            url=url,
            key=f"codevelopment.approved:{decision.pk}",
        )
        return
    log_event(
        process,
        actor,
        _("%(group)s did not approve the proposal: %(decision)s (decision %(label)s).")
        % {"group": decision.group.name, "decision": decision.get_kind_display(), "label": decision.label},
    )
    stage_set(process, actor, Stage.DESIGNING, action="codevelopment.stage_back_to_designing")
    notification_send(
        actor=actor,
        recipients=members,
        verb="codevelopment.not_approved",
        # Rendered in each member's language (the decision's kind too).
        text=lambda: (
            _("The proposal of %(group)s was not approved: %(decision)s.")
            % {"group": process.group.name, "decision": str(decision.get_kind_display())}
        ),
        url=url,
        key=f"codevelopment.not_approved:{decision.pk}",
    )


# Follow-up -----------------------------------------------------------------------------------------------


def locked_for_follow_up(actor, process: DevelopmentProcess) -> DevelopmentProcess:
    process = locked(process)
    if not can_manage_follow_up(actor, process):
        raise PermissionDenied
    if process.stage == Stage.CLOSED:
        raise ConflictError(_("The co-development process has been closed."), code="closed")
    if process.stage not in FOLLOW_UP_STAGES:
        raise ConflictError(
            _("Follow-up is planned once the proposal has been approved for implementation."),
            code="wrong_stage",
        )
    return process


def number_or_error(value, code: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError, TypeError):
        raise DomainError(_("Give a number."), code=code) from None
    if not number.is_finite() or abs(number) > MAX_VALUE:
        raise DomainError(_("Give a number."), code=code)
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def metric_add(
    *,
    actor,
    process: DevelopmentProcess,
    name: str,
    unit: str,
    baseline,
    target,
    method: str,
    owner=None,
) -> FollowUpMetric:
    process = locked_for_follow_up(actor, process)
    name, unit, method = clean(name, 200), clean(unit, 50), clean(method)
    if not name:
        raise DomainError(_("Name the metric."), code="name_required")
    if not unit:
        raise DomainError(_("Give the unit."), code="unit_required")
    if not method:
        raise DomainError(_("Say how it is measured."), code="method_required")
    baseline, target = number_or_error(baseline, "baseline"), number_or_error(target, "target")
    if owner is None:
        owner = process.follow_up_owner
    if owner is None:
        raise DomainError(_("Name who follows the metric."), code="owner_required")
    if not metric_owner_candidates(process).filter(pk=owner.pk).exists():
        raise DomainError(
            _("The metric's owner must be an active member of the developer or the deciding group."),
            code="owner_invalid",
        )
    metric = FollowUpMetric.objects.create(
        process=process,
        name=name,
        unit=unit,
        baseline=baseline,
        target=target,
        method=method,
        owner=owner,
        created_by=actor,
    )
    log_event(process, actor, _("Follow-up metric added: %(name)s") % {"name": name})
    audit_record(
        actor=actor,
        action="codevelopment.metric_add",
        obj=metric,
        after={"name": name, "baseline": str(baseline), "target": str(target), "owner": owner.pk},
    )
    return metric


@transaction.atomic
def point_schedule(*, actor, metric: FollowUpMetric, due_on: datetime.date) -> FollowUpPoint:
    process = locked_for_follow_up(actor, metric.process)
    metric = FollowUpMetric.objects.select_for_update().get(pk=metric.pk, process=process)
    if not isinstance(due_on, datetime.date):
        raise DomainError(_("Give the follow-up date."), code="due_on_required")
    if metric.points.filter(due_on=due_on).exists():
        raise ConflictError(
            _("The metric already has a follow-up point on this date."), code="duplicate_date"
        )
    point = FollowUpPoint.objects.create(metric=metric, due_on=due_on, created_by=actor)
    log_event(
        process,
        actor,
        _("Follow-up of %(name)s scheduled for %(date)s.")
        % {"name": metric.name, "date": display_date(due_on)},
    )
    audit_record(
        actor=actor, action="codevelopment.point_schedule", obj=point, after={"due_on": due_on.isoformat()}
    )
    return point


@transaction.atomic
def point_record(
    *,
    actor,
    point: FollowUpPoint,
    value,
    evaluation_families: str = "",
    evaluation_professionals: str = "",
    more_development_needed: bool,
) -> FollowUpPoint:
    """Records what was measured at a follow-up point and how families and professionals see it. When more
    development is needed, a new draft phenomenon continues from this process. The first recorded point
    moves the work from implementation to follow-up. Also possible after closing, by the follow-up owner."""
    point = FollowUpPoint.objects.select_related("metric").get(pk=point.pk)
    process = locked(point.metric.process)
    point = FollowUpPoint.objects.select_for_update().select_related("metric").get(pk=point.pk)
    if not can_record_point(actor, point, process):
        raise PermissionDenied
    if process.stage not in (*FOLLOW_UP_STAGES, Stage.CLOSED):
        raise ConflictError(
            _("Follow-up is recorded once the proposal has been approved for implementation."),
            code="wrong_stage",
        )
    if point.recorded_at is not None:
        raise ConflictError(_("This follow-up point has already been recorded."), code="already_recorded")
    if value is None or value == "":
        raise DomainError(_("Give the measured value."), code="value_required")
    value = number_or_error(value, "value")
    if not isinstance(more_development_needed, bool):
        raise DomainError(_("Say whether more development is needed."), code="more_development_required")
    point.value = value
    point.evaluation_families = clean(evaluation_families)
    point.evaluation_professionals = clean(evaluation_professionals)
    point.more_development_needed = more_development_needed
    point.recorded_at = timezone.now()
    point.recorded_by = actor
    if more_development_needed:
        description = "\n\n".join(
            text
            for text in (
                _("The follow-up of %(name)s on %(date)s found that more development is needed.")
                % {"name": point.metric.name, "date": display_date(point.due_on)},
                point.evaluation_families
                and _("From families' point of view:") + "\n" + point.evaluation_families,
                point.evaluation_professionals
                and _("From professionals' point of view:") + "\n" + point.evaluation_professionals,
            )
            if text
        )
        point.new_phenomenon = phenomena_services.phenomenon_create_follow_up(
            actor=actor,
            source=process.phenomenon,
            title=(_("Follow-up: %(title)s") % {"title": process.phenomenon.title})[:200],
            description=description,
        )
    point.save()
    log_event(
        process,
        actor,
        _("Follow-up of %(name)s recorded: %(value)s %(unit)s.")
        % {"name": point.metric.name, "value": value, "unit": point.metric.unit},
    )
    audit_record(
        actor=actor,
        action="codevelopment.point_record",
        obj=point,
        after={
            "value": str(value),
            "more_development_needed": more_development_needed,
            "new_phenomenon": point.new_phenomenon_id,
        },
    )
    if process.stage == Stage.IMPLEMENTATION:
        stage_set(process, actor, Stage.FOLLOW_UP, action="codevelopment.stage_follow_up")
    values = {
        "group": process.group.name,
        "title": process.phenomenon.title,
        "name": point.metric.name,
        "value": value,
        "unit": point.metric.unit,
    }
    phenomena_services.tell_raising_teams(
        actor=actor,
        initiative=process.decision.initiative,
        event="codevelopment.follow_up",
        text=lambda: (
            (
                _(
                    "Follow-up result of “%(title)s” recorded: %(name)s %(value)s %(unit)s. More development needed."
                )
                if more_development_needed
                else _("Follow-up result of “%(title)s” recorded: %(name)s %(value)s %(unit)s.")
            )
            % {**values, "value": format_number(value)}
        ),
        key=f"codevelopment.follow_up:{point.pk}",
    )
    point_recorded_notify(actor=actor, point=point, process=process)
    # The raising local team is told above (tell_raising_teams); other apps hear of the point here.
    follow_up_point_recorded.send(sender=FollowUpPoint, point=point, process=process, actor=actor)
    return point


def point_recorded_notify(*, actor, point: FollowUpPoint, process: DevelopmentProcess) -> None:
    """Tells the deciding group's chair, secretary and coordinator and the follow-up owner that a result was
    recorded, once per point, with a link to it. The text names the metric and the value, never families."""
    group = deciding_group(process)
    recipients = [
        m.user
        for m in Membership.objects.current()
        .filter(
            group=group,
            role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY, Membership.Role.COORDINATOR],
        )
        .select_related("user")
    ]
    if process.follow_up_owner is not None:
        recipients.append(process.follow_up_owner)
    metric = point.metric
    value, target = point.value, metric.target
    notification_send(
        actor=actor,
        recipients=recipients,
        verb="codevelopment.followup_recorded",
        text=lambda: (
            _("%(group)s recorded a follow-up result: %(metric)s %(value)s %(unit)s (target %(target)s).")
            % {
                "group": process.group.name,
                "metric": metric.name,
                "value": format_number(value),
                "unit": metric.unit,
                "target": format_number(target),
            }
        ),
        url=reverse("codevelopment:follow_up", args=[process.pk]) + f"#point-{point.pk}",
        key=f"codevelopment.followup_recorded:{point.pk}",
    )


# Closing -------------------------------------------------------------------------------------------------


def _temporary_group_end(actor, process: DevelopmentProcess) -> None:
    """A temporary developer group (a working group formed around the phenomenon) becomes inactive when its
    process closes, unless it still carries another open process. An existing group that took the work on
    (a steering group, a team) stays as it was."""
    group = Group.objects.select_for_update().get(pk=process.group_id)
    if group.kind != Group.Kind.WORKING_GROUP or not group.is_active:
        return
    if group.development_processes.exclude(pk=process.pk).exclude(stage=Stage.CLOSED).exists():
        return
    # Its local sub-teams (of a learning network) were formed for the same work and end with it.
    subteams = list(
        Group.objects.select_for_update().filter(parent=group, kind=Group.Kind.WORKING_GROUP, is_active=True)
    )
    for g in [group, *subteams]:
        g.is_active = False
        g.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action="group.deactivate",
            obj=g,
            before={"is_active": True},
            after={"is_active": False, "reason": "codevelopment.process_close", "process": process.pk},
        )


@transaction.atomic
def process_close(*, actor, process: DevelopmentProcess, follow_up_owner, summary: str) -> DevelopmentProcess:
    """Closes the work: who owns the follow-up from here on, and a closing summary. Everything stays readable;
    only the follow-up owners can still record follow-up points."""
    process = locked(process)
    if not can_edit_process(actor, process):
        raise PermissionDenied
    if process.stage == Stage.CLOSED:
        raise ConflictError(_("The co-development process has been closed."), code="closed")
    if process.stage not in CLOSABLE_STAGES:
        raise ConflictError(
            _("The work cannot be closed while the steering group is deciding on its proposal."),
            code="wrong_stage",
        )
    if follow_up_owner is None:
        raise DomainError(_("Name who owns the follow-up."), code="follow_up_owner_required")
    if not metric_owner_candidates(process).filter(pk=follow_up_owner.pk).exists():
        raise DomainError(
            _("The follow-up owner must be an active member of the developer or the deciding group."),
            code="follow_up_owner_invalid",
        )
    summary = clean(summary)
    if not summary:
        raise DomainError(_("Write a closing summary."), code="summary_required")
    before = {"follow_up_owner": process.follow_up_owner_id}
    process.follow_up_owner = follow_up_owner
    process.closing_summary = summary
    process.closed_at = timezone.now()
    process.save(update_fields=["follow_up_owner", "closing_summary", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="codevelopment.process_close",
        obj=process,
        before=before,
        after={"follow_up_owner": follow_up_owner.pk, "summary": summary},
    )
    stage_set(process, actor, Stage.CLOSED, action="codevelopment.stage_closed")
    _temporary_group_end(actor, process)
    notification_send(
        actor=actor,
        recipients=[follow_up_owner],
        verb="codevelopment.closed",
        text=lambda: _("%(group)s closed its work; you own the follow-up.") % {"group": process.group.name},
        url=reverse("codevelopment:follow_up", args=[process.pk]),
        key=f"codevelopment.closed:{process.pk}",
    )
    return process
