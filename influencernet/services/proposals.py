"""Proposals from the network to a family centre. Forwarded by the coordinator, a proposal becomes a
phenomenon (analysed by "another network": this one) and an initiative to the chosen steering group, through
phenomena's own services; the steering group's decision comes back through phenomena's decision_recorded
signal (influencernet.receivers) and the coordinator writes the feedback to the network."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from core.transitions import lock, transition
from familycentres.models import Group, Membership
from phenomena import services as phenomena_services
from phenomena.models import Decision, Initiative, Phenomenon

from ..models import Member, Network, Proposal
from ..permissions import can_manage_network, can_propose, represented_members
from .common import clean, member_users, refuse_personal_data

STEERING_KINDS = [Group.Kind.LOCAL_STEERING, Group.Kind.REGIONAL_COORDINATION, Group.Kind.COUNTY_STEERING]
FORWARD_PROPOSALS = [
    Initiative.Proposal.CODEVELOPMENT,
    Initiative.Proposal.LOCAL_ACTION,
    Initiative.Proposal.INFORMATION,
]


def steering_groups_for(proposal_or_network):
    """The steering groups a proposal can go to: active ones of the network's family centres, and the
    regional and county groups above them."""
    network = getattr(proposal_or_network, "network", proposal_or_network)
    local = Group.objects.filter(
        is_active=True, kind__in=STEERING_KINDS, family_centre__in=network.family_centres.all()
    )
    parents = local.exclude(parent__isnull=True).values("parent_id")
    return Group.objects.filter(is_active=True, kind__in=STEERING_KINDS).filter(
        pk__in=local.values("pk").union(parents)
    )


def _managers(network: Network):
    from django.contrib.auth import get_user_model

    ids = (
        Membership.objects.current()
        .filter(group=network.group, role__in=[Membership.Role.COORDINATOR, Membership.Role.FACILITATOR])
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


@transaction.atomic
def proposal_submit(
    *,
    actor,
    network: Network,
    family_centre,
    kind: str,
    title: str,
    description: str,
    member: Member | None = None,
) -> Proposal:
    if not can_propose(actor, network):
        raise PermissionDenied
    if member is not None:
        if not (
            represented_members(actor, network).filter(pk=member.pk).exists()
            or (can_manage_network(actor, network) and member.network_id == network.pk and member.is_current)
        ):
            raise DomainError(_("Choose a member you represent."), code="member")
    elif not can_manage_network(actor, network):
        raise DomainError(_("Choose the member the proposal comes from."), code="member")
    title = clean(title, 200)
    description = clean(description, 20_000)
    if not title:
        raise DomainError(_("Give the proposal a title."), code="title_required")
    if not description:
        raise DomainError(_("Describe the need."), code="description_required")
    if kind not in Proposal.Kind.values:
        raise DomainError(_("Choose what kind of need this is."), code="kind")
    # The whole handling of a proposal is public.
    refuse_personal_data(title, description)
    if family_centre is None or not network.family_centres.filter(pk=family_centre.pk).exists():
        raise DomainError(_("Choose one of the network's family centres."), code="family_centre")
    proposal = Proposal.objects.create(
        network=network,
        member=member,
        family_centre=family_centre,
        kind=kind,
        title=title,
        description=description,
        created_by=actor,
    )
    audit_record(actor=actor, action="influencernet.proposal_submit", obj=proposal, after={"title": title})
    notification_send(
        actor=actor,
        recipients=_managers(network),
        verb="influencernet.proposal_new",
        text=_("New proposal from the network: %(title)s") % {"title": title},
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def proposal_forward(
    *, actor, proposal: Proposal, group: Group, rationale: str, initiative_proposal: str
) -> Proposal:
    """Makes the proposal an initiative to `group` (a steering group of the network's family centres)."""
    if not can_manage_network(actor, proposal.network):
        raise PermissionDenied
    proposal = lock(proposal)
    if proposal.status != Proposal.Status.RECEIVED:
        raise ConflictError(_("The proposal has already been forwarded."), code="already_forwarded")
    if group is None or not steering_groups_for(proposal).filter(pk=group.pk).exists():
        raise DomainError(_("Choose a steering group of the network's family centres."), code="group")
    if initiative_proposal not in FORWARD_PROPOSALS:
        raise DomainError(_("Choose what is proposed to the steering group."), code="initiative_proposal")
    rationale = clean(rationale, 20_000)
    if not rationale:
        raise DomainError(_("Say why the initiative is made."), code="rationale_required")
    network = proposal.network
    phenomenon = phenomena_services.phenomenon_create(
        actor=actor,
        title=proposal.title,
        description=proposal.description,
        kind=Phenomenon.Kind.CONCERN,
        scale=Phenomenon.Scale.FAMILY_CENTRE_AREA,
        analyser_kind=Phenomenon.AnalyserKind.OTHER_NETWORK,
        analyser_other=network.name,
        family_centre=proposal.family_centre,
    )
    initiative = phenomena_services.initiative_create(
        actor=actor, phenomenon=phenomenon, proposal=initiative_proposal, rationale=rationale, group=group
    )
    proposal = transition(
        proposal,
        actor=actor,
        to=Proposal.Status.FORWARDED,
        allowed_from=[Proposal.Status.RECEIVED],
        action="influencernet.proposal_forward",
        changes={"initiative": initiative, "forwarded_at": timezone.now()},
    )
    notification_send(
        actor=actor,
        recipients=member_users([proposal.member]) if proposal.member else [],
        verb="influencernet.proposal_forwarded",
        text=_("Your proposal “%(title)s” went to %(group)s as an initiative.")
        % {"title": proposal.title, "group": group.name},
        url=proposal.get_absolute_url(),
    )
    return proposal


def proposal_decided(*, actor, decision: Decision) -> Proposal | None:
    """Called inside decision_record's transaction: a decision (other than forwarding upwards) on the
    initiative of a proposal moves the proposal to "decided" and tells the network."""
    proposal = Proposal.objects.select_for_update().filter(initiative_id=decision.initiative_id).first()
    if proposal is None or decision.kind == Decision.Kind.FORWARD:
        return proposal
    if proposal.status != Proposal.Status.FORWARDED:
        return proposal
    proposal = transition(
        proposal,
        actor=actor,
        to=Proposal.Status.DECIDED,
        allowed_from=[Proposal.Status.FORWARDED],
        action="influencernet.proposal_decided",
        changes={"decided_at": timezone.now()},
    )
    recipients = list(_managers(proposal.network))
    if proposal.member_id:
        recipients += list(member_users([proposal.member]))
    notification_send(
        actor=actor,
        recipients=recipients,
        verb="influencernet.proposal_decided",
        text=_("%(group)s decided on the proposal “%(title)s”: %(decision)s.")
        % {"group": decision.group.name, "title": proposal.title, "decision": decision.get_kind_display()},
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def proposal_feedback(*, actor, proposal: Proposal, feedback: str) -> Proposal:
    """The coordinator tells the network what the decision means for it; shown on the public page."""
    if not can_manage_network(actor, proposal.network):
        raise PermissionDenied
    feedback = clean(feedback, 10_000)
    if not feedback:
        raise DomainError(_("Write the feedback."), code="feedback_required")
    refuse_personal_data(feedback)
    proposal = transition(
        proposal,
        actor=actor,
        to=Proposal.Status.FEEDBACK_GIVEN,
        allowed_from=[Proposal.Status.DECIDED],
        action="influencernet.proposal_feedback",
        changes={"feedback": feedback, "feedback_at": timezone.now()},
        message=_("Feedback is given once the steering group has decided."),
    )
    if proposal.member_id:
        notification_send(
            actor=actor,
            recipients=member_users([proposal.member]),
            verb="influencernet.proposal_feedback",
            text=_("Feedback on your proposal “%(title)s”.") % {"title": proposal.title},
            url=proposal.get_absolute_url(),
        )
    return proposal
