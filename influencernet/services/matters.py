"""Matters for comment, the members' statements, and the family centre's response.

The feedback is guaranteed: a matter cannot be closed before its response exists (a database constraint
too), and the response is delivered to every member that sent a statement: one ResponseDelivery row each,
with the in-app notification in the same transaction and the email once after the commit."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codevelopment import filetypes
from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from core.transitions import lock, transition

from ..models import Matter, MatterDocument, Member, Network, ResponseDelivery, Statement, StatementVersion
from ..permissions import can_bring_matter, can_handle_matter, represented_members
from .common import clean, member_users, refuse_personal_data

STATEMENT_MAX = 40_000
RESPONSE_MAX = 20_000


def deadline_text(deadline: datetime.datetime) -> str:
    return date_format(timezone.localtime(deadline), "SHORT_DATETIME_FORMAT")


@transaction.atomic
def matter_create(
    *,
    actor,
    network: Network,
    family_centre,
    title: str,
    question: str,
    deadline: datetime.datetime,
    members,
    background: str = "",
) -> Matter:
    """A family centre brings a matter to the network: what is asked, background, the deadline and which
    members are asked. The asked members' representatives are told."""
    if not can_bring_matter(actor, network):
        raise PermissionDenied
    title = clean(title, 200)
    question = clean(question, 20_000)
    background = clean(background, 20_000)
    if not title:
        raise DomainError(_("Give the matter a title."), code="title_required")
    if not question:
        raise DomainError(_("Say what the network is asked."), code="question_required")
    refuse_personal_data(title, question, background)
    if family_centre is None or not network.family_centres.filter(pk=family_centre.pk).exists():
        raise DomainError(_("Choose one of the network's family centres."), code="family_centre")
    if deadline is None or deadline <= timezone.now():
        raise DomainError(_("The deadline must be in the future."), code="deadline")
    members = list(members)
    current_ids = set(Member.objects.current().filter(network=network).values_list("pk", flat=True))
    if not members:
        raise DomainError(_("Choose the members that are asked."), code="members_required")
    if any(m.pk not in current_ids for m in members):
        raise DomainError(_("Only current members of the network can be asked."), code="members_invalid")
    matter = Matter.objects.create(
        network=network,
        family_centre=family_centre,
        title=title,
        question=question,
        background=background,
        deadline=deadline,
        created_by=actor,
    )
    matter.asked_members.set(members)
    audit_record(
        actor=actor,
        action="influencernet.matter_create",
        obj=matter,
        after={"title": title, "deadline": deadline.isoformat(), "members": sorted(m.pk for m in members)},
    )
    notification_send(
        actor=actor,
        recipients=member_users(members),
        verb="influencernet.matter_new",
        text=_("%(centre)s asks for your statement on “%(title)s” by %(deadline)s.")
        % {"centre": family_centre.name, "title": title, "deadline": deadline_text(deadline)},
        url=matter.get_absolute_url(),
    )
    return matter


def _check_can_answer(actor, matter: Matter, member: Member) -> None:
    if not represented_members(actor, matter.network).filter(pk=member.pk).exists():
        raise PermissionDenied
    if not matter.asked_members.filter(pk=member.pk).exists():
        raise PermissionDenied
    if matter.status != Matter.Status.OPEN:
        raise ConflictError(_("The matter is no longer open for statements."), code="not_open")
    if matter.deadline <= timezone.now():
        raise ConflictError(
            _("The deadline for statements was %(deadline)s. No statement can be sent after it.")
            % {"deadline": deadline_text(matter.deadline)},
            code="deadline_passed",
        )


@transaction.atomic
def statement_save(
    *, actor, matter: Matter, member: Member, text: str, is_public: bool = False, send: bool = True
) -> Statement:
    """Saves the member's statement, as a draft (`send=False`) or sent. A member has one statement: sending
    again becomes an edit, and the earlier sent text is kept in its history."""
    matter = lock(matter)
    _check_can_answer(actor, matter, member)
    text = clean(text, STATEMENT_MAX)
    if send and not text:
        raise DomainError(_("Write the statement before sending it."), code="text_required")
    if is_public:
        refuse_personal_data(text, code="public_personal_data")
    statement = Statement.objects.select_for_update().filter(matter=matter, member=member).first()
    now = timezone.now()
    if statement is None:
        statement = Statement(matter=matter, member=member, created_by=actor)
    elif statement.status != Statement.Status.DRAFT:
        # The earlier sent (or declined) version stays in the history.
        StatementVersion.objects.create(
            statement=statement,
            status=statement.status,
            text=statement.text,
            is_public=statement.is_public,
            saved_at=statement.updated_at,
            saved_by=statement.updated_by,
        )
        if not send:
            raise ConflictError(
                _("The statement has already been sent; save your changes by sending it again."),
                code="already_sent",
            )
    before = {"status": statement.status, "is_public": statement.is_public} if statement.pk else None
    statement.text = text
    statement.is_public = bool(is_public)
    statement.status = Statement.Status.SUBMITTED if send else Statement.Status.DRAFT
    statement.updated_by = actor
    if send:
        statement.submitted_at = now
    statement.save()
    audit_record(
        actor=actor,
        action="influencernet.statement_send" if send else "influencernet.statement_draft",
        obj=statement,
        before=before,
        after={"status": statement.status, "is_public": statement.is_public, "length": len(text)},
    )
    return statement


