"""Members, contacts, matters and calls of a network."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import Call, Matter, Member, Network, Proposal, Representative, Statement


def networks_for(user):
    return Network.objects.visible_to(user).order_by("name")


def member_list(network: Network, *, include_former: bool = False):
    qs = (
        Member.objects.filter(network=network)
        .select_related("organisation")
        .prefetch_related(
            "areas",
            Prefetch(
                "representatives",
                queryset=Representative.objects.current().order_by("full_name"),
                to_attr="current_representatives",
            ),
        )
        .order_by("name")
    )
    if not include_former:
        qs = qs.current()
    return qs


def contact_rows(network: Network):
    """One row per current representative of a current member (and the member's own contact)."""
    rows = []
    for member in member_list(network):
        areas = ", ".join(a.name for a in member.areas.all())
        rows.append((member, None, areas))
        for rep in member.current_representatives:
            rows.append((member, rep, areas))
    return rows


def matter_list(network: Network):
    answered = Q(statements__status__in=[Statement.Status.SUBMITTED, Statement.Status.DECLINED])
    return (
        Matter.objects.filter(network=network)
        .select_related("family_centre", "network")
        .annotate(
            asked_count=Count("asked_members", distinct=True),
            answered_count=Count("statements", filter=answered, distinct=True),
        )
        .order_by("-deadline", "-id")
    )


def matter_statements(matter: Matter):
    return (
        matter.statements.select_related("member", "updated_by")
        .prefetch_related("versions")
        .order_by("member__name")
    )


def matter_answer_table(matter: Matter):
    """Every asked member with its statement's state (or none)."""
    statements = {s.member_id: s for s in matter.statements.all()}
    return [(m, statements.get(m.pk)) for m in matter.asked_members.order_by("name")]


def call_list(network: Network):
    return (
        Call.objects.filter(network=network)
        .select_related("network")
        .annotate(nomination_count=Count("nominations"))
        .order_by("status", "-deadline")
    )


def proposal_list(network: Network):
    return (
        Proposal.objects.filter(network=network)
        .select_related("network", "member", "family_centre", "initiative__group")
        .order_by("-created_at", "-id")
    )


def open_matters_count(network: Network) -> int:
    return Matter.objects.filter(
        network=network, status=Matter.Status.OPEN, deadline__gt=timezone.now()
    ).count()
