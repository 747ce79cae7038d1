"""Calls for participants: the coordinator asks the network for people for a theme; members nominate; the
coordinator accepts or declines each with a reason; accepted people are invited to the developer group's
limited accounts through co-development's own invitation (codevelopment.workspace.invitation_create)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from codevelopment.models import DevelopmentProcess
from codevelopment.permissions import can_edit_process
from codevelopment.services import invitations as codev_invitations
from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from core.transitions import lock, transition
from familycentres.models import Membership

from ..models import Call, Member, Network, Nomination
from ..permissions import can_decide_nomination, can_manage_network, represented_members
from .common import clean, member_users


@transaction.atomic
def call_create(
    *,
    actor,
    network: Network,
    title: str,
    description: str,
    how_many: int,
    deadline: datetime.date,
    process: DevelopmentProcess | None = None,
) -> Call:
    if not can_manage_network(actor, network):
        raise PermissionDenied
    title = clean(title, 200)
    description = clean(description, 10_000)
    if not title:
        raise DomainError(_("Give the theme of the call."), code="title_required")
    if not description:
        raise DomainError(_("Say what kind of people are sought."), code="description_required")
    if not how_many or how_many < 1:
        raise DomainError(_("Say how many people are sought."), code="how_many")
    if deadline is None or deadline < timezone.localdate():
        raise DomainError(_("The deadline cannot be in the past."), code="deadline")
    if (
        process is not None
        and not DevelopmentProcess.objects.visible_to(actor).filter(pk=process.pk).exists()
    ):
        raise DomainError(_("Choose a developer group you can see."), code="process")
    call = Call.objects.create(
        network=network,
        title=title,
        description=description,
        how_many=how_many,
        deadline=deadline,
        process=process,
        created_by=actor,
    )
    audit_record(actor=actor, action="influencernet.call_create", obj=call, after={"title": title})
    notification_send(
        actor=actor,
        recipients=member_users(Member.objects.current().filter(network=network)),
        verb="influencernet.call_new",
        text=_("The network asks for participants: %(title)s (by %(date)s).")
        % {"title": title, "date": deadline.strftime("%d.%m.%Y")},
        url=call.get_absolute_url(),
    )
    return call


@transaction.atomic
def call_close(*, actor, call: Call) -> Call:
    if not can_manage_network(actor, call.network):
        raise PermissionDenied
    return transition(
        call,
        actor=actor,
        to=Call.Status.CLOSED,
        allowed_from=[Call.Status.OPEN],
        action="influencernet.call_close",
        message=_("The call has already been closed."),
    )


@transaction.atomic
def nomination_add(
    *, actor, call: Call, member: Member, full_name: str, email: str, description: str = ""
) -> Nomination:
    call = lock(call)
    if not represented_members(actor, call.network).filter(pk=member.pk).exists():
        raise PermissionDenied
    if call.status != Call.Status.OPEN or call.deadline < timezone.localdate():
        raise ConflictError(
            _("Nominations were taken until %(date)s.") % {"date": call.deadline.strftime("%d.%m.%Y")},
            code="closed",
        )
    full_name = clean(full_name, 150)
    email = clean(email, 254).lower()
    if not full_name:
        raise DomainError(_("Give the person's name."), code="name_required")
    if not email or "@" not in email:
        raise DomainError(_("Give a valid email address."), code="invalid_email")
    if call.nominations.filter(email__iexact=email).exclude(status=Nomination.Status.DECLINED).exists():
        raise ConflictError(_("This person has already been nominated."), code="already_nominated")
    nomination = Nomination.objects.create(
        call=call,
        member=member,
        full_name=full_name,
        email=email,
        description=clean(description, 5_000),
        created_by=actor,
    )
    audit_record(
        actor=actor, action="influencernet.nomination_add", obj=nomination, after={"member": member.pk}
    )
    return nomination


@transaction.atomic
def nomination_decide(*, actor, nomination: Nomination, accept: bool, reason: str) -> Nomination:
    """Accepts or declines a nomination with a reason; an accepted person is invited to the call's developer
    group as a client representative (a limited account)."""
    call = nomination.call
    if not can_decide_nomination(actor, call):
        raise PermissionDenied
    nomination = lock(nomination)
    if nomination.status != Nomination.Status.PROPOSED:
        raise ConflictError(_("The nomination has already been decided."), code="already_decided")
    reason = clean(reason, 5_000)
    if not reason:
        raise DomainError(_("Give the reason."), code="reason_required")
    invitation = None
    if accept and call.process is not None:
        if not can_edit_process(actor, call.process):
            raise DomainError(
                _("Only the developer group's coordinator or facilitator can invite people to it."),
                code="cannot_invite",
            )
        invitation = codev_invitations.invitation_create(
            actor=actor,
            process=call.process,
            email=nomination.email,
            full_name=nomination.full_name,
            role=Membership.Role.CLIENT_REPRESENTATIVE,
            background=Membership.Background.INFLUENCE_GROUP,
        )
    nomination = transition(
        nomination,
        actor=actor,
        to=Nomination.Status.ACCEPTED if accept else Nomination.Status.DECLINED,
        allowed_from=[Nomination.Status.PROPOSED],
        action="influencernet.nomination_decide",
        changes={
            "reason": reason,
            "decided_at": timezone.now(),
            "decided_by": actor,
            "invitation": invitation,
        },
    )
    notification_send(
        actor=actor,
        recipients=member_users([nomination.member]),
        verb="influencernet.nomination_decided",
        text=(
            _("Your nomination of %(name)s for “%(call)s” was accepted: %(reason)s")
            if accept
            else _("Your nomination of %(name)s for “%(call)s” was declined: %(reason)s")
        )
        % {"name": nomination.full_name, "call": call.title, "reason": reason},
        url=call.get_absolute_url(),
    )
    return nomination
