"""Reads for the public "what we are developing now" page of a family centre and its Atom feed. Nothing here
names a person: only groups, phenomena, stages and public updates."""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from familycentres.models import Area, FamilyCentre
from phenomena.models import Decision

from ..models import DevelopmentProcess, FollowUpMetric, FollowUpPoint, ProcessUpdate, StageChange

FEED_ENTRIES = 50
PUBLIC_RESULT_STAGES = (DevelopmentProcess.Stage.FOLLOW_UP, DevelopmentProcess.Stage.CLOSED)


def centre_area_ids(centre: FamilyCentre) -> set[int]:
    """The centre's own areas (its county and the municipalities or local areas it serves) and every area
    above them in the tree: a regional or county-wide process whose area is one of these covers the centre."""
    ids = {centre.wellbeing_county_id}
    # The tree is at most four levels deep (county → region → municipality → local area).
    for area in centre.municipalities.select_related("parent__parent__parent"):
        node: Area | None = area
        steps = 0
        while node is not None and steps < 10:
            ids.add(node.pk)
            node = node.parent if node.parent_id else None
            steps += 1
    return ids


def centre_processes(centre: FamilyCentre, area_ids: set[int] | None = None) -> QuerySet[DevelopmentProcess]:
    """Every process whose group or phenomenon belongs to the centre, and the regional and county-wide ones
    whose area contains the centre's area."""
    if area_ids is None:
        area_ids = centre_area_ids(centre)
    wide = ~Q(scope=Decision.Scope.LOCAL) & (Q(group__area__in=area_ids) | Q(phenomenon__area__in=area_ids))
    return DevelopmentProcess.objects.filter(
        Q(group__family_centre=centre) | Q(phenomenon__family_centre=centre) | wide
    ).distinct()


def public_page(centre: FamilyCentre) -> QuerySet[DevelopmentProcess]:
    latest = ProcessUpdate.objects.filter(process=OuterRef("pk"), is_public=True).order_by(
        "-published_at", "-id"
    )
    return (
        centre_processes(centre)
        .select_related("group", "phenomenon")
        .annotate(
            public_update_title=Subquery(latest.values("title")[:1]),
            public_update_body=Subquery(latest.values("body")[:1]),
            public_update_at=Subquery(latest.values("published_at")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "stage_changes", queryset=StageChange.objects.order_by("changed_at", "id"), to_attr="timeline"
            ),
            # The public summary of the follow-up: each metric and its recorded values (no evaluations,
            # no names), once the work has reached follow-up.
            Prefetch(
                "metrics",
                queryset=FollowUpMetric.objects.filter(
                    process__stage__in=PUBLIC_RESULT_STAGES
                ).prefetch_related(
                    Prefetch(
                        "points",
                        queryset=FollowUpPoint.objects.filter(recorded_at__isnull=False).order_by(
                            "due_on", "id"
                        ),
                    )
                ),
                to_attr="public_metrics",
            ),
        )
        .order_by(F("closed_at").asc(nulls_first=True), "-created_at", "-id")
    )


def feed_entries(centre: FamilyCentre, limit: int = FEED_ENTRIES) -> list[dict]:
    """Public updates and stage changes of the centre's processes, newest first."""
    processes = centre_processes(centre).values("pk")
    updates = list(
        ProcessUpdate.objects.filter(process__in=processes, is_public=True)
        .select_related("process__group", "process__phenomenon")
        .order_by("-published_at", "-id")[:limit]
    )
    changes = list(
        StageChange.objects.filter(process__in=processes)
        .select_related("process__group", "process__phenomenon")
        .order_by("-changed_at", "-id")[:limit]
    )
    entries = [{"kind": "update", "obj": u, "process": u.process, "at": u.published_at} for u in updates]
    entries += [{"kind": "stage", "obj": c, "process": c.process, "at": c.changed_at} for c in changes]
    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries[:limit]
