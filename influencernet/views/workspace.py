"""The network's own front page for the signed-in: what is open, calls, proposals, goals; and the list of
networks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.pages import attempt, render_page

from .. import permissions as perms
from ..forms import GoalForm
from ..selectors import network as selectors
from ..services import glossary as glossary_services
from .common import base_context, network_for


@login_required
@require_GET
def network_list(request):
    networks = list(selectors.networks_for(request.user))
    return render_page(request, "influencernet/network_list.html", {"networks": networks})


@login_required
@never_cache
@require_GET
def workspace(request, slug: str):
    network = network_for(request, slug)
    context = base_context(request, network, "workspace")
    context.update(
        {
            "matters": selectors.matter_list(network)[:10],
            "calls": selectors.call_list(network).filter(status="open")[:10],
            "proposals": selectors.proposal_list(network)[:10],
            "represented": perms.represented_members(request.user, network),
            "goals": network.goals.all(),
            "goal_form": GoalForm(initial={"year": timezone.localdate().year})
            if context["can_manage"]
            else None,
            "now": timezone.now(),
        }
    )
    return render_page(request, "influencernet/workspace.html", context)


@login_required
@require_POST
def goal_add(request, slug: str):
    network = network_for(request, slug)
    if not perms.can_manage_network(request.user, network):
        raise PermissionDenied
    form = GoalForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: glossary_services.goal_add(actor=request.user, network=network, **form.cleaned_data),
            form=form,
            success=_("The goal was added."),
        )
        if outcome.ok:
            return redirect("influencernet:workspace", slug=network.slug)
    context = base_context(request, network, "workspace")
    context.update(
        {"goal_form": form, "goals": network.goals.all(), "matters": [], "calls": [], "proposals": []}
    )
    return render_page(request, "influencernet/workspace.html", context, status=400)
