"""Reads for co-development: the list of processes and one workspace with everything on it. Every read starts
from DevelopmentProcess.objects.visible_to, so what a user may not see is a 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from familycentres.models import Group, Membership
from observations.models import Observation
from phenomena.models import Phenomenon, Responsibility

from ..models import DevelopmentProcess

RECENT_OBSERVATIONS = 10


def process_list(*, user) -> QuerySet[DevelopmentProcess]:
    return (
        DevelopmentProcess.objects.visible_to(user)
        .select_related("phenomenon", "group")
        .annotate(
            member_count=Count(
                "group__memberships", filter=Q(group__memberships__ended_on__isnull=True), distinct=True
            )
        )
        .order_by("-created_at", "-id")
    )


def process_detail(user, pk: int) -> DevelopmentProcess:
    return (
        DevelopmentProcess.objects.visible_to(user)
        .select_related("phenomenon", "group", "decision__group", "follow_up_owner")
        .get(pk=pk)
    )


def workspace_data(user, process: DevelopmentProcess) -> dict:
    phenomenon_visible = Phenomenon.objects.visible_to(user).filter(pk=process.phenomenon_id).exists()
    observations: list[Observation] = []
    observation_count = 0
    if phenomenon_visible:
        # SECURITY: only the observations the user may read themselves, even beside the work.
        visible = Observation.objects.visible_to(user).filter(
            phenomenon_links__phenomenon=process.phenomenon_id
        )
        observation_count = visible.count()
        observations = list(visible.order_by("-observed_on", "-id")[:RECENT_OBSERVATIONS])
    return {
        "phenomenon_visible": phenomenon_visible,
        "observation_count": observation_count,
        "observations": observations,
        "milestones": list(process.milestones.select_related("owner")),
        "hypotheses": list(process.hypotheses.all()),
        "root_causes": list(process.root_causes.all()),
        "memberships": list(
            Membership.objects.current()
            .filter(group=process.group)
            .select_related("user")
            .order_by("role", "user__full_name")
        ),
        "log": list(process.log_entries.select_related("created_by")[:50]),
        # Who the starting decision named for progress, coordination, facilitation and as the work pair.
        "responsibilities": list(
            Responsibility.objects.filter(decision_id=process.decision_id).select_related("user")
        ),
    }


def subteam_list(user, process: DevelopmentProcess) -> list[Group]:
    """The local sub-teams of a learning network the user may see, with their member counts."""
    return list(
        Group.objects.visible_to(user)
        .filter(parent=process.group, kind=Group.Kind.WORKING_GROUP)
        .select_related("family_centre")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True)
        )
        .order_by("name", "id")
    )
