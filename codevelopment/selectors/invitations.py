"""Reads for invitations: a link's token found by its hash, and an invitation's state. Nothing else than the
hash of a token is ever stored."""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from ..models import DevelopmentProcess, Invitation


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


def invitation_page(process: DevelopmentProcess) -> QuerySet[Invitation]:
    return process.invitations.select_related("accepted_by").order_by("-created_at", "-id")
