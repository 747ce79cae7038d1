"""Reads for consultation rounds: a workspace's rounds, the rounds waiting for a user's comment, who of the
asked groups has answered, and the people a round reaches."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from familycentres.models import Group, Membership

from ..models import ConsultationComment, ConsultationRound, DevelopmentProcess


def consultation_url(consultation: ConsultationRound) -> str:
    return reverse("codevelopment:consultation_detail", args=[consultation.process_id, consultation.pk])


def group_members(groups) -> list:
    return list(
        get_user_model().objects.filter(
            is_active=True,
            pk__in=Membership.objects.current().filter(group__in=groups).values("user_id"),
        )
    )


def consultation_pending_recipients(consultation: ConsultationRound):
    """Current members (active accounts) of the asked groups who have not commented on the round."""
    members = Membership.objects.current().filter(group__in=consultation.groups.all()).values("user_id")
    commented = consultation.comments.values("author_id")
    return get_user_model().objects.filter(pk__in=members, is_active=True).exclude(pk__in=commented)


def consultation_list(process: DevelopmentProcess) -> QuerySet[ConsultationRound]:
    return (
        process.consultations.annotate(comment_count=Count("comments", distinct=True))
        .prefetch_related("groups")
        .order_by("-deadline", "-id")
    )


def consultations_waiting_for(user, *, limit: int = 20) -> list[ConsultationRound]:
    """Open rounds that ask the user's groups and that the user has not commented on."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return []
    mine = Membership.objects.current().filter(user=user).values("group_id")
    commented = ConsultationComment.objects.filter(consultation=OuterRef("pk"), author=user)
    return list(
        ConsultationRound.objects.filter(closed_at__isnull=True, deadline__gt=timezone.now(), groups__in=mine)
        .exclude(Exists(commented))
        .select_related("process__group")
        .distinct()
        .order_by("deadline", "id")[:limit]
    )


def answer_table(consultation: ConsultationRound) -> list[dict]:
    """For each asked group, its current members and whether each has commented (on any group's behalf)."""
    answered = set(consultation.comments.values_list("author_id", flat=True))
    groups = list(consultation.groups.order_by("name"))
    memberships = (
        Membership.objects.current()
        .filter(group__in=[g.pk for g in groups], user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    by_group: dict[int, dict] = {g.pk: {"group": g, "rows": [], "seen": set()} for g in groups}
    for m in memberships:
        entry = by_group[m.group_id]
        if m.user_id in entry["seen"]:
            continue
        entry["seen"].add(m.user_id)
        entry["rows"].append({"user": m.user, "answered": m.user_id in answered})
    result = []
    for g in groups:
        entry = by_group[g.pk]
        rows = entry["rows"]
        result.append(
            {
                "group": g,
                "rows": rows,
                "answered_count": sum(1 for r in rows if r["answered"]),
            }
        )
    return result


def comment_groups(user, consultation: ConsultationRound) -> QuerySet[Group]:
    """The groups on whose behalf `user` may comment: the asked ones and the developer group, if a member."""
    return Group.objects.filter(
        pk__in=Membership.objects.current()
        .filter(user=user)
        .filter(group__in=[*consultation.groups.values_list("pk", flat=True), consultation.process.group_id])
        .values("group_id")
    ).order_by("name")
