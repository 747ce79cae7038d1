"""The rhythm of the local teams: they meet every one to two months (seed 004: "kokoontumista 1–2
kuukauden välein"). A team that has not met for two months is reminded."""

from __future__ import annotations

import datetime

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from ..models import Group, Meeting

# Two months: a team whose last meeting began longer ago than this is quiet.
QUIET_AFTER = datetime.timedelta(days=61)


def last_meeting(group: Group) -> Meeting | None:
    """The team's latest meeting that has begun and was not cancelled."""
    return (
        Meeting.objects.filter(group=group, starts_at__lte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at", "-pk")
        .first()
    )


def team_rhythm(group: Group) -> dict:
    """How long since the team last met, and whether that is longer than its rhythm."""
    now = timezone.now()
    last = last_meeting(group)
    since = (now - last.starts_at) if last else None
    return {
        "last_meeting": last,
        "days_since": since.days if since is not None else None,
        "quiet": since is None or since > QUIET_AFTER,
    }


def quiet_local_teams(now: datetime.datetime | None = None) -> QuerySet[Group]:
    """Active local teams whose last (held or planned, not cancelled) meeting began over two months ago, or
    that have never met and were set up over two months ago; annotated with `last_start`. A team with an
    upcoming meeting in the calendar is not quiet: it is about to meet."""
    now = now or timezone.now()
    cutoff = now - QUIET_AFTER
    not_cancelled = ~Q(meetings__status=Meeting.Status.CANCELLED)
    return (
        Group.objects.filter(kind=Group.Kind.LOCAL_TEAM, is_active=True)
        .annotate(
            last_start=Max("meetings__starts_at", filter=not_cancelled & Q(meetings__starts_at__lte=now)),
            next_start=Max("meetings__starts_at", filter=not_cancelled & Q(meetings__starts_at__gt=now)),
        )
        .filter(next_start__isnull=True)
        .filter(Q(last_start__lt=cutoff) | Q(last_start__isnull=True, created_at__lt=cutoff))
        .order_by("pk")
    )
