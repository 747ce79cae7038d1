"""Reminding a local team that has not met for two months (seed 004: the teams meet every one to two
months). Its coordinators are reminded once per gap: the gap is named by the last meeting, so a later
meeting and a new gap bring a new reminder, and a re-run sends nothing twice."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.services import notification_send

from ..models import Group, Membership
from ..selectors.rhythm import quiet_local_teams

REMINDED_ROLES = (Membership.Role.COORDINATOR,)
# Without a coordinator the reminder goes to the team's chair and facilitator.
FALLBACK_ROLES = (Membership.Role.CHAIR, Membership.Role.FACILITATOR)


def _people(group: Group, roles) -> list:
    ids = Membership.objects.current().filter(group=group, role__in=roles).values("user_id")
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


@transaction.atomic
def quiet_team_remind(*, group: Group, last_start) -> int:
    """Reminds the team's coordinators; returns how many were newly notified."""
    recipients = _people(group, REMINDED_ROLES) or _people(group, FALLBACK_ROLES)
    if not recipients:
        return 0
    gap = last_start.date().isoformat() if last_start else "never"
    name = group.name
    local = timezone.localtime(last_start) if last_start else None
    date = f"{local.day}.{local.month}.{local.year}" if local else ""
    sent = notification_send(
        actor=None,
        recipients=recipients,
        verb="team.quiet",
        text=lambda: (
            _(
                "%(team)s has not met since %(date)s. Local teams meet every one to two months: plan the next meeting."
            )
            % {"team": name, "date": date}
            if last_start
            else _(
                "%(team)s has not met yet. Local teams meet every one to two months: plan the first meeting."
            )
            % {"team": name}
        ),
        url=group.get_absolute_url(),
        key=f"team.quiet:{group.pk}:{gap}",
    )
    if sent:
        audit_record(
            actor=None,
            action="group.quiet_reminder",
            obj=group,
            after={"last_meeting": gap, "notified": sorted(n.recipient_id for n in sent)},
        )
    return len(sent)


def quiet_teams_remind(now=None) -> int:
    """Every quiet local team is reminded (once per gap); returns how many people were notified."""
    return sum(quiet_team_remind(group=g, last_start=g.last_start) for g in quiet_local_teams(now))
