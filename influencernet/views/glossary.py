"""The shared glossary: terms with their history, proposed changes, and the coordinator's approval."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, render_page

from .. import permissions as perms
from ..forms import TermChangeForm
from ..models import Term, TermChange
from ..services import glossary as services
from .common import base_context, network_for


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def glossary(request, slug: str):
    network = network_for(request, slug)
    can_propose = perms.can_propose_term(request.user, network)
    form = TermChangeForm() if can_propose else None
    status = 200
    if request.method == "POST":
        if not can_propose:
            raise PermissionDenied
        form = TermChangeForm(request.POST)
        term = None
        if request.POST.get("term"):
            term = get_object_or_404(
                Term,
                network=network,
                pk=request.POST.get("term") if request.POST.get("term", "").isdigit() else 0,
            )
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.term_change_propose(
                    actor=request.user, network=network, term=term, **form.cleaned_data
                ),
                form=form,
                success=_("The change was proposed to the coordinator."),
            )
            if outcome.ok:
                return redirect("influencernet:glossary", slug=network.slug)
            status = outcome.status
        else:
            status = 400
    context = base_context(request, network, "glossary")
    context.update(
        {
            "terms": network.terms.prefetch_related("changes"),
            "pending": network.term_changes.filter(status=TermChange.Status.PROPOSED).select_related(
                "term", "created_by"
            ),
            "can_decide": perms.can_decide_term(request.user, network),
            "form": form,
        }
    )
    return render_page(request, "influencernet/glossary.html", context, status=status)


@login_required
@require_POST
def term_change_decide(request, slug: str, pk: int):
    network = network_for(request, slug)
    if not perms.can_decide_term(request.user, network):
        raise PermissionDenied
    change = get_object_or_404(TermChange, network=network, pk=pk)
    approve = request.POST.get("decision") == "approve"
    attempt(
        request,
        lambda: services.term_change_decide(actor=request.user, change=change, approve=approve),
        success=_("The change was approved.") if approve else _("The change was rejected."),
    )
    return redirect("influencernet:glossary", slug=network.slug)
