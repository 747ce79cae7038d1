"""Preparation with the family (core issue, what is told, what may be shared, genogram, timeline) and
with the invitees (invitations, answers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, snapshot
from core.errors import DomainError
from core.text import clean_input
from core.transitions import lock

from ..models import GenogramPerson, GenogramRelation, NetworkProcess, Participant, TimelineEvent
from ..permissions import can_edit_process

PREPARATION_FIELDS = ["core_issue", "what_is_told", "shared_with_invitees", "family_told_how_it_works"]


def _require_edit(actor, process: NetworkProcess) -> None:
    if not can_edit_process(actor, process):
        raise PermissionDenied


@transaction.atomic
def preparation_update(
    *,
    actor,
    process: NetworkProcess,
    core_issue: str,
    what_is_told: str,
    shared_with_invitees: str,
    family_told_how_it_works: bool,
) -> NetworkProcess:
    process = lock(process)
    _require_edit(actor, process)
    before = snapshot(process, PREPARATION_FIELDS)
    process.core_issue = clean_input(core_issue, limit=5000)
    process.what_is_told = clean_input(what_is_told, limit=5000)
    process.shared_with_invitees = clean_input(shared_with_invitees, limit=5000)
    process.family_told_how_it_works = bool(family_told_how_it_works)
    process.save(update_fields=[*PREPARATION_FIELDS, "updated_at"])
    # The audit trail names the fields that changed, not the client text itself.
    after = snapshot(process, PREPARATION_FIELDS)
    changed = sorted(k for k in after if after[k] != before[k])
    audit_record(
        actor=actor, action="networkmeetings.preparation_update", obj=process, after={"changed": changed}
    )
    return process


GUEST_LINK_DAYS = 30


def guest_token_hash(token: str) -> str:
    import hashlib
    import hmac

    from django.conf import settings

    return hmac.new(settings.SECRET_KEY.encode(), b"nm-guest:" + token.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def participant_invite(
    *, actor, process: NetworkProcess, kind: str, description: str, user=None, email: str = ""
) -> Participant:
    """Adds an invitee. A professional with an account gets an email with a link only (never client data).
    An invitee without an account (a professional of another service, or someone of the family's own
    network) who gives an email gets a link that opens only the shared part of this process until it
    expires; without an email the family or the worker invites them outside the service."""
    import datetime
    import secrets

    process = lock(process)
    _require_edit(actor, process)
    description = clean_input(description, limit=120)
    if not description:
        raise DomainError(_("Say who is invited (their role or relation to the family)."), code="description")
    if kind == Participant.Kind.PROFESSIONAL:
        if user is None:
            raise DomainError(_("Choose the professional to invite."), code="user")
        if not user.is_active:
            raise DomainError(_("The person's account is not active."), code="user")
        if user.pk in process.responsible_ids() | {process.convener_id}:
            raise DomainError(_("This person already takes part in the process."), code="user")
        if process.participants.filter(user=user, removed_at__isnull=True).exists():
            raise DomainError(_("This person is already invited."), code="user")
    elif kind in (Participant.Kind.FAMILY_NETWORK, Participant.Kind.EXTERNAL):
        user = None
        email = (email or "").strip()
        if kind == Participant.Kind.EXTERNAL and not email:
            raise DomainError(_("Give the email address the invitation is sent to."), code="email")
        if email:
            from django.core.exceptions import ValidationError
            from django.core.validators import validate_email

            try:
                validate_email(email)
            except ValidationError:
                raise DomainError(_("Enter a valid email address."), code="email") from None
    else:
        raise DomainError(_("Choose whom to invite."), code="kind")
    token = secrets.token_urlsafe(32) if (user is None and email) else ""
    participant = Participant.objects.create(
        process=process,
        kind=kind,
        user=user,
        description=description,
        email=email if user is None else "",
        token_hash=guest_token_hash(token) if token else "",
        token_expires_at=timezone.now() + datetime.timedelta(days=GUEST_LINK_DAYS) if token else None,
        invited_at=timezone.now() if (user or token) else None,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="networkmeetings.participant_invite",
        obj=participant,
        after=snapshot(participant, ["kind", "user"]),
    )
    if user is not None:
        from ..tasks import send_invitation_email

        participant_id = participant.pk
        transaction.on_commit(lambda: send_invitation_email.delay(participant_id))
    elif token:
        from ..tasks import send_guest_invitation_email

        participant_id = participant.pk
        language = getattr(actor, "language", "") or "fi"
        transaction.on_commit(lambda: send_guest_invitation_email.delay(participant_id, token, language))
    return participant


def participant_for_guest_token(token: str) -> Participant | None:
    """The invitee whose valid guest link this is (its process open), or None."""
    if not token or len(token) > 100:
        return None
    return (
        Participant.objects.filter(
            token_hash=guest_token_hash(token),
            token_expires_at__gt=timezone.now(),
            removed_at__isnull=True,
            process__status=NetworkProcess.Status.OPEN,
        )
        .select_related("process")
        .first()
    )


@transaction.atomic
def participant_answer_as_guest(*, participant: Participant, answer: str, message: str = "") -> Participant:
    """An invitee without an account answers through their link."""
    participant = lock(participant)
    if participant.removed_at is not None or not participant.token_hash:
        raise PermissionDenied
    if answer not in {Participant.Answer.COMING, Participant.Answer.NOT_COMING, Participant.Answer.MESSAGE}:
        raise DomainError(_("Choose your answer."), code="answer")
    message = clean_input(message, limit=2000)
    if answer == Participant.Answer.MESSAGE and not message:
        raise DomainError(_("Write the message."), code="message")
    participant.answer = answer
    participant.message = message
    participant.answered_at = timezone.now()
    participant.save(update_fields=["answer", "message", "answered_at", "updated_at"])
    audit_record(
        actor=None,
        action="networkmeetings.participant_answer_guest",
        obj=participant,
        after={"answer": answer},
    )
    return participant


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> Participant:
    process = lock(participant.process)
    _require_edit(actor, process)
    participant = lock(participant)
    if participant.removed_at is None:
        participant.removed_at = timezone.now()
        participant.save(update_fields=["removed_at", "updated_at"])
        audit_record(actor=actor, action="networkmeetings.participant_remove", obj=participant)
    return participant


@transaction.atomic
def participant_answer(*, actor, participant: Participant, answer: str, message: str = "") -> Participant:
    """The invited professional answers: coming, not coming, or a message."""
    participant = lock(participant)
    if participant.user_id != getattr(actor, "pk", None) or participant.removed_at is not None:
        raise PermissionDenied
    if answer not in {Participant.Answer.COMING, Participant.Answer.NOT_COMING, Participant.Answer.MESSAGE}:
        raise DomainError(_("Choose your answer."), code="answer")
    message = clean_input(message, limit=2000)
    if answer == Participant.Answer.MESSAGE and not message:
        raise DomainError(_("Write the message."), code="message")
    participant.answer = answer
    participant.message = message
    participant.answered_at = timezone.now()
    participant.save(update_fields=["answer", "message", "answered_at", "updated_at"])
    audit_record(
        actor=actor, action="networkmeetings.participant_answer", obj=participant, after={"answer": answer}
    )
    return participant


@transaction.atomic
def genogram_person_add(
    *,
    actor,
    process: NetworkProcess,
    name: str,
    gender: str,
    generation: int,
    is_child: bool = False,
    note: str = "",
) -> GenogramPerson:
    process = lock(process)
    _require_edit(actor, process)
    name = clean_input(name, limit=60)
    if not name:
        raise DomainError(_("Give a name or role."), code="name")
    if gender not in GenogramPerson.Gender.values:
        raise DomainError(_("Choose a gender."), code="gender")
    if not -3 <= int(generation) <= 2:
        raise DomainError(_("Choose a generation."), code="generation")
    if process.genogram_people.count() >= 40:
        raise DomainError(_("A genogram holds at most 40 people."), code="name")
    person = GenogramPerson.objects.create(
        process=process,
        name=name,
        gender=gender,
        generation=generation,
        is_child=bool(is_child),
        note=clean_input(note, limit=200),
    )
    audit_record(actor=actor, action="networkmeetings.genogram_person_add", obj=process)
    return person


@transaction.atomic
def genogram_relation_add(
    *, actor, process: NetworkProcess, source_id: int, target_id: int, kind: str
) -> GenogramRelation:
    process = lock(process)
    _require_edit(actor, process)
    people = {p.pk: p for p in process.genogram_people.filter(pk__in=[source_id, target_id])}
    # SECURITY/INTEGRITY: a relation may join only people of this process's genogram.
    if source_id not in people or target_id not in people:
        raise DomainError(_("Both people of a relation must be in this genogram."), code="target")
    if source_id == target_id:
        raise DomainError(_("A relation joins two different people."), code="target")
    if kind not in GenogramRelation.Kind.values:
        raise DomainError(_("Choose the relation."), code="kind")
    relation = GenogramRelation.objects.create(
        process=process, source=people[source_id], target=people[target_id], kind=kind
    )
    audit_record(actor=actor, action="networkmeetings.genogram_relation_add", obj=process)
    return relation


@transaction.atomic
def timeline_event_add(
    *, actor, process: NetworkProcess, year: int, month: int | None, text: str
) -> TimelineEvent:
    process = lock(process)
    _require_edit(actor, process)
    text = clean_input(text, limit=300)
    if not text:
        raise DomainError(_("Say what happened."), code="text")
    if not 1900 <= int(year) <= timezone.localdate().year + 5:
        raise DomainError(_("Give a year between 1900 and five years from now."), code="year")
    if month is not None and not 1 <= int(month) <= 12:
        raise DomainError(_("Give a month from 1 to 12."), code="month")
    event = TimelineEvent.objects.create(process=process, year=year, month=month, text=text)
    audit_record(actor=actor, action="networkmeetings.timeline_event_add", obj=process)
    return event


@transaction.atomic
def tool_entry_delete(*, actor, process: NetworkProcess, entry) -> None:
    """Removes a genogram person (with their relations), a relation or a timeline event."""
    process = lock(process)
    _require_edit(actor, process)
    if entry.process_id != process.pk:
        raise PermissionDenied
    entry.delete()
    audit_record(
        actor=actor,
        action="networkmeetings.tool_entry_delete",
        obj=process,
        after={"type": type(entry).__name__},
    )
