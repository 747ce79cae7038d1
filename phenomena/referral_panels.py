"""What the matters sent down to the local teams add to the network's pages (core.panels): the meeting's
agenda, the local team's view and the sending group's page. Each costs a fixed number of queries."""

from __future__ import annotations

from familycentres.models import Group

from . import referral_selectors as selectors
from .permissions import REFERRAL_SENDER_KINDS, can_list_referrals, can_send_referral, is_professional_member


def _team_professional(user, group) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_staff or is_professional_member(user, group)
    )


def meeting_panel(request, *, meeting=None, **_objects) -> dict | None:
    # SECURITY: a meeting's page is open to the whole network; the matters are listed to the team's
    # professionals only (the agenda item itself carries the question, as any agenda item does).
    if meeting is None or meeting.group.kind != Group.Kind.LOCAL_TEAM:
        return None
    if not _team_professional(request.user, meeting.group):
        return None
    answers = selectors.meeting_referrals(meeting)
    if not answers:
        return None
    return {
        "meeting": meeting,
        "answers": answers,
        "can_answer": meeting.status != "cancelled" and is_professional_member(request.user, meeting.group),
    }


def team_view_panel(request, *, group=None, **_objects) -> dict | None:
    if group is None or group.kind != Group.Kind.LOCAL_TEAM or not _team_professional(request.user, group):
        return None
    return {
        "group": group,
        "answers": selectors.team_referrals(group),
        "can_answer": is_professional_member(request.user, group),
    }


def group_panel(request, *, group=None, **_objects) -> dict | None:
    if (
        group is None
        or group.kind not in REFERRAL_SENDER_KINDS
        or not can_list_referrals(request.user, group)
    ):
        return None
    return {"group": group, "can_send": can_send_referral(request.user, group)}
