"""Reads of the matters sent down to the local teams, each in a fixed number of queries."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.models import AuditEvent
from familycentres.models import Group, Meeting

from .models import Referral, ReferralAnswer


def group_referrals(user, group: Group) -> QuerySet[Referral]:
    """What the group has sent, newest first, with its counts of teams and answers."""
    return (
        Referral.objects.visible_to(user)
        .filter(sender=group)
        .select_related("sender")
        .annotate(
            team_count=Count("answers", distinct=True),
            answer_count=Count("answers", filter=Q(answers__answered_at__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def referral_answers(referral: Referral) -> list[ReferralAnswer]:
    return list(
        referral.answers.select_related("team", "answered_by", "agenda_item__meeting").order_by(
            "team__name", "pk"
        )
    )


def team_referrals(team: Group, *, limit: int = 20) -> list[ReferralAnswer]:
    """The matters sent to a team: those still waiting for the team's answer first, then the answered ones,
    newest first."""
    return list(
        ReferralAnswer.objects.filter(team=team)
        .select_related("referral__sender", "agenda_item__meeting", "answered_by")
        .order_by(F("answered_at").desc(nulls_first=True), "-referral__created_at", "-pk")[:limit]
    )


def meeting_referrals(meeting: Meeting) -> list[ReferralAnswer]:
    return list(
        ReferralAnswer.objects.filter(agenda_item__meeting=meeting)
        .select_related("referral__sender", "agenda_item", "answered_by", "team")
        .order_by("agenda_item__order")
    )


HISTORY_LABELS = {
    "referral.send": _("Sent to the teams"),
    "referral.on_agenda": _("Put on a team's meeting agenda"),
    "referral.answer": _("A team answered"),
    "referral.answer_correct": _("A team corrected its answer"),
}
ANALYSIS_HISTORY_LABELS = {
    "phenomenon.analyser_named": _("Analyser named and notified"),
    "phenomenon.analysis_write": _("Analysis written"),
    "phenomenon.contributors_invite": _("People invited to the analysis"),
}


def _history(obj, labels: dict, *, limit: int) -> list[dict]:
    events = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            action__in=list(labels),
        )
        .select_related("actor")
        .order_by("at", "id")[:limit]
    )
    groups = {}
    rows = []
    for event in events:
        rows.append({"event": event, "label": labels[event.action], "team": (event.after or {}).get("team")})
        if rows[-1]["team"]:
            groups[rows[-1]["team"]] = None
    if groups:
        names = dict(Group.objects.filter(pk__in=list(groups)).values_list("pk", "name"))
        for row in rows:
            row["team_name"] = names.get(row["team"], "")
    return rows


def referral_history(referral: Referral, *, limit: int = 200) -> list[dict]:
    """The matter's audit trail in words: sent, on which agendas, who answered; three queries."""
    return _history(referral, HISTORY_LABELS, limit=limit)


def analysis_history(phenomenon, *, limit: int = 100) -> list[dict]:
    return _history(phenomenon, ANALYSIS_HISTORY_LABELS, limit=limit)