@transaction.atomic
def statement_decline(*, actor, matter: Matter, member: Member) -> Statement:
    """The member says it will not answer."""
    matter = lock(matter)
    _check_can_answer(actor, matter, member)
    statement = Statement.objects.select_for_update().filter(matter=matter, member=member).first()
    if statement is not None and statement.status == Statement.Status.SUBMITTED:
        raise ConflictError(_("The member has already sent its statement."), code="already_sent")
    if statement is None:
        statement = Statement(matter=matter, member=member, created_by=actor)
    statement.status = Statement.Status.DECLINED
    statement.is_public = False
    statement.updated_by = actor
    statement.submitted_at = timezone.now()
    statement.save()
    audit_record(
        actor=actor, action="influencernet.statement_decline", obj=statement, after={"status": "declined"}
    )
    return statement


@transaction.atomic
def matter_respond(*, actor, matter: Matter, response: str) -> Matter:
    """The family centre writes how the statements were used. Possible after the deadline (or once every
    asked member has answered). It reaches every member that sent a statement."""
    if not can_handle_matter(actor, matter):
        raise PermissionDenied
    matter = lock(matter)
    if matter.status != Matter.Status.OPEN:
        raise ConflictError(
            _("The response to this matter has already been given."), code="already_responded"
        )
    asked = set(matter.asked_members.values_list("pk", flat=True))
    answered = set(
        matter.statements.exclude(status=Statement.Status.DRAFT).values_list("member_id", flat=True)
    )
    if matter.deadline > timezone.now() and not asked <= answered:
        raise ConflictError(
            _(
                "The response is written after the deadline (%(deadline)s) or once every asked member has answered."
            )
            % {"deadline": deadline_text(matter.deadline)},
            code="too_early",
        )
    response = clean(response, RESPONSE_MAX)
    if not response:
        raise DomainError(_("Write how the statements were used."), code="response_required")
    refuse_personal_data(response)
    now = timezone.now()
    matter = transition(
        matter,
        actor=actor,
        to=Matter.Status.RESPONDED,
        allowed_from=[Matter.Status.OPEN],
        action="influencernet.matter_respond",
        changes={"response": response, "responded_at": now, "responded_by": actor},
    )
    senders = list(
        Member.objects.filter(
            pk__in=matter.statements.filter(status=Statement.Status.SUBMITTED).values("member_id")
        )
    )
    ResponseDelivery.objects.bulk_create(
        [ResponseDelivery(matter=matter, member=m, notified_at=now) for m in senders], ignore_conflicts=True
    )
    notification_send(
        actor=actor,
        recipients=member_users(senders),
        verb="influencernet.matter_response",
        text=_("%(centre)s told how the statements on “%(title)s” were used.")
        % {"centre": matter.family_centre.name, "title": matter.title},
        url=matter.get_absolute_url(),
    )
    from ..tasks import deliver_response_emails

    pk = matter.pk
    transaction.on_commit(lambda: deliver_response_emails.delay(pk))
    return matter


@transaction.atomic
def matter_close(*, actor, matter: Matter) -> Matter:
    if not can_handle_matter(actor, matter):
        raise PermissionDenied
    matter = lock(matter)
    if matter.status == Matter.Status.OPEN or not matter.response:
        raise DomainError(
            _(
                "The matter cannot be closed before the family centre has written its response: how the "
                "statements were used."
            ),
            code="response_required",
        )
    return transition(
        matter,
        actor=actor,
        to=Matter.Status.CLOSED,
        allowed_from=[Matter.Status.RESPONDED],
        action="influencernet.matter_close",
        changes={"closed_at": timezone.now()},
        message=_("The matter has already been closed."),
    )


@transaction.atomic
def matter_document_add(*, actor, matter: Matter, title: str, upload) -> MatterDocument:
    """A background document for the members, checked like co-development's documents: the size, and the
    type by the file's content; stored under a random name."""
    if not can_handle_matter(actor, matter):
        raise PermissionDenied
    matter = lock(matter)
    if matter.status == Matter.Status.CLOSED:
        raise ConflictError(_("The matter has already been closed."), code="closed")
    title = clean(title, 200)
    if not title:
        raise DomainError(_("Give the document a title."), code="title_required")
    if upload is None or not upload.size:
        raise DomainError(_("Choose a file."), code="file_required")
    limit = filetypes.document_max_bytes()
    if upload.size > limit:
        raise DomainError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": f"{limit / (1024 * 1024):.0f}"},
            code="file_too_large",
        )
    content_type = filetypes.detect_content_type(upload)
    if content_type is None:
        raise DomainError(
            _("This type of file is not accepted. Accepted are: %(types)s.")
            % {"types": filetypes.accepted_types_text()},
            code="file_type",
        )
    original_name = filetypes.safe_file_name(upload.name)
    document = MatterDocument(
        matter=matter,
        title=title,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        created_by=actor,
    )
    upload.seek(0)
    document.file.save(original_name, upload, save=False)
    stored = document.file.name
    try:
        document.save()
        audit_record(
            actor=actor,
            action="influencernet.matter_document_add",
            obj=document,
            after={"title": title, "content_type": content_type, "size": upload.size},
        )
    except Exception:
        # A failed write must not leave the stored file behind.
        document.file.storage.delete(stored)
        raise
    return document
