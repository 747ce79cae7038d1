"""Writes for the developer group's own workspace tools: meetings and their memos, structured dialogues,
documents, invitations of client representatives and the local sub-teams of a learning network. Same rules
as codevelopment.services: atomic, permission checked again here, audited, and a line in the running log."""

from __future__ import annotations

import datetime
import hashlib
import os
import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from familycentres import services as familycentres_services
from familycentres.models import FamilyCentre, Group, Meeting, Membership
from observations.pii import personal_data_kinds

from . import filetypes
from .models import DevelopmentProcess, DialogueRecord, Document, Invitation
from .permissions import can_coordinate_process, can_delete_document, can_upload_document
from .services import MEMBER_ROLES, _clean, _locked_for_edit, _log

INVITATION_VALID_DAYS = 14
DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


# Meetings ------------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_plan(
    *,
    actor,
    process: DevelopmentProcess,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    video_url: str = "",
) -> Meeting:
    """The coordinator or facilitator plans a meeting of the developer group; its members are invited."""
    process = _locked_for_edit(actor, process)
    title = _clean(title, 200)
    if not title:
        raise DomainError(_("Give the meeting a title."), code="title_required")
    meeting = familycentres_services.meeting_create_authorised(
        actor=actor,
        group=process.group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=_clean(location, 200),
        video_url=video_url,
    )
    local = timezone.localtime(meeting.starts_at)
    _log(
        process,
        actor,
        _("Meeting planned: %(title)s, %(when)s") % {"title": title, "when": f"{local:%d.%m.%Y %H:%M}"},
    )
    return meeting


@transaction.atomic
def meeting_memo_save(*, actor, process: DevelopmentProcess, meeting: Meeting, memo: str) -> Meeting:
    """Stores the memo of a developer-group meeting as the meeting's minutes (audited there)."""
    process = _locked_for_edit(actor, process)
    if meeting.group_id != process.group_id:
        raise PermissionDenied
    memo = _clean(memo, 100_000)
    if not memo:
        raise DomainError(_("Write the memo."), code="memo_required")
    had_memo = bool(meeting.minutes)
    meeting = familycentres_services.meeting_minutes_store(actor=actor, meeting=meeting, minutes=memo)
    text = _("Memo corrected: %(title)s") if had_memo else _("Memo written: %(title)s")
    _log(process, actor, text % {"title": meeting.title})
    return meeting


# Structured dialogues ------------------------------------------------------------------------------------


def _no_personal_data(text: str, code: str) -> None:
    if personal_data_kinds(text):
        raise DomainError(
            _(
                "This looks like it contains personal data (a name with contact details, a phone number, "
                "an email or street address or an identity code). Describe people by their role or group, "
                "for example “three parents”, not by name or contact details."
            ),
            code=code,
        )


@transaction.atomic
def dialogue_add(
    *,
    actor,
    process: DevelopmentProcess,
    method: str,
    held_on: datetime.date,
    question: str,
    participants: str,
    heard: str,
) -> DialogueRecord:
    process = _locked_for_edit(actor, process)
    if method not in DialogueRecord.Method.values:
        raise DomainError(_("Choose a valid method."), code="invalid_method")
    question, participants, heard = _clean(question), _clean(participants), _clean(heard, 20_000)
    if not question:
        raise DomainError(_("Write the question of the dialogue."), code="question_required")
    if not participants:
        raise DomainError(_("Say who took part, by role or group."), code="participants_required")
    if not heard:
        raise DomainError(_("Write what was heard."), code="heard_required")
    _no_personal_data(participants, "participants_personal_data")
    _no_personal_data(heard, "heard_personal_data")
    record = DialogueRecord.objects.create(
        process=process,
        method=method,
        held_on=held_on,
        question=question,
        participants=participants,
        heard=heard,
        created_by=actor,
    )
    _log(
        process,
        actor,
        _("Dialogue recorded (%(method)s): %(question)s")
        % {"method": record.get_method_display(), "question": question[:200]},
    )
    audit_record(
        actor=actor,
        action="codevelopment.dialogue_add",
        obj=record,
        after={"method": method, "held_on": str(held_on)},
    )
    return record


