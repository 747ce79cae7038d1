"""The public pages of a network (no sign-in): members, open matters with deadlines, proposals and where
each is now, closed matters with the family centre's response. A statement is shown only when its member
marked it public."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..models import Matter, Network, Proposal
from ..selectors import public as public_selectors


@require_GET
def index(request):
    networks = Network.objects.order_by("name")
    return render(request, "influencernet/public_index.html", {"networks": networks})


@require_GET
def network(request, slug: str):
    net = get_object_or_404(Network, slug=slug)
    matters = list(public_selectors.public_matters(net))
    now = timezone.now()
    context = {
        "network": net,
        "members": public_selectors.public_members(net),
        "open_matters": [m for m in matters if m.status == Matter.Status.OPEN and m.deadline > now],
        "waiting_matters": [m for m in matters if m.status == Matter.Status.OPEN and m.deadline <= now],
        "answered_matters": [m for m in matters if m.status != Matter.Status.OPEN],
        "proposals": public_selectors.public_proposals(net),
        "goals": net.goals.all(),
    }
    return render(request, "influencernet/public_network.html", context)


@require_GET
def matter(request, slug: str, pk: int):
    net = get_object_or_404(Network, slug=slug)
    item = public_selectors.public_matters(net).filter(pk=pk).first()
    if item is None:
        raise Http404
    return render(request, "influencernet/public_matter.html", {"network": net, "matter": item})


@require_GET
def proposal(request, slug: str, pk: int):
    net = get_object_or_404(Network, slug=slug)
    item = get_object_or_404(
        Proposal.objects.select_related("member", "family_centre", "initiative__group"), network=net, pk=pk
    )
    context = {"network": net, "proposal": item, "trail": public_selectors.proposal_trail(item)}
    return render(request, "influencernet/public_proposal.html", context)
