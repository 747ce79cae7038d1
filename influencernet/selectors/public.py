"""What the public page of a network shows: current members, open matters with deadlines, proposals and
where each is now, closed matters with the family centre's response. Nothing of a statement unless its
member marked it public."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from phenomena.models import Decision

from ..models import Matter, Member, Network, Proposal, Statement


def public_statements():
    return Statement.objects.filter(status=Statement.Status.SUBMITTED, is_public=True).select_related(
        "member"
    )


def public_matters(network: Network):
    sent = Q(statements__status=Statement.Status.SUBMITTED)
    return (
        Matter.objects.filter(network=network)
        .select_related("family_centre", "network")
        .annotate(
            asked_count=Count("asked_members", distinct=True),
            answered_count=Count("statements", filter=sent, distinct=True),
        )
        .prefetch_related(Prefetch("statements", queryset=public_statements(), to_attr="public_statements"))
        .order_by("-deadline", "-id")
    )


def public_members(network: Network):
    return Member.objects.current().filter(network=network).order_by("kind", "name")


def public_proposals(network: Network):
    return (
        Proposal.objects.filter(network=network)
        .select_related("network", "member", "family_centre", "initiative__group")
        .order_by("-created_at", "-id")
    )


def proposal_trail(proposal: Proposal) -> list[dict]:
    """The steps of a proposal's handling, each with its date: received, the initiative and its group, on
    which meeting's agenda, the decision with its reasons, the feedback."""
    steps = [{"step": "received", "at": proposal.created_at}]
    initiative = proposal.initiative
    if initiative is None:
        return steps
    steps.append({"step": "forwarded", "at": proposal.forwarded_at, "group": initiative.group})
    entries = initiative.agenda_entries.select_related("agenda_item__meeting__group").order_by("id")
    for entry in entries:
        meeting = entry.agenda_item.meeting
        steps.append({"step": "agenda", "at": meeting.starts_at, "group": meeting.group, "meeting": meeting})
    for decision in Decision.objects.filter(initiative=initiative).select_related("group", "forwarded_to"):
        steps.append(
            {"step": "decision", "at": decision.created_at, "group": decision.group, "decision": decision}
        )
    if proposal.feedback:
        steps.append({"step": "feedback", "at": proposal.feedback_at, "text": proposal.feedback})
    return steps
