"""Helpers of this package's views."""

from __future__ import annotations

from core.pages import get_visible_or_404
from core.pages import page_of as core_page_of

from .. import permissions as perms
from ..models import Network

PAGE_SIZE = 25


def network_for(request, slug: str) -> Network:
    """The network if the user may see it (else 404)."""
    return get_visible_or_404(Network.objects.select_related("group"), request.user, slug=slug)


def page_of(request, qs, size: int = PAGE_SIZE):
    return core_page_of(request, qs, size)


def base_context(request, network: Network, section: str) -> dict:
    user = request.user
    return {
        "network": network,
        "section": section,
        "can_manage": perms.can_manage_network(user, network),
        "can_bring_matter": perms.can_bring_matter(user, network),
        "is_representative": perms.is_representative(user, network),
    }
