"""Reads for the life cycle of a process: which stage a person may move it to, the proposals with their
state, the follow-up metrics with their points, and who may own a metric or the follow-up. The stage rules
that both the pages and the services read are here too."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from familycentres.models import Membership
from phenomena.models import Decision, Initiative

from ..models import DevelopmentProcess, FollowUpMetric, FollowUpPoint, Proposal, SubteamEvaluation
from ..permissions import can_edit_process, is_follow_up_owner

Stage = DevelopmentProcess.Stage

# The steps people take by hand; the others follow from a proposal, a decision, a follow-up or closing.
MANUAL_STEPS = {
    Stage.UNDERSTANDING: Stage.DESIGNING,
    Stage.IMPLEMENTATION: Stage.FOLLOW_UP,
}
# A proposal is written while the group understands and designs; it is sent from the designing stage.
PROPOSAL_DRAFT_STAGES = (Stage.UNDERSTANDING, Stage.DESIGNING)
FOLLOW_UP_STAGES = (Stage.IMPLEMENTATION, Stage.FOLLOW_UP)
CLOSABLE_STAGES = (Stage.UNDERSTANDING, Stage.DESIGNING, Stage.IMPLEMENTATION, Stage.FOLLOW_UP)


def proposal_withdrawn(process: DevelopmentProcess) -> bool:
    """The sent proposal's initiative was withdrawn, so no decision will come: the group goes back to designing."""
    latest = process.proposals.filter(sent_at__isnull=False).select_related("initiative").first()
    return bool(latest and latest.initiative and latest.initiative.status == Initiative.Status.WITHDRAWN)


def manual_target(process: DevelopmentProcess) -> str | None:
    """The stage the process can be moved to by hand now, whoever asks."""
    if process.stage == Stage.PROPOSAL:
        return Stage.DESIGNING if proposal_withdrawn(process) else None
    return MANUAL_STEPS.get(process.stage)


def next_manual_stage(user, process: DevelopmentProcess) -> str | None:
    """The stage the user may move the process to by hand now, if any (for the button on the overview)."""
    target = manual_target(process)
    if target is None:
        return None
    if can_edit_process(user, process):
        return target
    if target == Stage.FOLLOW_UP and is_follow_up_owner(user, process):
        return target
    return None


def root_causes_ready(process: DevelopmentProcess) -> bool:
    """Root causes first: the group has recorded root causes, or written down why it goes on without them."""
    return bool(process.no_root_causes_reason) or process.root_causes.exists()


def current_draft(process: DevelopmentProcess) -> Proposal | None:
    return process.proposals.filter(sent_at__isnull=True).order_by("-created_at", "-id").first()


def metric_owner_candidates(process: DevelopmentProcess):
    """Current members of the developer group and of the deciding group, and the follow-up owner."""
    member_ids = Membership.objects.current().filter(
        group_id__in=[process.group_id, process.decision.group_id]
    )
    ids = set(member_ids.values_list("user_id", flat=True))
    if process.follow_up_owner_id:
        ids.add(process.follow_up_owner_id)
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def proposal_rows(process: DevelopmentProcess) -> list[Proposal]:
    """The process's proposals, newest first, each with its `decision` and its `state` for the page."""
    proposals = list(
        process.proposals.select_related("initiative").prefetch_related("initiative__decisions__group")
    )
    for proposal in proposals:
        decisions = list(proposal.initiative.decisions.all()) if proposal.initiative else []
        proposal.decision = decisions[0] if decisions else None
        if proposal.initiative is None:
            proposal.state = "draft"
            proposal.state_label = _("draft")
        elif proposal.decision is not None:
            proposal.state = "decided"
            proposal.state_label = _("decided")
        elif proposal.initiative.status == proposal.initiative.Status.ON_AGENDA:
            proposal.state = "on_agenda"
            proposal.state_label = _("on the agenda")
        elif proposal.initiative.status == proposal.initiative.Status.WITHDRAWN:
            proposal.state = "withdrawn"
            proposal.state_label = _("withdrawn")
        else:
            proposal.state = "sent"
            proposal.state_label = _("sent")
    return proposals


def follow_up_metrics(process: DevelopmentProcess) -> list[FollowUpMetric]:
    return list(
        process.metrics.select_related("owner").prefetch_related(
            Prefetch("points", queryset=FollowUpPoint.objects.select_related("new_phenomenon", "recorded_by"))
        )
    )


def subteam_evaluations(process: DevelopmentProcess) -> list[SubteamEvaluation]:
    """The sub-teams' own evaluations of a learning network's implementation, in the order recorded."""
    return list(process.subteam_evaluations.select_related("subteam", "metric", "created_by"))


def deciding_group(process: DevelopmentProcess):
    """The steering group that approved the implementation (the one that started the work when no approval
    is found, as for a process brought to follow-up by older data)."""
    decision = (
        Decision.objects.filter(
            initiative__codevelopment_proposal__process=process, kind=Decision.Kind.APPROVE_IMPLEMENTATION
        )
        .select_related("group")
        .order_by("-pk")
        .first()
    )
    return decision.group if decision else process.decision.group
