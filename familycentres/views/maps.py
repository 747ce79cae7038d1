"""Pages of the service catalogue, the service map and the network map (knowledge-based management of
the network)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.choices import labels
from core.csv import csv_response
from core.models import ImportRun
from core.pages import attempt, get_for_edit, get_visible_or_404, render_page
from core.pdf import pdf_response

from .. import selectors, services
from ..forms import (
    ChannelForm,
    NetworkMapFilterForm,
    ServiceFilterForm,
    ServiceFinderForm,
    ServiceForm,
    ServiceMapFilterForm,
)
from ..models import Area, ClientGroup, Membership, Organisation, Service, ServiceChannel, ServiceGroup
from ..permissions import can_edit_service, can_edit_services, can_run_service_import, can_view_service_map
from ..selectors.networkmap import GROUP_URL_MARKER
from ..selectors.servicemap import OVERLAP_THRESHOLD
from ..services.ptv import SOURCE as PTV_SOURCE
from ..services.servicemap import SYNCED_FIELDS

PAGE_SIZE = 25


def _require_map_access(user) -> None:
    if not can_view_service_map(user):
        raise PermissionDenied


@login_required
def service_list(request):
    _require_map_access(request.user)
    can_edit = can_edit_services(request.user)
    form = ServiceFilterForm(request.GET or None)
    values = form.values() if request.GET else {}
    ordering = request.GET.get("sort", "name")
    qs = selectors.service_list(
        user=request.user,
        area=values.get("area"),
        service_group=values.get("service_group") or "",
        client_group=values.get("client_group") or "",
        organisation=values.get("organisation"),
        language=values.get("language") or "",
        query=values.get("q") or "",
        ordering=ordering,
        include_inactive=can_edit and request.GET.get("inactive") == "1",
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form if request.GET else ServiceFilterForm(),
        "page": page,
        "sort": ordering,
        "query_string": query.urlencode(),
        "can_edit": can_edit_services(request.user),
        "conflict_count": services.ptv.conflicting_services().count()
        if can_edit_services(request.user)
        else 0,
    }
    return render_page(request, "familycentres/service_list.html", context, partial="results")


def _conflict_rows(service: Service) -> list[dict]:
    """Both versions of every field in conflict, as text a coordinator can compare."""
    rows = []
    labels = {
        "organisation": _("Provider"),
        "areas": _("Municipalities or areas covered"),
        "service_group": _("Service group"),
        "client_groups": _("Client groups"),
        "languages": _("Languages of service"),
    }
    for field in SYNCED_FIELDS:
        conflict = (service.conflicts or {}).get(field)
        if conflict is None:
            continue
        label = labels.get(field) or Service._meta.get_field(field).verbose_name
        rows.append(
            {
                "field": field,
                "label": label,
                "local": _display(field, conflict["local"]),
                "ptv": _display(field, conflict["ptv"]),
            }
        )
    return rows


def _display(field: str, value) -> str:
    from ..models import ClientGroup, ServiceGroup, ServiceLanguage

    if field == "organisation":
        org = Organisation.objects.filter(pk=value).first()
        return org.name if org else "—"
    if field == "areas":
        return ", ".join(a.name for a in Area.objects.filter(pk__in=value or []).order_by("name_fi")) or "—"
    choices = {
        "service_group": dict(ServiceGroup.choices),
        "client_groups": dict(ClientGroup.choices),
        "languages": dict(ServiceLanguage.choices),
    }.get(field)
    if choices is not None:
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(choices.get(v, v)) for v in values) or "—"
    return value or "—"


@login_required
def service_detail(request, pk: int):
    _require_map_access(request.user)
    service = get_visible_or_404(
        Service.objects.select_related("organisation").prefetch_related("areas", "channels"),
        request.user,
        pk=pk,
    )
    can_edit = can_edit_service(request.user, service)
    context = {
        "service": service,
        "can_edit": can_edit,
        "conflicts": _conflict_rows(service) if can_edit else [],
        "channel_form": ChannelForm() if can_edit else None,
    }
    return render_page(request, "familycentres/service_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request):
    if not can_edit_services(request.user):
        raise PermissionDenied
    form = ServiceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.service_create(
                    actor=request.user,
                    texts=form.texts(),
                    organisation=data["organisation"],
                    areas=data["areas"],
                    service_group=data["service_group"],
                    client_groups=data["client_groups"],
                    languages=data["languages"],
                ),
                form=form,
                success=_("The service was added."),
            )
            if outcome.ok:
                return redirect(outcome.result)
            status = outcome.status
        else:
            status = 400
    return render_page(
        request, "familycentres/service_form.html", {"form": form, "service": None}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int):
    service = get_for_edit(Service, request.user, can_edit_service, pk=pk)
    form = ServiceForm(request.POST or None, initial=ServiceForm.initial_for(service))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.service_update(
                    actor=request.user,
                    service=service,
                    texts=form.texts(),
                    organisation=data["organisation"],
                    areas=data["areas"],
                    service_group=data["service_group"],
                    client_groups=data["client_groups"],
                    languages=data["languages"],
                    is_active=data["is_active"],
                ),
                form=form,
                success=_("The service was saved."),
            )
            if outcome.ok:
                return redirect(outcome.result)
            status = outcome.status
        else:
            status = 400
    return render_page(
        request, "familycentres/service_form.html", {"form": form, "service": service}, status=status
    )


@login_required
@require_POST
def service_conflict_resolve(request, pk: int):
    service = get_for_edit(Service, request.user, can_edit_service, pk=pk)
    attempt(
        request,
        lambda: services.service_conflict_resolve(
            actor=request.user,
            service=service,
            field=request.POST.get("field", "")[:40],
            keep=request.POST.get("keep", "")[:10],
        ),
        success=_("The chosen version was kept."),
    )
    return redirect(service)


@login_required
@require_POST
def channel_add(request, pk: int):
    service = get_for_edit(
        Service.objects.select_related("organisation").prefetch_related("areas", "channels"),
        request.user,
        can_edit_service,
        pk=pk,
    )
    form = ChannelForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.channel_add(actor=request.user, service=service, **form.cleaned_data),
            form=form,
            success=_("The way to reach the service was added."),
        )
        if outcome.ok:
            return redirect(service)
        status = outcome.status
    else:
        status = 400
    context = {
        "service": service,
        "can_edit": True,
        "conflicts": _conflict_rows(service),
        "channel_form": form,
    }
    return render_page(request, "familycentres/service_detail.html", context, status=status)


@login_required
@require_POST
def channel_remove(request, pk: int, channel_pk: int):
    service = get_for_edit(Service, request.user, can_edit_service, pk=pk)
    channel = get_object_or_404(ServiceChannel, pk=channel_pk, service=service)
    attempt(
        request,
        lambda: services.channel_remove(actor=request.user, channel=channel),
        success=_("The way to reach the service was removed."),
    )
    return redirect(service)


@login_required
@require_http_methods(["GET", "POST"])
def service_import(request):
    if not can_run_service_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        from ..tasks import service_catalogue_import_task

        user_id = request.user.pk
        transaction.on_commit(lambda: service_catalogue_import_task.delay(user_id))
        from django.contrib import messages

        messages.success(request, _("The import was started. Its result appears in the list below."))
        return redirect("familycentres:service_import")
    runs = ImportRun.objects.filter(source=PTV_SOURCE).select_related("triggered_by")[:20]
    context = {
        "runs": runs,
        "conflicted": services.ptv.conflicting_services()
        .select_related("organisation")
        .order_by("name_fi")[:50],
    }
    return render_page(request, "familycentres/service_import.html", context)


def _map_filters(request) -> tuple[ServiceMapFilterForm, dict]:
    form = ServiceMapFilterForm(request.GET or None)
    values = (
        form.values() if request.GET else {"area": None, "centre": None, "organisation": None, "language": ""}
    )
    return form, values


def _map_context(request, *, cell_limit: int | None = None):
    form, values = _map_filters(request)
    kwargs = {}
    if cell_limit is not None:
        kwargs["cell_limit"] = cell_limit
    matrix = selectors.service_map(
        user=request.user,
        area=values["area"],
        centre=values["centre"],
        organisation=values["organisation"],
        language=values["language"] or "",
        **kwargs,
    )
    scope = values["centre"] or values["area"]
    query = request.GET.copy()
    query.pop("format", None)
    return {
        "form": form if request.GET else ServiceMapFilterForm(),
        "matrix": matrix,
        "scope": scope,
        "filters": values,
        "query_string": query.urlencode(),
    }


@login_required
def service_map(request):
    _require_map_access(request.user)
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        context = _map_context(request, cell_limit=100_000)
        header = [
            _("Service group"),
            _("Client group"),
            _("Status"),
            _("Number of services"),
            _("Service"),
            _("Provider"),
            _("Missing in"),
            _("Overlapping in"),
        ]
        from ..selectors.servicemap import service_map_csv_rows

        status_labels = {"gap": _("gap"), "overlap": _("overlap"), "partial": _("partial gap"), "": ""}
        rows = ([r[0], r[1], status_labels[r[2]], *r[3:]] for r in service_map_csv_rows(context["matrix"]))
        return csv_response("service-map.csv", header, rows)
    if fmt == "pdf":
        context = _map_context(request)
        return pdf_response("familycentres/service_map_pdf.html", context, "service-map.pdf", request=request)
    # The page's matrix carries counts, marks and providers; a cell's services and municipalities come
    # with `service_map_cell` when it is opened.
    context = _map_context(request, cell_limit=0)
    return render_page(request, "familycentres/service_map.html", context)


CELL_PAGE_SIZE = 50


@login_required
def service_map_cell(request, service_group: str, client_group: str):
    """One cell of the service map with the map's filters: its services (paged), providers, and the
    municipalities where it is missing or overlaps. The map opens it in place with htmx; without
    JavaScript the same address is a page of its own."""
    _require_map_access(request.user)
    if service_group not in ServiceGroup.values or client_group not in ClientGroup.values:
        raise Http404
    form, values = _map_filters(request)
    detail = selectors.service_map_cell(
        user=request.user,
        service_group=service_group,
        client_group=client_group,
        area=values["area"],
        centre=values["centre"],
        organisation=values["organisation"],
        language=values["language"] or "",
    )
    page = Paginator(detail.services, CELL_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "detail": detail,
        "cell": detail.cell,
        "page": page,
        "scope": values["centre"] or values["area"],
        "filters": values,
        "query_string": query.urlencode(),
        "overlap_threshold": OVERLAP_THRESHOLD,
    }
    return render_page(request, "familycentres/service_map_cell.html", context, partial="cell")


def network_map(request):
    """Public: anonymous visitors see organisations and groups; people appear to signed-in users through
    the memberships they may see."""
    form = NetworkMapFilterForm(request.GET or None)
    values = form.values() if request.GET else {"area": None, "organisation": None, "kind": "", "role": ""}
    data = selectors.network_map(
        user=request.user,
        area=values["area"],
        organisation=values["organisation"],
        group_kind=values["kind"] or "",
        role=values["role"] or "",
    )
    context = {
        "form": form if request.GET else NetworkMapFilterForm(),
        "data": data,
        # The graph's nodes and edges are not in the page: its script reads them from the JSON
        # endpoint (the same filters), so they are served once. The script names relations and links
        # groups in the page's language with these labels, whatever language the endpoint answers in.
        "labels": {
            "roles": labels(Membership.Role.choices),
            "group_url": reverse("familycentres:group_detail", args=[GROUP_URL_MARKER]),
            "marker": str(GROUP_URL_MARKER),
            "failed": _("The graph could not be loaded. The list below has every relation."),
            "reports_to": _("reports to"),
            "sits_in": _("sits in"),
            "member": _("member"),
            "relations": _("Relations of %(name)s"),
            "none": _("No relations."),
            "open": _("Open the group's page"),
        },
        "api_url": reverse("network-map-api") + ("?" + request.GET.urlencode() if request.GET else ""),
    }
    return render_page(request, "familycentres/network_map.html", context)


# --- the families' service finder (public) ------------------------------------------------------------

# What a family needs help with, in its own words, and the service groups that answer it.
NEEDS = {
    "health": ([ServiceGroup.PROMOTION], gettext_lazy("Health, growth and everyday life")),
    "worry": ([ServiceGroup.PSYCHOSOCIAL], gettext_lazy("Worries, family relationships, mental health")),
    "special": ([ServiceGroup.SPECIAL], gettext_lazy("Special support and child welfare")),
    "education": ([ServiceGroup.EDUCATION], gettext_lazy("Early childhood education and school")),
    "leisure": ([ServiceGroup.LEISURE], gettext_lazy("Hobbies, youth work and culture")),
    "peers": (
        [ServiceGroup.NGO_PARISH, ServiceGroup.MEETING_PLACES],
        gettext_lazy("Peer support and meeting places"),
    ),
    "benefits": ([ServiceGroup.KELA], gettext_lazy("Benefits and Kela")),
    "online": ([ServiceGroup.E_SERVICES], gettext_lazy("Online services")),
}
FINDER_PAGE_SIZE = 20


def service_finder(request):
    """Families find services near them by the child's age and what they need help with. No account;
    nothing about the visitor is stored (no session, no log of what was searched)."""
    form = ServiceFinderForm(
        request.GET or None, needs=[(key, label) for key, (_groups, label) in NEEDS.items()]
    )
    page = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        groups = NEEDS[data["need"]][0] if data.get("need") else None
        qs = selectors.service_finder(
            municipality=data.get("municipality"),
            client_group=data.get("age") or "",
            service_groups=groups,
            language=data.get("language") or "",
        )
        page = Paginator(qs, FINDER_PAGE_SIZE).get_page(request.GET.get("page"))
    response = render_page(request, "familycentres/service_finder.html", {"form": form, "page": page})
    # SECURITY (privacy): what a family searched for is not kept in shared caches either.
    response["Cache-Control"] = "no-store"
    return response
