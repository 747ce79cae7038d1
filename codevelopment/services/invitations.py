"""Writes for invitations: the coordinator invites a person by email (a client representative even without
an account), sends the link again or revokes it, and the invited person accepts with a new limited account or
their own. Only a hash of the link's token is stored; the email goes after the commit (receivers.py)."""

from __future__ import annotations

import secrets
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
from familycentres.models import Membership

from ..models import DevelopmentProcess, Invitation
from ..selectors.invitations import invitation_for_token, token_hash
from ..signals import invitation_link_issued
from .common import MEMBER_ROLES, clean, locked_for_edit, log_event

INVITATION_VALID_DAYS = 14


def new_token() -> tuple[str, str]:
    """A new link token and the hash that is stored of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def announce_link(invitation: Invitation, token: str) -> None:
    """Tells the receivers a link was made; the email itself is sent after the commit (receivers.py), in
    the language of the page that made it."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    invitation_link_issued.send(sender=Invitation, invitation=invitation, token=token, language=language)


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
    process = locked_for_edit(actor, process)
    email = clean(email, 254).lower()
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
    token, hashed = new_token()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                process=process,
                email=email,
                full_name=clean(full_name, 200),
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
    log_event(process, actor, _("Invitation sent (%(role)s).") % {"role": invitation.get_role_display()})
    audit_record(
        actor=actor,
        action="codevelopment.invitation_create",
        obj=invitation,
        after={"email": email, "role": role, "background": background},
    )
    announce_link(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) valid for another 14 days."""
    process = locked_for_edit(actor, invitation.process)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, process=process)
    if invitation.accepted_at or invitation.revoked_at:
        raise ConflictError(_("Only an open or expired invitation can be sent again."), code="not_open")
    token, hashed = new_token()
    invitation.token_hash = hashed
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
    log_event(process, actor, _("Invitation sent again."))
    audit_record(
        actor=actor,
        action="codevelopment.invitation_resend",
        obj=invitation,
        after={"expires_at": invitation.expires_at.isoformat()},
    )
    announce_link(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    process = locked_for_edit(actor, invitation.process)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, process=process)
    if invitation.accepted_at or invitation.revoked_at:
        raise ConflictError(_("Only an open or expired invitation can be revoked."), code="not_open")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    log_event(process, actor, _("Invitation revoked."))
    audit_record(
        actor=actor,
        action="codevelopment.invitation_revoke",
        obj=invitation,
        before={"revoked_at": None},
        after={"revoked_at": invitation.revoked_at.isoformat()},
    )
    return invitation


def membership_from_invitation(invitation: Invitation, user) -> Membership:
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
    log_event(
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
    full_name = clean(full_name, 150)
    if not full_name:
        raise DomainError(_("Give your name."), code="name_required")
    problems = password_problems(password, email=invitation.email, full_name=full_name)
    if problems:
        raise DomainError(" ".join(problems), code="password")
    user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    audit_record(actor=user, action="codevelopment.invitation_account", obj=user, after={"email": user.email})
    membership_from_invitation(invitation, user)
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
    return membership_from_invitation(invitation, user)
