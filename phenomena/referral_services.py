"""Matters sent down the network: a regional coordination group or the county steering group sends an
observation, a phenomenon or a question to chosen local teams; it goes on each team's next meeting agenda
(or on the first meeting the team plans), a professional of each team records the team's answer, and the
answers come back to the sending group. Every step is audited on the matter and notified once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from core.text import clean_input
from familycentres.models import AgendaItem, Group, Meeting, Membership
from observations.models import Observation

from .models import Phenomenon, Referral, ReferralAnswer
from .permissions import REFERRAL_SENDER_ROLES, can_answer_referral, can_send_referral

MAX_TEAMS = 100
TEAM_NOTIFY_ROLES = {Membership.Role.COORDINATOR, Membership.Role.FACILITATOR, Membership.Role.CHAIR}


def _people(group_id: int, roles) -> list:
    ids = Membership.objects.current().filter(group_id=group_id, role__in=roles).values("user_id")
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def next_meeting(team: Group) -> Meeting | None:
    """The team's next planned meeting that has not started yet."""
    return (
        Meeting.objects.filter(group=team, status=Meeting.Status.PLANNED, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


def _place_on_agenda(*, actor, answer: ReferralAnswer, meeting: Meeting) -> AgendaItem:
    """Adds the matter to the meeting's agenda (the meeting row lock serialises the numbering)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    referral = answer.referral
    last = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=last + 1,
        title=(_("From %(group)s: %(title)s") % {"group": referral.sender.name, "title": referral.title})[
            :300
        ],
        description=referral.question,
        created_by=actor,
    )
    answer.agenda_item = item
    answer.save(update_fields=["agenda_item"])
    audit_record(
        actor=actor,
        action="referral.on_agenda",
        obj=referral,
        after={"team": answer.team_id, "meeting": meeting.pk, "agenda_item": item.pk},
    )
    return item


@transaction.atomic
def referral_send(
    *,
    actor,
    sender: Group,
    subject: str,
    title: str,
    question: str,
    teams,
    phenomenon: Phenomenon | None = None,
    observation: Observation | None = None,
) -> Referral:
    if not can_send_referral(actor, sender):
        raise PermissionDenied
    if subject not in Referral.Subject.values:
        raise DomainError(_("Choose what is sent."), code="subject_invalid")
    title = clean_input(title, limit=200)
    if not title:
        raise DomainError(_("Give the matter a title."), code="title_required")
    question = clean_input(question, limit=5_000)
    if not question:
        raise DomainError(_("Write the question to the teams."), code="question_required")
    teams = list({t.pk: t for t in teams}.values())
    if not teams:
        raise DomainError(_("Choose at least one local team."), code="teams_required")
    if len(teams) > MAX_TEAMS:
        raise DomainError(_("Choose at most 100 teams."), code="teams_too_many")
    if any(t.kind != Group.Kind.LOCAL_TEAM or not t.is_active for t in teams):
        raise DomainError(_("Matters are sent only to active local teams."), code="teams_invalid")
    if subject == Referral.Subject.PHENOMENON:
        if phenomenon is None:
            raise DomainError(_("Choose the phenomenon."), code="phenomenon_required")
        observation = None
    elif subject == Referral.Subject.OBSERVATION:
        if observation is None:
            raise DomainError(_("Choose the observation."), code="observation_required")
        phenomenon = None
    else:
        phenomenon = observation = None
    # SECURITY: the sender links only what they may read themselves.
    if phenomenon is not None and not Phenomenon.objects.visible_to(actor).filter(pk=phenomenon.pk).exists():
        raise DomainError(_("The phenomenon was not found."), code="phenomenon_unknown")
    if (
        observation is not None
        and not Observation.objects.visible_to(actor).filter(pk=observation.pk).exists()
    ):
        raise DomainError(_("The observation was not found."), code="observation_unknown")
    referral = Referral.objects.create(
        sender=sender,
        subject=subject,
        title=title,
        question=question,
        phenomenon=phenomenon,
        observation=observation,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="referral.send",
        obj=referral,
        after={
            "sender": sender.pk,
            "subject": subject,
            "teams": sorted(t.pk for t in teams),
            "phenomenon": getattr(phenomenon, "pk", None),
            "observation": getattr(observation, "pk", None),
        },
    )
    sender_name = sender.name
    for team in sorted(teams, key=lambda t: t.name):
        answer = ReferralAnswer.objects.create(referral=referral, team=team)
        meeting = next_meeting(team)
        if meeting is not None:
            _place_on_agenda(actor=actor, answer=answer, meeting=meeting)
        team_name = team.name
        notification_send(
            actor=actor,
            recipients=_people(team.pk, TEAM_NOTIFY_ROLES),
            verb="referral.sent",
            text=lambda team_name=team_name: (
                _("%(sender)s sent a matter to %(team)s for discussion: %(title)s")
                % {"sender": sender_name, "team": team_name, "title": title}
            ),
            url=referral.get_absolute_url(),
            key=f"referral.sent:{referral.pk}:{team.pk}",
        )
    return referral


def place_waiting_referrals(*, actor, meeting: Meeting) -> int:
    """A local team planned a meeting: the matters sent to it that wait for an agenda go on this one.
    Called inside the meeting's creating transaction (familycentres' meeting_created signal)."""
    if meeting.group.kind != Group.Kind.LOCAL_TEAM or meeting.status != Meeting.Status.PLANNED:
        return 0
    if meeting.starts_at <= timezone.now():
        return 0
    waiting = list(
        ReferralAnswer.objects.select_for_update()
        .filter(team=meeting.group, agenda_item__isnull=True, answered_at__isnull=True)
        .select_related("referral__sender", "team")
        .order_by("referral__created_at", "pk")
    )
    for answer in waiting:
        _place_on_agenda(actor=actor, answer=answer, meeting=meeting)
    return len(waiting)


@transaction.atomic
def referral_answer(*, actor, answer: ReferralAnswer, text: str) -> ReferralAnswer:
    """Records (or corrects) the team's answer; the sending group's chair, secretary and coordinator are
    told once per team."""
    answer = (
        ReferralAnswer.objects.select_for_update(of=("self",))
        .select_related("referral__sender", "team")
        .get(pk=answer.pk)
    )
    if not can_answer_referral(actor, answer):
        raise PermissionDenied
    text = clean_input(text, limit=5_000)
    if not text:
        raise DomainError(_("Write the team's answer."), code="text_required")
    if answer.is_answered and answer.text == text:
        raise ConflictError(_("The answer has already been recorded."), code="unchanged")
    before = {"text": answer.text, "answered_by": answer.answered_by_id}
    first = not answer.is_answered
    answer.text = text
    answer.answered_by = actor
    answer.answered_at = timezone.now()
    answer.save(update_fields=["text", "answered_by", "answered_at"])
    referral = answer.referral
    audit_record(
        actor=actor,
        action="referral.answer" if first else "referral.answer_correct",
        obj=referral,
        before=before,
        after={"team": answer.team_id, "text": text, "answered_by": actor.pk},
    )
    team_name, title = answer.team.name, referral.title
    notification_send(
        actor=actor,
        recipients=_people(referral.sender_id, REFERRAL_SENDER_ROLES),
        verb="referral.answered",
        text=lambda: _("%(team)s answered the matter “%(title)s”.") % {"team": team_name, "title": title},
        url=reverse("phenomena:referral_detail", args=[referral.pk]),
        key=f"referral.answered:{answer.pk}",
    )
    return answer
