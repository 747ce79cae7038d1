"""Pages of the flows between levels beyond a steering group's own decision: the forwarding routes a group
has, the decision of another body on an initiative sent to it, and a working group's report on a local
action. Every write goes through phenomena.services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.models import AuditEvent
from core.pages import attempt, private_file_download
from familycentres.models import Group

from .. import services
from ..models import Decision, ForwardingRoute, Initiative, OtherBodyDecision
from ..permissions import can_manage_routes, can_record_other_decision, can_report_local_action
from ..steering_forms import LocalActionReportForm, OtherDecisionForm, RouteForm

# Forwarding routes ---------------------------------------------------------------------------------------


def _routes_context(group: Group, form: RouteForm) -> dict:
    from django.contrib.contenttypes.models import ContentType

    history = list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Group),
            object_id=str(group.pk),
            action__startswith="forwarding_route.",
        )
        .select_related("actor")
        .order_by("-at", "-pk")[:20]
    )
    names = dict(
        Group.objects.filter(
            pk__in={(e.after or e.before or {}).get("target") for e in history} - {None}
        ).values_list("pk", "name")
    )
    for event in history:
        event.target_name = names.get((event.after or event.before or {}).get("target"), "–")
    return {
        "group": group,
        "routes": list(ForwardingRoute.objects.filter(source=group).select_related("target")),
        "form": form,
        "history": history,
    }


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def routes(request, group_pk: int):
    group = get_object_or_404(Group.objects.visible_to(request.user).select_related("parent"), pk=group_pk)
    if not can_manage_routes(request.user, group):
        raise PermissionDenied
    form = RouteForm(request.POST or None, source=group)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            target = form.cleaned_data["target"]
            outcome = attempt(
                request,
                lambda: services.forwarding_route_add(actor=request.user, source=group, target=target),
                form=form,
                success=_("The route to %(group)s was added.") % {"group": target.name},
            )
            if outcome.ok:
                return redirect("phenomena:routes", group_pk=group.pk)
            status = outcome.status
    return render(request, "phenomena/routes.html", _routes_context(group, form), status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def route_remove(request, pk: int):
    route = get_object_or_404(
        ForwardingRoute.objects.filter(source__in=Group.objects.visible_to(request.user)).select_related(
            "source", "target"
        ),
        pk=pk,
    )
    if not can_manage_routes(request.user, route.source):
        raise PermissionDenied
    if request.method == "POST":
        attempt(
            request,
            lambda: services.forwarding_route_remove(actor=request.user, route=route),
            success=_("The route to %(group)s was removed.") % {"group": route.target.name},
        )
        return redirect("phenomena:routes", group_pk=route.source_id)
    return render(request, "phenomena/route_remove.html", {"route": route})


# Decisions of other bodies -------------------------------------------------------------------------------


def _visible_initiative(request, pk: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.visible_to(request.user).select_related("phenomenon", "group"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def other_decision(request, pk: int):
    initiative = _visible_initiative(request, pk)
    if not can_record_other_decision(request.user, initiative):
        raise PermissionDenied
    form = OtherDecisionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.other_decision_record(
                    actor=request.user,
                    initiative=initiative,
                    kind=data["kind"],
                    decided_on=data["decided_on"],
                    summary=data["summary"],
                    upload=data["document"],
                ),
                form=form,
                success=_("The decision of %(body)s was recorded.") % {"body": initiative.other_body},
            )
            if outcome.ok:
                return redirect(initiative)
            status = outcome.status
    context = {"initiative": initiative, "phenomenon": initiative.phenomenon, "form": form}
    return render(request, "phenomena/other_decision.html", context, status=status)


@login_required
@require_GET
def other_decision_document(request, pk: int):
    """The document is served only to those who read the initiative, never from the web root."""
    return private_file_download(
        request,
        lambda user: get_object_or_404(OtherBodyDecision, initiative=_visible_initiative(request, pk)),
        purpose="phenomena: decision document of another body",
    )


# Reports on local actions --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def local_action_report(request, pk: int):
    decision = get_object_or_404(
        Decision.objects.filter(
            initiative__in=Initiative.objects.visible_to(request.user), kind=Decision.Kind.LOCAL_ACTION
        ).select_related("initiative__phenomenon", "working_group", "group"),
        pk=pk,
    )
    if not can_report_local_action(request.user, decision):
        raise PermissionDenied
    form = LocalActionReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.local_action_report(
                    actor=request.user,
                    decision=decision,
                    done=form.cleaned_data["done"],
                    what_happened=form.cleaned_data["what_happened"],
                ),
                form=form,
                success=_("Thank you: the report was saved and told onwards."),
            )
            if outcome.ok:
                return redirect(decision.initiative)
            status = outcome.status
    context = {
        "decision": decision,
        "initiative": decision.initiative,
        "phenomenon": decision.initiative.phenomenon,
        "reports": list(decision.local_action_reports.order_by("created_at", "pk")),
        "form": form,
    }
    return render(request, "phenomena/local_action_report.html", context, status=status)
