"""Members of the network, their representatives, and the representatives' limited accounts.

The invitation follows co-development's: a random token is emailed, only its hash is stored
(codevelopment.workspace.token_hash), it is valid for the same number of days, and a new account made
through it is a limited one: a client representative of the network's group, which sees only the
network's pages (familycentres.permissions.is_limited_account)."""

from __future__ import annotations

import datetime
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from codevelopment.selectors.invitations import token_hash
from codevelopment.services.invitations import INVITATION_VALID_DAYS, password_problems
from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.transitions import lock
from familycentres.models import Membership

from ..models import Member, Network, Representative
from ..permissions import can_manage_network
from .common import clean


def _check_manage(actor, network: Network) -> None:
    if not can_manage_network(actor, network):
        raise PermissionDenied


def _member_fields(*, name, kind, email, phone, website, description) -> dict:
    name = clean(name, 200)
    if not name:
        raise DomainError(_("Give the member a name."), code="name_required")
    if kind not in Member.Kind.values:
        raise DomainError(_("Choose what kind of member this is."), code="kind")
    return {
        "name": name,
        "kind": kind,
        "email": clean(email, 254).lower(),
        "phone": clean(phone, 40),
        "website": clean(website, 200),
        "description": clean(description, 5_000),
    }


@transaction.atomic
def member_add(
    *,
    actor,
    network: Network,
    name: str,
    kind: str,
    email: str = "",
    phone: str = "",
    website: str = "",
    description: str = "",
    joined_on: datetime.date | None = None,
    areas=(),
    organisation=None,
) -> Member:
    _check_manage(actor, network)
    fields = _member_fields(
        name=name, kind=kind, email=email, phone=phone, website=website, description=description
    )
    if Member.objects.filter(network=network, name__iexact=fields["name"]).exists():
        raise ConflictError(_("The network already has a member with this name."), code="name_taken")
    member = Member.objects.create(
        network=network,
        organisation=organisation,
        joined_on=joined_on or timezone.localdate(),
        created_by=actor,
        **fields,
    )
    member.areas.set(list(areas))
    audit_record(actor=actor, action="influencernet.member_add", obj=member, after={"name": member.name})
    return member


@transaction.atomic
def member_update(
    *, actor, member: Member, name: str, kind: str, email="", phone="", website="", description="", areas=()
) -> Member:
    _check_manage(actor, member.network)
    member = lock(member)
    fields = _member_fields(
        name=name, kind=kind, email=email, phone=phone, website=website, description=description
    )
    if (
        Member.objects.filter(network=member.network, name__iexact=fields["name"])
        .exclude(pk=member.pk)
        .exists()
    ):
        raise ConflictError(_("The network already has a member with this name."), code="name_taken")
    before = {key: getattr(member, key) for key in fields}
    for key, value in fields.items():
        setattr(member, key, value)
    member.save()
    member.areas.set(list(areas))
    audit_record(actor=actor, action="influencernet.member_update", obj=member, before=before, after=fields)
    return member


@transaction.atomic
def member_leave(*, actor, member: Member, left_on: datetime.date | None = None) -> Member:
    """The member leaves the network: its representatives' roles end, and with them their access (unless
    they represent another current member) and its reminders."""
    _check_manage(actor, member.network)
    member = lock(member)
    if member.left_on is not None:
        raise ConflictError(_("The member has already left the network."), code="already_left")
    left_on = left_on or timezone.localdate()
    if left_on > timezone.localdate():
        raise DomainError(_("Record the leaving when it has happened."), code="left_on")
    if left_on < member.joined_on:
        raise DomainError(_("A member cannot leave before it joined."), code="left_on")
    member.left_on = left_on
    member.save(update_fields=["left_on", "updated_at"])
    for rep in member.representatives.current():
        _end_representative(actor, rep, left_on)
    audit_record(
        actor=actor, action="influencernet.member_leave", obj=member, after={"left_on": left_on.isoformat()}
    )
    return member


def _end_representative(actor, rep: Representative, on: datetime.date) -> None:
    rep.ended_on = max(on, rep.started_on)
    rep.save(update_fields=["ended_on", "updated_at"])
    if rep.user_id is None:
        return
    network = rep.member.network
    still = (
        Representative.objects.current()
        .filter(user_id=rep.user_id, member__network=network)
        .exclude(pk=rep.pk)
        .exists()
    )
    if not still:
        # SECURITY: no current representation, no access to the network's pages.
        Membership.objects.current().filter(
            group=network.group, user_id=rep.user_id, role=Membership.Role.CLIENT_REPRESENTATIVE
        ).update(ended_on=timezone.localdate())
    for cache in ("_ilmio_roles_cache", "_ilmio_limited_cache"):
        getattr(rep.user, "__dict__", {}).pop(cache, None)


@transaction.atomic
def representative_add(
    *, actor, member: Member, full_name: str, email: str, phone: str = ""
) -> Representative:
    _check_manage(actor, member.network)
    if not member.is_current:
        raise ConflictError(_("The member has left the network."), code="member_left")
    full_name = clean(full_name, 150)
    email = clean(email, 254).lower()
    if not full_name:
        raise DomainError(_("Give the representative's name."), code="name_required")
    if not email or "@" not in email:
        raise DomainError(_("Give a valid email address."), code="invalid_email")
    try:
        with transaction.atomic():
            rep = Representative.objects.create(
                member=member, full_name=full_name, email=email, phone=clean(phone, 40), created_by=actor
            )
    except IntegrityError:
        raise ConflictError(
            _("This person already represents the member."), code="already_representative"
        ) from None
    audit_record(actor=actor, action="influencernet.representative_add", obj=rep, after={"member": member.pk})
    return rep


