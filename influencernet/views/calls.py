"""Calls for participants: the list and a new call (coordinator), one call with its nominations, the
members' nomination form and the coordinator's decisions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, render_page

from .. import permissions as perms
from ..forms import CallForm, NominationDecisionForm, NominationForm
from ..models import Call, Nomination
from ..selectors import network as selectors
from ..services import calls as services
from .common import base_context, network_for, page_of


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def call_list(request, slug: str):
    network = network_for(request, slug)
    can_manage = perms.can_manage_network(request.user, network)
    form = CallForm(user=request.user) if can_manage else None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = CallForm(request.POST, user=request.user)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.call_create(actor=request.user, network=network, **form.cleaned_data),
                form=form,
                success=_("The call was sent to the network."),
            )
            if outcome.ok:
                return redirect(outcome.result.get_absolute_url())
            status = outcome.status
        else:
            status = 400
    context = base_context(request, network, "calls")
    context.update({"page": page_of(request, selectors.call_list(network)), "form": form})
    return render_page(request, "influencernet/call_list.html", context, status=status)


def _call(request, slug, pk) -> Call:
    network = network_for(request, slug)
    return get_object_or_404(
        Call.objects.select_related("network__group", "process__group"), network=network, pk=pk
    )


def _context(request, call: Call, *, nomination_form=None, decision_forms=None) -> dict:
    user = request.user
    can_decide = perms.can_decide_nomination(user, call)
    members = perms.represented_members(user, call.network)
    nominations = call.nominations.select_related("member", "decided_by")
    if not can_decide:
        # A representative sees only their own members' nominations (names and emails are personal data).
        nominations = nominations.filter(member__in=members)
    decision_forms = decision_forms or {}
    rows = [
        (
            n,
            decision_forms.get(n.pk)
            or (NominationDecisionForm() if can_decide and n.status == Nomination.Status.PROPOSED else None),
        )
        for n in nominations
    ]
    context = base_context(request, call.network, "calls")
    context.update(
        {
            "call": call,
            "rows": rows,
            "can_decide": can_decide,
            "nomination_form": nomination_form
            or (NominationForm(members=members) if perms.can_nominate(user, call) else None),
        }
    )
    return context


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def call_detail(request, slug: str, pk: int):
    call = _call(request, slug, pk)
    if request.method == "GET":
        return render_page(request, "influencernet/call_detail.html", _context(request, call))
    members = perms.represented_members(request.user, call.network)
    if not members.exists():
        raise PermissionDenied
    form = NominationForm(request.POST, members=members)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.nomination_add(actor=request.user, call=call, **form.cleaned_data),
            form=form,
            success=_("The nomination was sent."),
        )
        if outcome.ok:
            return redirect(call.get_absolute_url())
        status = outcome.status
    return render_page(
        request,
        "influencernet/call_detail.html",
        _context(request, call, nomination_form=form),
        status=status,
    )


@login_required
@require_POST
def nomination_decide(request, slug: str, pk: int, nomination_pk: int):
    call = _call(request, slug, pk)
    if not perms.can_decide_nomination(request.user, call):
        raise PermissionDenied
    nomination = get_object_or_404(Nomination, call=call, pk=nomination_pk)
    form = NominationDecisionForm(request.POST)
    status = 400
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        outcome = attempt(
            request,
            lambda: services.nomination_decide(
                actor=request.user, nomination=nomination, accept=accept, reason=form.cleaned_data["reason"]
            ),
            form=form,
            success=_("The nomination was accepted.") if accept else _("The nomination was declined."),
        )
        if outcome.ok:
            return redirect(call.get_absolute_url())
        status = outcome.status
    context = _context(request, call, decision_forms={nomination.pk: form})
    return render_page(request, "influencernet/call_detail.html", context, status=status)


@login_required
@require_POST
def call_close(request, slug: str, pk: int):
    call = _call(request, slug, pk)
    if not perms.can_manage_network(request.user, call.network):
        raise PermissionDenied
    attempt(
        request, lambda: services.call_close(actor=request.user, call=call), success=_("The call was closed.")
    )
    return redirect(call.get_absolute_url())