# Documents -----------------------------------------------------------------------------------------------


def document_max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES))


def safe_file_name(name: str) -> str:
    """The original name, for showing and for the download's name only: no folders, no control
    characters, at most 255 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 250 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else name[:255]
    return name or "document"


def accepted_types_text() -> str:
    return _(
        "PDF, PNG or JPEG images, Word, Excel or PowerPoint files (docx, xlsx, pptx), OpenDocument files "
        "(odt, ods, odp) or plain text (UTF-8)"
    )


@transaction.atomic
def document_upload(*, actor, process: DevelopmentProcess, title: str, upload) -> Document:
    """Checks the size and the type (by content) before the file is stored under a random name."""
    process = DevelopmentProcess.objects.select_for_update().select_related("group").get(pk=process.pk)
    if not can_upload_document(actor, process):
        raise PermissionDenied
    if process.stage == DevelopmentProcess.Stage.CLOSED:
        raise ConflictError(_("The co-development process has been closed."), code="closed")
    title = _clean(title, 200)
    if not title:
        raise DomainError(_("Give the document a title."), code="title_required")
    if upload is None or not upload.size:
        raise DomainError(_("Choose a file."), code="file_required")
    limit = document_max_bytes()
    if upload.size > limit:
        raise DomainError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": f"{limit / (1024 * 1024):.0f}"},
            code="file_too_large",
        )
    content_type = filetypes.detect_content_type(upload)
    if content_type is None:
        raise DomainError(
            _("This type of file is not accepted. Accepted are: %(types)s.")
            % {"types": accepted_types_text()},
            code="file_type",
        )
    original_name = safe_file_name(upload.name)
    document = Document(
        process=process,
        title=title,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        created_by=actor,
    )
    upload.seek(0)
    document.file.save(original_name, upload, save=False)
    stored_name = document.file.name
    try:
        document.save()
        _log(process, actor, _("Document added: %(title)s") % {"title": title})
        audit_record(
            actor=actor,
            action="codevelopment.document_upload",
            obj=document,
            after={"title": title, "content_type": content_type, "size": upload.size},
        )
    except Exception:
        # A failed write must not leave the stored file behind.
        document.file.storage.delete(stored_name)
        raise
    return document


@transaction.atomic
def document_delete(*, actor, document: Document) -> None:
    document = Document.objects.select_for_update().select_related("process__group").get(pk=document.pk)
    if not can_delete_document(actor, document):
        raise PermissionDenied
    process = document.process
    storage, name = document.file.storage, document.file.name
    before = {"title": document.title, "original_name": document.original_name, "size": document.size}
    audit_record(actor=actor, action="codevelopment.document_delete", obj=document, before=before)
    document.delete()
    _log(process, actor, _("Document removed: %(title)s") % {"title": before["title"]})
    # The file goes only when the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name))


# Invitations ---------------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def invitation_status(invitation: Invitation, now: datetime.datetime | None = None) -> str:
    now = now or timezone.now()
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return "open"


def _send_invitation(invitation: Invitation, token: str) -> None:
    from .tasks import send_invitation_email

    language = translation.get_language() or settings.LANGUAGE_CODE
    pk = invitation.pk
    transaction.on_commit(lambda: send_invitation_email.delay(pk, token, language))


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


@transaction.atomic
def invitation_create(
    *,
    actor,
    process: DevelopmentProcess,
    email: str,
    full_name: str = "",
    role: str = Membership.Role.CLIENT_REPRESENTATIVE,
    background: str = "",
) -> Invitation:
    """Invites a person by email. Only a client representative can be invited without an existing
    account: a new account made through an invitation is always a limited one."""
    process = _locked_for_edit(actor, process)
    email = _clean(email, 254).lower()
    if not email or "@" not in email:
        raise DomainError(_("Give a valid email address."), code="invalid_email")
    if role not in MEMBER_ROLES:
        raise DomainError(_("Choose a valid role."), code="invalid_role")
    if background and background not in Membership.Background.values:
        raise DomainError(_("Choose what the person takes part as."), code="invalid_background")
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None and role != Membership.Role.CLIENT_REPRESENTATIVE:
        raise DomainError(
            _(
                "A person without an account can be invited only as a client representative. "
                "Professionals need an account from the administrator first."
            ),
            code="role_needs_account",
        )
    if user is not None and not user.is_active:
        raise DomainError(_("The account with this email address is not active."), code="inactive_user")
    if (
        user is not None
        and Membership.objects.current().filter(group=process.group, user=user, role=role).exists()
    ):
        raise ConflictError(_("The person already has this role in the group."), code="already_member")
    now = timezone.now()
    existing = (
        Invitation.objects.select_for_update()
        .filter(process=process, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if existing is not None:
        if existing.expires_at > now:
            raise ConflictError(
                _("An invitation to this address is already open. Send it again from the list if needed."),
                code="already_invited",
            )
        # An expired invitation gives way to the new one.
        existing.revoked_at = now
        existing.save(update_fields=["revoked_at", "updated_at"])
    token, hashed = _new_token()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                process=process,
                email=email,
                full_name=_clean(full_name, 200),
                role=role,
                background=background,
                token_hash=hashed,
                expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
                created_by=actor,
            )
    except IntegrityError:
        raise ConflictError(
            _("An invitation to this address is already open. Send it again from the list if needed."),
            code="already_invited",
        ) from None
    _log(process, actor, _("Invitation sent (%(role)s).") % {"role": invitation.get_role_display()})
    audit_record(
        actor=actor,
        action="codevelopment.invitation_create",
        obj=invitation,
        after={"email": email, "role": role, "background": background},
    )
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) valid for another 14 days."""
    process = _locked_for_edit(actor, invitation.process)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, process=process)
    if invitation.accepted_at or invitation.revoked_at:
        raise ConflictError(_("Only an open or expired invitation can be sent again."), code="not_open")
    token, hashed = _new_token()
    invitation.token_hash = hashed
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
    _log(process, actor, _("Invitation sent again."))
    audit_record(
        actor=actor,
        action="codevelopment.invitation_resend",
        obj=invitation,
        after={"expires_at": invitation.expires_at.isoformat()},
    )
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    process = _locked_for_edit(actor, invitation.process)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, process=process)
    if invitation.accepted_at or invitation.revoked_at:
        raise ConflictError(_("Only an open or expired invitation can be revoked."), code="not_open")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    _log(process, actor, _("Invitation revoked."))
    audit_record(
        actor=actor,
        action="codevelopment.invitation_revoke",
        obj=invitation,
        before={"revoked_at": None},
        after={"revoked_at": invitation.revoked_at.isoformat()},
    )
    return invitation


