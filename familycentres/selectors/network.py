from __future__ import annotations

from django.db.models import Count, Min, Prefetch, Q
from django.utils import timezone

from ..models import FamilyCentre, Group, Meeting, Membership


def group_list(*, user, query: str = "", kind: str = "", centre: str = "", ordering: str = "name"):
    qs = (
        Group.objects.visible_to(user)
        .filter(is_active=True)
        .select_related("family_centre", "area")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True)
        )
    )
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    if centre:
        qs = qs.filter(family_centre__slug=centre)
    allowed = {
        "name": "name",
        "-name": "-name",
        "kind": "kind",
        "-kind": "-kind",
        "level": "level",
        "-level": "-level",
    }
    return qs.order_by(allowed.get(ordering, "name"), "pk")


def group_detail(*, user, pk: int) -> Group:
    members = (
        Membership.objects.current()
        .select_related("user", "organisation")
        .order_by("role", "user__full_name")
    )
    return (
        Group.objects.visible_to(user)
        .select_related("family_centre", "area", "parent")
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="current_memberships"))
        .get(pk=pk)
    )


def group_meetings(*, group: Group):
    now = timezone.now()
    base = Meeting.objects.filter(group=group).annotate(item_count=Count("agenda_items"))
    upcoming = base.filter(ends_at__gte=now).order_by("starts_at")
    past = base.filter(ends_at__lt=now).order_by("-starts_at")
    return upcoming, past


def meeting_detail(*, user, pk: int) -> Meeting:
    return (
        Meeting.objects.visible_to(user)
        .select_related("group", "group__family_centre")
        .prefetch_related("agenda_items", "attendances__user")
        .get(pk=pk)
    )


def user_memberships(user):
    return (
        Membership.objects.current()
        .filter(user=user)
        .select_related("group", "group__family_centre", "organisation")
    )


def user_groups_with_next_meeting(user):
    now = timezone.now()
    return (
        Group.objects.visible_to(user)
        .filter(memberships__user=user, memberships__ended_on__isnull=True)
        .annotate(
            next_meeting=Min(
                "meetings__starts_at", filter=Q(meetings__starts_at__gte=now, meetings__status="planned")
            )
        )
        .select_related("family_centre")
        .distinct()
        .order_by("name")
    )


def centre_list():
    return (
        FamilyCentre.objects.select_related("wellbeing_county")
        .prefetch_related("municipalities")
        .order_by("name_fi")
    )


def centre_detail(*, slug: str) -> FamilyCentre:
    return (
        FamilyCentre.objects.select_related("wellbeing_county")
        .prefetch_related(
            "municipalities",
            Prefetch("groups", queryset=Group.objects.filter(is_active=True).order_by("level", "name")),
        )
        .get(slug=slug)
    )
