"""Proposals from the network: the list and the form (representatives, coordinator), one proposal with
where it is now, forwarding it as an initiative and the feedback (coordinator)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, render_page

from .. import permissions as perms
from ..forms import ForwardForm, ProposalFeedbackForm, ProposalForm
from ..models import Member, Proposal
from ..selectors import network as selectors
from ..selectors import public as public_selectors
from ..services import proposals as services
from .common import base_context, network_for, page_of


def _members_for(user, network):
    if perms.can_manage_network(user, network):
        return Member.objects.current().filter(network=network).order_by("name")
    return perms.represented_members(user, network).order_by("name")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def proposal_list(request, slug: str):
    network = network_for(request, slug)
    can_propose = perms.can_propose(request.user, network)
    members = _members_for(request.user, network)
    form = ProposalForm(network=network, members=members) if can_propose else None
    status = 200
    if request.method == "POST":
        if not can_propose:
            raise PermissionDenied
        form = ProposalForm(request.POST, network=network, members=members)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.proposal_submit(actor=request.user, network=network, **form.cleaned_data),
                form=form,
                success=_("The proposal was sent to the coordinator."),
            )
            if outcome.ok:
                return redirect(outcome.result.get_absolute_url())
            status = outcome.status
        else:
            status = 400
    context = base_context(request, network, "proposals")
    context.update({"page": page_of(request, selectors.proposal_list(network)), "form": form})
    return render_page(request, "influencernet/proposal_list.html", context, status=status)


def _proposal(request, slug, pk) -> Proposal:
    network = network_for(request, slug)
    return get_object_or_404(
        Proposal.objects.select_related("member", "family_centre", "initiative__group", "network__group"),
        network=network,
        pk=pk,
    )


def _context(request, proposal, *, forward_form=None, feedback_form=None) -> dict:
    user = request.user
    context = base_context(request, proposal.network, "proposals")
    can_forward = perms.can_forward_proposal(user, proposal)
    context.update(
        {
            "proposal": proposal,
            "trail": public_selectors.proposal_trail(proposal),
            "forward_form": forward_form
            or (ForwardForm(groups=services.steering_groups_for(proposal)) if can_forward else None),
            "feedback_form": feedback_form
            or (ProposalFeedbackForm() if perms.can_give_proposal_feedback(user, proposal) else None),
        }
    )
    return context


@login_required
@never_cache
@require_http_methods(["GET"])
def proposal_detail(request, slug: str, pk: int):
    proposal = _proposal(request, slug, pk)
    return render_page(request, "influencernet/proposal_detail.html", _context(request, proposal))


@login_required
@require_POST
def proposal_forward(request, slug: str, pk: int):
    proposal = _proposal(request, slug, pk)
    if not perms.can_manage_network(request.user, proposal.network):
        raise PermissionDenied
    form = ForwardForm(request.POST, groups=services.steering_groups_for(proposal))
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            request,
            lambda: services.proposal_forward(
                actor=request.user,
                proposal=proposal,
                group=data["group"],
                rationale=data["rationale"],
                initiative_proposal=data["proposal"],
            ),
            form=form,
            success=_("The proposal went to the steering group as an initiative."),
        )
        if outcome.ok:
            return redirect(proposal.get_absolute_url())
        status = outcome.status
    return render_page(
        request,
        "influencernet/proposal_detail.html",
        _context(request, proposal, forward_form=form),
        status=status,
    )


@login_required
@require_POST
def proposal_feedback(request, slug: str, pk: int):
    proposal = _proposal(request, slug, pk)
    if not perms.can_manage_network(request.user, proposal.network):
        raise PermissionDenied
    form = ProposalFeedbackForm(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.proposal_feedback(
                actor=request.user, proposal=proposal, feedback=form.cleaned_data["feedback"]
            ),
            form=form,
            success=_("The feedback was given."),
        )
        if outcome.ok:
            return redirect(proposal.get_absolute_url())
        status = outcome.status
    return render_page(
        request,
        "influencernet/proposal_detail.html",
        _context(request, proposal, feedback_form=form),
        status=status,
    )