class InvitationUnusable(DomainError):
    """The link is unknown, used, expired or revoked; `code` says which."""


def invitation_for_token(token: str, *, lock: bool = False) -> Invitation:
    qs = Invitation.objects.select_related("process__group")
    if lock:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(token_hash=token_hash(token or "")).first()
    if invitation is None:
        raise InvitationUnusable(_("This invitation link is not valid."), code="unknown")
    status = invitation_status(invitation)
    if status == "accepted":
        raise InvitationUnusable(_("This invitation has already been used."), code="accepted")
    if status == "revoked":
        raise InvitationUnusable(_("This invitation has been withdrawn."), code="revoked")
    if status == "expired":
        raise InvitationUnusable(_("This invitation has expired."), code="expired")
    if invitation.process.stage == DevelopmentProcess.Stage.CLOSED:
        raise InvitationUnusable(_("The co-development process has been closed."), code="closed")
    return invitation


def _join(invitation: Invitation, user) -> Membership:
    process = invitation.process
    membership = (
        Membership.objects.current().filter(group=process.group, user=user, role=invitation.role).first()
    )
    if membership is None:
        membership = Membership.objects.create(
            group=process.group,
            user=user,
            role=invitation.role,
            background=invitation.background,
            created_by=invitation.created_by,
        )
    elif invitation.background and not membership.background:
        membership.background = invitation.background
        membership.save(update_fields=["background", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    for cache in ("_ilmio_roles_cache", "_ilmio_limited_cache"):
        user.__dict__.pop(cache, None)
    _log(
        process,
        user,
        _("%(person)s accepted the invitation and joined as %(role)s.")
        % {"person": user.full_name or user.email, "role": membership.get_role_display()},
    )
    audit_record(
        actor=user,
        action="codevelopment.invitation_accept",
        obj=invitation,
        after={"membership": membership.pk, "user": user.pk},
    )
    return membership


def password_problems(password: str, *, email: str, full_name: str) -> list[str]:
    probe = get_user_model()(email=email, full_name=full_name)
    try:
        validate_password(password, user=probe)
    except ValidationError as exc:
        return list(exc.messages)
    return []


@transaction.atomic
def invitation_accept_new_account(*, token: str, full_name: str, password: str):
    """Makes the invited person's (limited) account and their membership. Returns the new user."""
    invitation = invitation_for_token(token, lock=True)
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ConflictError(
            _("An account with this email address already exists. Sign in to accept."), code="has_account"
        )
    if invitation.role != Membership.Role.CLIENT_REPRESENTATIVE:
        raise DomainError(
            _("This invitation needs an existing account. Ask the coordinator."), code="role_needs_account"
        )
    full_name = _clean(full_name, 150)
    if not full_name:
        raise DomainError(_("Give your name."), code="name_required")
    problems = password_problems(password, email=invitation.email, full_name=full_name)
    if problems:
        raise DomainError(" ".join(problems), code="password")
    user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    audit_record(actor=user, action="codevelopment.invitation_account", obj=user, after={"email": user.email})
    _join(invitation, user)
    return user


@transaction.atomic
def invitation_accept_existing(*, token: str, user) -> Membership:
    invitation = invitation_for_token(token, lock=True)
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        raise PermissionDenied
    if user.email.lower() != invitation.email.lower():
        raise DomainError(
            _("This invitation was sent to another email address. Sign in with that address to accept."),
            code="wrong_account",
        )
    return _join(invitation, user)


# Learning network sub-teams ------------------------------------------------------------------------------


@transaction.atomic
def subteam_add(*, actor, process: DevelopmentProcess, name: str, family_centre: FamilyCentre) -> Group:
    """A local sub-team of a learning network: a working group under the developer group, in one family
    centre, with the actor as its coordinator."""
    process = DevelopmentProcess.objects.select_for_update().select_related("group").get(pk=process.pk)
    if not can_coordinate_process(actor, process):
        raise PermissionDenied
    if process.stage == DevelopmentProcess.Stage.CLOSED:
        raise ConflictError(_("The co-development process has been closed."), code="closed")
    if not process.is_learning_network:
        raise DomainError(_("Only a learning network has local sub-teams."), code="not_learning_network")
    name = _clean(name, 200)
    if not name:
        raise DomainError(_("Give the sub-team a name."), code="name_required")
    if family_centre is None:
        raise DomainError(_("Choose the family centre."), code="family_centre_required")
    group = Group.objects.create(
        name=name,
        kind=Group.Kind.WORKING_GROUP,
        level=Group.Level.LOCAL,
        family_centre=family_centre,
        parent=process.group,
        created_by=actor,
    )
    Membership.objects.create(group=group, user=actor, role=Membership.Role.COORDINATOR, created_by=actor)
    actor.__dict__.pop("_ilmio_roles_cache", None)
    _log(
        process,
        actor,
        _("Local sub-team added: %(name)s (%(centre)s)") % {"name": name, "centre": family_centre.name},
    )
    audit_record(
        actor=actor,
        action="codevelopment.subteam_add",
        obj=group,
        after={"name": name, "family_centre": family_centre.pk, "parent": process.group_id},
    )
    return group
