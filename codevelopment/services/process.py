"""Writes for a co-development process itself: opening the developer group's workspace from a decision, its
core question and working method, roadmap, hypotheses, root causes and members. Each is atomic, checks its
permission again (views may not be the only caller), writes an audit event and a line in the running log."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import clear_role_cache
from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from familycentres.models import Group, Membership
from phenomena.models import Decision, Responsibility
from phenomena.services import tell_raising_teams

from ..models import DevelopmentProcess, Hypothesis, Milestone, RootCause, StageChange
from ..permissions import can_open_process
from .common import MEMBER_ROLES, clean, locked_for_edit, log_event

# The developer group's role for each responsibility a decision names (the work pair co-ordinates).
ROLE_BY_RESPONSIBILITY = {
    Responsibility.Role.PROGRESS: Membership.Role.PROGRESS_OWNER,
    Responsibility.Role.COORDINATION: Membership.Role.COORDINATOR,
    Responsibility.Role.FACILITATION: Membership.Role.FACILITATOR,
    Responsibility.Role.WORK_PAIR: Membership.Role.COORDINATOR,
}

LEVEL_BY_SCOPE = {
    Decision.Scope.LOCAL: Group.Level.LOCAL,
    Decision.Scope.REGION: Group.Level.REGIONAL,
    Decision.Scope.FUNCTIONAL_AREA: Group.Level.REGIONAL,
    Decision.Scope.COUNTY: Group.Level.COUNTY,
}


@transaction.atomic
def process_open_from_decision(
    *, actor, decision: Decision, group: Group | None = None, name: str = ""
) -> DevelopmentProcess:
    """Opens the developer group's workspace once per decision to start co-development. Without an existing
    group a new working group is created with the actor as its coordinator."""
    decision = (
        Decision.objects.select_for_update()
        .select_related("initiative__phenomenon", "group")
        .get(pk=decision.pk)
    )
    if not can_open_process(actor, decision):
        raise PermissionDenied
    if decision.kind != Decision.Kind.START_CODEVELOPMENT:
        raise DomainError(
            _("Only a decision to start co-development opens a developer group."), code="wrong_kind"
        )
    if DevelopmentProcess.objects.filter(decision=decision).exists():
        raise ConflictError(
            _("A developer group has already been started for this decision."), code="already_open"
        )
    phenomenon = decision.initiative.phenomenon
    if group is None:
        name = clean(name, 200) or _("Developer group: %(title)s") % {"title": phenomenon.title}
        name = name[:200]
        level = LEVEL_BY_SCOPE.get(decision.scope, Group.Level.LOCAL)
        group = Group.objects.create(
            name=name,
            kind=Group.Kind.WORKING_GROUP,
            level=level,
            family_centre=phenomenon.family_centre if level == Group.Level.LOCAL else None,
            area=phenomenon.area,
            parent=decision.group,
            created_by=actor,
        )
        created_group = True
    else:
        # SECURITY: an existing group the actor cannot see (a limited account's) cannot be chosen.
        if not Group.objects.visible_to(actor).filter(pk=group.pk, is_active=True).exists():
            raise DomainError(_("The chosen group was not found."), code="unknown_group")
        created_group = False
    # The people the decision named get the matching roles. When nobody was named to coordinate, the one who
    # opens the work coordinates it, also when an existing group takes it on.
    # The actor's own object when named: its role cache is the one cleared below.
    wanted = [
        (actor if r.user_id == actor.pk else r.user, ROLE_BY_RESPONSIBILITY[r.role])
        for r in decision.responsibilities.select_related("user").filter(user__is_active=True)
    ]
    if not any(role == Membership.Role.COORDINATOR for _user, role in wanted):
        wanted.insert(0, (actor, Membership.Role.COORDINATOR))
    given = []
    for user, role in wanted:
        if not Membership.objects.current().filter(group=group, user=user, role=role).exists():
            Membership.objects.create(group=group, user=user, role=role, created_by=actor)
            clear_role_cache(user)
            given.append((user, role))
    process = DevelopmentProcess.objects.create(
        phenomenon=phenomenon,
        decision=decision,
        group=group,
        scope=decision.scope,
        is_learning_network=decision.scope != Decision.Scope.LOCAL,
        created_by=actor,
    )
    StageChange.objects.create(process=process, stage=process.stage, changed_by=actor)
    log_event(
        process,
        actor,
        _("The developer group started its work (decision %(label)s).") % {"label": decision.label},
    )
    audit_record(
        actor=actor,
        action="codevelopment.process_open",
        obj=process,
        after={
            "decision": decision.pk,
            "group": group.pk,
            "new_group": created_group,
            "roles": [[user.pk, role] for user, role in given],
        },
    )
    group_name, title = group.name, phenomenon.title
    tell_raising_teams(
        actor=actor,
        initiative=decision.initiative,
        event="codevelopment.started",
        text=lambda: (
            _("The developer group %(group)s started its work on “%(title)s”.")
            % {"group": group_name, "title": title}
        ),
        key=f"codevelopment.started:{process.pk}",
    )
    for user, role in given:
        notification_send(
            actor=actor,
            recipients=[user],
            verb="codevelopment.role",
            text=lambda role=role: (
                _("You are %(role)s in the developer group %(group)s.")
                % {"role": Membership.Role(role).label, "group": group.name}
            ),
            url=process.get_absolute_url(),
            key=f"codevelopment.role:{process.pk}:{role}",
        )
    return process


@transaction.atomic
def process_update(
    *, actor, process: DevelopmentProcess, core_question: str, working_method: str
) -> DevelopmentProcess:
    process = locked_for_edit(actor, process)
    before = {"core_question": process.core_question, "working_method": process.working_method}
    process.core_question = clean(core_question)
    process.working_method = clean(working_method)
    process.save(update_fields=["core_question", "working_method", "updated_at"])
    log_event(process, actor, _("The core question and working method were updated."))
    audit_record(
        actor=actor,
        action="codevelopment.process_update",
        obj=process,
        before=before,
        after={"core_question": process.core_question, "working_method": process.working_method},
    )
    return process


@transaction.atomic
def milestone_add(
    *, actor, process: DevelopmentProcess, title: str, due_on: datetime.date | None = None, owner=None
) -> Milestone:
    process = locked_for_edit(actor, process)
    title = clean(title, 200)
    if not title:
        raise DomainError(_("Give the milestone a title."), code="title_required")
    milestone = Milestone.objects.create(
        process=process, title=title, due_on=due_on, owner=owner, created_by=actor
    )
    log_event(process, actor, _("Milestone added: %(title)s") % {"title": title})
    audit_record(actor=actor, action="codevelopment.milestone_add", obj=milestone, after={"title": title})
    return milestone


@transaction.atomic
def milestone_complete(*, actor, milestone: Milestone) -> Milestone:
    process = locked_for_edit(actor, milestone.process)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk, process=process)
    if milestone.done_at is not None:
        raise ConflictError(_("The milestone is already done."), code="already_done")
    milestone.done_at = timezone.now()
    milestone.save(update_fields=["done_at", "updated_at"])
    log_event(process, actor, _("Milestone done: %(title)s") % {"title": milestone.title})
    audit_record(actor=actor, action="codevelopment.milestone_complete", obj=milestone)
    return milestone


@transaction.atomic
def hypothesis_add(
    *, actor, process: DevelopmentProcess, statement: str, for_text: str = "", against_text: str = ""
) -> Hypothesis:
    process = locked_for_edit(actor, process)
    statement = clean(statement)
    if not statement:
        raise DomainError(_("Write the hypothesis."), code="statement_required")
    hypothesis = Hypothesis.objects.create(
        process=process,
        statement=statement,
        for_text=clean(for_text),
        against_text=clean(against_text),
        created_by=actor,
    )
    log_event(process, actor, _("Hypothesis added: %(text)s") % {"text": statement[:200]})
    audit_record(actor=actor, action="codevelopment.hypothesis_add", obj=hypothesis)
    return hypothesis


@transaction.atomic
def hypothesis_set_status(*, actor, hypothesis: Hypothesis, status: str) -> Hypothesis:
    process = locked_for_edit(actor, hypothesis.process)
    hypothesis = Hypothesis.objects.select_for_update().get(pk=hypothesis.pk, process=process)
    if status not in Hypothesis.Status.values:
        raise DomainError(_("Choose a valid status."), code="invalid_status")
    if hypothesis.status == status:
        raise ConflictError(_("The hypothesis already has this status."), code="same_status")
    before = hypothesis.status
    hypothesis.status = status
    hypothesis.save(update_fields=["status", "updated_at"])
    log_event(
        process,
        actor,
        _("Hypothesis marked %(status)s: %(text)s")
        % {"status": hypothesis.get_status_display(), "text": hypothesis.statement[:200]},
    )
    audit_record(
        actor=actor,
        action="codevelopment.hypothesis_set_status",
        obj=hypothesis,
        before={"status": before},
        after={"status": status},
    )
    return hypothesis


@transaction.atomic
def root_cause_add(*, actor, process: DevelopmentProcess, text: str) -> RootCause:
    process = locked_for_edit(actor, process)
    text = clean(text)
    if not text:
        raise DomainError(_("Write the root cause."), code="text_required")
    cause = RootCause.objects.create(process=process, text=text, created_by=actor)
    log_event(process, actor, _("Root cause added: %(text)s") % {"text": text[:200]})
    audit_record(actor=actor, action="codevelopment.root_cause_add", obj=cause)
    return cause


@transaction.atomic
def root_causes_skip(*, actor, process: DevelopmentProcess, reason: str) -> DevelopmentProcess:
    """Writes down why the group goes on to designing without recorded root causes (an empty reason clears
    it). Root causes first is the rule; this is the recorded exception."""
    process = locked_for_edit(actor, process)
    reason = clean(reason)
    if not reason:
        raise DomainError(
            _("Write why the group goes on without recorded root causes."), code="reason_required"
        )
    before = {"no_root_causes_reason": process.no_root_causes_reason}
    process.no_root_causes_reason = reason
    process.save(update_fields=["no_root_causes_reason", "updated_at"])
    log_event(process, actor, _("Why there are no root causes: %(text)s") % {"text": reason[:200]})
    audit_record(
        actor=actor,
        action="codevelopment.root_causes_skip",
        obj=process,
        before=before,
        after={"no_root_causes_reason": reason},
    )
    return process


@transaction.atomic
def member_add(*, actor, process: DevelopmentProcess, user, role: str, background: str = "") -> Membership:
    process = locked_for_edit(actor, process)
    if role not in MEMBER_ROLES:
        raise DomainError(_("Choose a valid role."), code="invalid_role")
    if background and background not in Membership.Background.values:
        raise DomainError(_("Choose what the person takes part as."), code="invalid_background")
    if not user.is_active:
        raise DomainError(_("No active person has that email address."), code="unknown_user")
    if Membership.objects.current().filter(group=process.group, user=user, role=role).exists():
        raise ConflictError(_("The person already has this role in the group."), code="already_member")
    membership = Membership.objects.create(
        group=process.group, user=user, role=role, background=background, created_by=actor
    )
    log_event(
        process,
        actor,
        _("%(person)s joined as %(role)s.")
        % {"person": user.full_name or user.email, "role": membership.get_role_display()},
    )
    audit_record(
        actor=actor,
        action="codevelopment.member_add",
        obj=membership,
        after={"user": user.pk, "role": role, "background": background},
    )
    return membership
