"""What phenomena holds about a person, for their data export: what they wrote (phenomena, analyses,
initiatives, comments, teams' answers, reports of local action) and where they are named (invited to an
analysis, a responsibility in a decision). Attached things are named by their title only."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import newest_first, record

from .models import (
    AnalysisContributor,
    Initiative,
    LocalActionReport,
    Phenomenon,
    PhenomenonComment,
    ReferralAnswer,
    Responsibility,
)


def _analysis(phenomenon: Phenomenon) -> str:
    parts = (
        phenomenon.analysis_understanding,
        phenomenon.analysis_root_causes,
        phenomenon.analysis_open_questions,
    )
    return "\n\n".join(part for part in parts if part)


def phenomena_of(user) -> list[dict]:
    records = []
    for p in Phenomenon.objects.filter(Q(created_by=user) | Q(analyser_user=user)).only(
        "id",
        "title",
        "description",
        "created_at",
        "updated_at",
        "created_by_id",
        "analyser_user_id",
        "analysis_understanding",
        "analysis_root_causes",
        "analysis_open_questions",
    ):
        if p.created_by_id == user.pk:
            records.append(record(_("Phenomenon"), p.created_at, p.description, p.title, phenomenon=p.pk))
        if p.analyser_user_id == user.pk and _analysis(p):
            records.append(record(_("Analysis"), p.updated_at, _analysis(p), p.title, phenomenon=p.pk))
    for i in Initiative.objects.filter(created_by=user).select_related("phenomenon"):
        records.append(
            record(_("Initiative"), i.created_at, i.rationale, i.phenomenon.title, initiative=i.pk)
        )
    for c in PhenomenonComment.objects.filter(created_by=user).select_related("phenomenon"):
        records.append(
            record(_("Comment"), c.created_at, c.text, c.phenomenon.title, phenomenon=c.phenomenon_id)
        )
    for a in ReferralAnswer.objects.filter(answered_by=user).select_related("referral", "team"):
        records.append(record(_("Team's answer"), a.answered_at, a.text, a.referral.title, team=a.team.name))
    for r in LocalActionReport.objects.filter(created_by=user).select_related(
        "decision__initiative__phenomenon"
    ):
        records.append(
            record(_("Local action"), r.created_at, r.what_happened, r.decision.initiative.phenomenon.title)
        )
    for c in AnalysisContributor.objects.filter(user=user).select_related("phenomenon"):
        records.append(
            record(_("Invited to take part in the analysis"), c.invited_at, "", c.phenomenon.title)
        )
    for r in Responsibility.objects.filter(user=user).select_related("decision__initiative__phenomenon"):
        records.append(
            record(
                r.get_role_display().capitalize(),
                r.decision.created_at,
                r.organisation,
                r.decision.initiative.phenomenon.title,
            )
        )
    return newest_first(records)