@transaction.atomic
def representative_end(*, actor, representative: Representative) -> Representative:
    _check_manage(actor, representative.member.network)
    rep = lock(representative)
    if rep.ended_on is not None:
        raise ConflictError(_("The representative's role has already ended."), code="already_ended")
    _end_representative(actor, rep, timezone.localdate())
    audit_record(actor=actor, action="influencernet.representative_end", obj=rep, after={"ended": True})
    return rep


def invitation_status(rep: Representative, now=None) -> str:
    now = now or timezone.now()
    if rep.invitation_accepted_at or rep.user_id:
        return "accepted"
    if not rep.invitation_token_hash:
        return "none"
    if rep.invitation_expires_at and rep.invitation_expires_at <= now:
        return "expired"
    return "open"


@transaction.atomic
def representative_invite(*, actor, representative: Representative) -> Representative:
    """Emails the representative a link to a limited account (or to link their existing account). Sending
    again makes a new link; the old one stops working."""
    _check_manage(actor, representative.member.network)
    rep = lock(representative)
    if rep.ended_on is not None or not rep.member.is_current:
        raise ConflictError(_("The representative's role has ended."), code="ended")
    if rep.user_id is not None:
        raise ConflictError(_("The representative already has an account here."), code="already_joined")
    user = get_user_model().objects.filter(email__iexact=rep.email).first()
    if user is not None and not user.is_active:
        raise DomainError(_("The account with this email address is not active."), code="inactive_user")
    token = secrets.token_urlsafe(32)
    rep.invitation_token_hash = token_hash(token)
    rep.invitation_expires_at = timezone.now() + timedelta(days=INVITATION_VALID_DAYS)
    rep.save(update_fields=["invitation_token_hash", "invitation_expires_at", "updated_at"])
    audit_record(
        actor=actor,
        action="influencernet.representative_invite",
        obj=rep,
        after={"expires_at": rep.invitation_expires_at.isoformat()},
    )
    from ..tasks import send_representative_invitation

    language = translation.get_language() or settings.LANGUAGE_CODE
    pk = rep.pk
    transaction.on_commit(lambda: send_representative_invitation.delay(pk, token, language))
    return rep


class InvitationUnusable(DomainError):
    """The link is unknown, used or expired; `code` says which."""


def representative_for_token(token: str, *, lock_row: bool = False) -> Representative:
    qs = Representative.objects.select_related("member__network__group")
    if lock_row:
        qs = qs.select_for_update(of=("self",))
    rep = qs.filter(invitation_token_hash=token_hash(token or "")).exclude(invitation_token_hash="").first()
    if rep is None:
        raise InvitationUnusable(_("This invitation link is not valid."), code="unknown")
    status = invitation_status(rep)
    if status == "accepted":
        raise InvitationUnusable(_("This invitation has already been used."), code="accepted")
    if status == "expired":
        raise InvitationUnusable(_("This invitation has expired."), code="expired")
    if rep.ended_on is not None or not rep.member.is_current:
        raise InvitationUnusable(_("This invitation has been withdrawn."), code="revoked")
    return rep


def _join(rep: Representative, user) -> Representative:
    network = rep.member.network
    if (
        not Membership.objects.current()
        .filter(group=network.group, user=user, role=Membership.Role.CLIENT_REPRESENTATIVE)
        .exists()
    ):
        Membership.objects.create(
            group=network.group,
            user=user,
            role=Membership.Role.CLIENT_REPRESENTATIVE,
            background=Membership.Background.INFLUENCE_GROUP,
            organisation=rep.member.organisation,
            created_by=rep.created_by,
        )
    rep.user = user
    rep.invitation_accepted_at = timezone.now()
    rep.invitation_token_hash = ""
    rep.save(update_fields=["user", "invitation_accepted_at", "invitation_token_hash", "updated_at"])
    for cache in ("_ilmio_roles_cache", "_ilmio_limited_cache"):
        user.__dict__.pop(cache, None)
    audit_record(actor=user, action="influencernet.representative_join", obj=rep, after={"user": user.pk})
    return rep


@transaction.atomic
def representative_accept_new_account(*, token: str, full_name: str, password: str):
    """Makes the representative's limited account and joins it to the network's group. Returns the user."""
    rep = representative_for_token(token, lock_row=True)
    User = get_user_model()
    if User.objects.filter(email__iexact=rep.email).exists():
        raise ConflictError(
            _("An account with this email address already exists. Sign in to accept."), code="has_account"
        )
    full_name = clean(full_name, 150)
    if not full_name:
        raise DomainError(_("Give your name."), code="name_required")
    problems = password_problems(password, email=rep.email, full_name=full_name)
    if problems:
        raise DomainError(" ".join(problems), code="password")
    user = User.objects.create_user(email=rep.email, password=password, full_name=full_name)
    audit_record(
        actor=user, action="influencernet.representative_account", obj=user, after={"email": user.email}
    )
    _join(rep, user)
    return user


@transaction.atomic
def representative_accept_existing(*, token: str, user) -> Representative:
    rep = representative_for_token(token, lock_row=True)
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        raise PermissionDenied
    if user.email.lower() != rep.email.lower():
        raise DomainError(
            _("This invitation was sent to another email address. Sign in with that address to accept."),
            code="wrong_account",
        )
    return _join(rep, user)
