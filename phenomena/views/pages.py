"""Phenomenon pages: the list, opening one from observations, a phenomenon with its counts and observations,
editing its analysis, adding and removing observations, linking a suggested one, and the state actions
(start analysis, close with a reason, make an initiative). Every write goes through services; a broken rule
comes back as a form error with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import KeysFirstPaginator, attempt, page_of
from familycentres.models import FamilyCentre
from observations.models import Observation

from .. import selectors, services
from ..forms import AddObservationsForm, AnalysisForm, CloseForm, InitiativeForm, PhenomenonForm, parse_ids
from ..models import Phenomenon
from ..permissions import can_create_phenomenon, can_edit_phenomenon
from .analysis import analysis_context

PAGE_SIZE = 25


def _visible(request, pk: int) -> Phenomenon:
    try:
        return selectors.phenomenon_detail(request.user, pk)
    except Phenomenon.DoesNotExist:
        raise Http404 from None


def _editable(request, pk: int) -> Phenomenon:
    phenomenon = _visible(request, pk)
    if not can_edit_phenomenon(request.user, phenomenon):
        raise PermissionDenied
    return phenomenon


# The list ------------------------------------------------------------------------------------------


@login_required
@require_GET
@never_cache
def phenomenon_list(request):
    if not can_create_phenomenon(request.user):
        raise PermissionDenied
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    status = request.GET.get("status", "")
    if status not in Phenomenon.Status.values:
        status = ""
    sort = "title" if request.GET.get("sort") == "title" else "newest"
    visible = Phenomenon.objects.visible_to(request.user).order_by()
    centres = FamilyCentre.objects.filter(pk__in=visible.values("family_centre_id"))
    centres = list(centres.order_by("name_fi"))
    centre = None
    centre_param = request.GET.get("centre", "")
    if centre_param.isdigit():
        centre = next((c for c in centres if c.pk == int(centre_param)), None)
    qs = selectors.phenomenon_list(user=request.user, q=q, status=status, family_centre=centre, sort=sort)
    # The visible (and matching) phenomena are found once: the page's ids with their total, then those rows,
    # read by id from the visible ones (the search is not run again).
    rows = selectors.phenomenon_list(user=request.user)
    page = page_of(request, qs, PAGE_SIZE, paginator=KeysFirstPaginator, rows=rows)
    context = {
        "page": page,
        "q": q,
        "status": status,
        "sort": sort,
        "centre": centre,
        "centres": centres,
        "statuses": Phenomenon.Status.choices,
        "filtered": bool(q or status or centre),
    }
    if request.htmx:
        return render(request, "phenomena/list.html#results", context)
    return render(request, "phenomena/list.html", context)


# Opening and editing -------------------------------------------------------------------------------


def _prefill_observations(request) -> list[Observation]:
    """?observations=1,2,3 → only those the user can see; the others are left out silently (no oracle)."""
    ids = parse_ids(request.GET.get("observations", ""))
    if not ids:
        return []
    return list(
        Observation.objects.visible_to(request.user)
        .filter(pk__in=ids)
        .exclude(status=Observation.Status.MERGED)
        .order_by("pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def phenomenon_create(request):
    if not can_create_phenomenon(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = PhenomenonForm(request.POST, user=request.user)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.phenomenon_create(actor=request.user, **form.service_kwargs()),
                form=form,
                success=_("The phenomenon was opened."),
            )
            if outcome.ok:
                return redirect(outcome.result)
        return render(request, "phenomena/form.html", {"form": form, "creating": True}, status=400)
    chosen = _prefill_observations(request)
    initial = {"observations": ", ".join(str(o.pk) for o in chosen)}
    kinds = {o.kind for o in chosen if o.kind}
    if len(kinds) == 1:
        initial["kind"] = kinds.pop()
    form = PhenomenonForm(initial=initial, user=request.user)
    return render(request, "phenomena/form.html", {"form": form, "creating": True, "chosen": chosen})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def phenomenon_edit(request, pk: int):
    phenomenon = _editable(request, pk)
    if request.method == "POST":
        form = AnalysisForm(request.POST, user=request.user)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.phenomenon_update(
                    actor=request.user, phenomenon=phenomenon, **form.service_kwargs()
                ),
                form=form,
                success=_("The phenomenon was saved."),
            )
            if outcome.ok:
                return redirect(phenomenon)
        status = 409 if form.errors and phenomenon.status == Phenomenon.Status.CLOSED else 400
        return render(request, "phenomena/form.html", {"form": form, "phenomenon": phenomenon}, status=status)
    form = AnalysisForm(initial=AnalysisForm.initial_from(phenomenon), user=request.user)
    return render(request, "phenomena/form.html", {"form": form, "phenomenon": phenomenon})


# The phenomenon ------------------------------------------------------------------------------------


def _page_number(value) -> int:
    """The page `?page=` asks for, as Paginator.get_page reads it when it is in range: 1 for anything that
    is not a whole number (and for one out of range: Paginator then gives another page, read again)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 10**9 else 1


def _detail_context(request, phenomenon: Phenomenon, **extra) -> dict:
    user = request.user
    can_edit = can_edit_phenomenon(user, phenomenon)
    # The page asked for is read with the counts, in one statement; only a page number past the end (or
    # below 1) needs its ids read again once the total is known, as Paginator gives the last page then.
    asked = _page_number(request.GET.get("page"))
    counts = selectors.phenomenon_counts(phenomenon, user, page=((asked - 1) * PAGE_SIZE, PAGE_SIZE))
    observations = selectors.phenomenon_observations(phenomenon, user)
    paginator = Paginator(observations, PAGE_SIZE)
    paginator.count = counts["total"]  # the counts' query has it: no COUNT(*) of its own
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = selectors.phenomenon_observation_page(
        observations,
        (page.number - 1) * PAGE_SIZE,
        PAGE_SIZE,
        ids=counts["page_ids"] if page.number == asked else None,
    )
    is_open = phenomenon.status in (Phenomenon.Status.DRAFT, Phenomenon.Status.UNDER_ANALYSIS)
    context = {
        "phenomenon": phenomenon,
        "page": page,
        "count_tables": [
            {"caption": caption, "heading": heading, "rows": counts[key]}
            for key, caption, heading in (
                ("environment", _("Observations by everyday environment"), _("Everyday environment")),
                ("age_group", _("Observations by age group"), _("Age group")),
                ("area", _("Observations by area"), _("Area")),
                ("month", _("Observations by month"), _("Month")),
            )
        ],
        "initiatives": list(selectors.phenomenon_initiatives(phenomenon)),
        "can_edit": can_edit,
        "can_change": can_edit and phenomenon.status != Phenomenon.Status.CLOSED,
        "can_start": can_edit and phenomenon.status == Phenomenon.Status.DRAFT,
        "can_close": can_edit and is_open,
        "can_initiate": can_edit and phenomenon.status != Phenomenon.Status.CLOSED,
        "add_form": AddObservationsForm(),
    }
    context.update(analysis_context(request, phenomenon))
    context.update(extra)
    return context


@login_required
@require_GET
@never_cache
def phenomenon_detail(request, pk: int):
    phenomenon = _visible(request, pk)
    context = _detail_context(request, phenomenon)
    if request.htmx and request.GET.get("page"):
        return render(request, "phenomena/detail.html#observations", context)
    return render(request, "phenomena/detail.html", context)


@login_required
@require_POST
def phenomenon_observations(request, pk: int):
    """Adds observations by number (`observations`), or removes one (`remove`)."""
    phenomenon = _editable(request, pk)
    if "remove" in request.POST:
        ids = parse_ids(request.POST.get("remove", ""))[:1]
        if not ids:
            messages.error(request, _("Choose the observation to remove."))
            return redirect(phenomenon)
        attempt(
            request,
            lambda: services.phenomenon_observations_remove(
                actor=request.user, phenomenon=phenomenon, observation_ids=ids
            ),
            success=_("Observation %(n)s was removed from the phenomenon.") % {"n": ids[0]},
        )
        return redirect(phenomenon)
    form = AddObservationsForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.phenomenon_observations_add(
                actor=request.user, phenomenon=phenomenon, observation_ids=form.cleaned_data["observations"]
            ),
            form=form,
            success=_("The observations were added."),
        )
        if outcome.ok:
            return redirect(phenomenon)
    context = _detail_context(request, phenomenon, add_form=form)
    return render(request, "phenomena/detail.html", context, status=400)


@login_required
@require_POST
def phenomenon_link(request, pk: int, observation_pk: int):
    """One click from a suggestion on an observation's page: link it and go back there."""
    phenomenon = _editable(request, pk)
    observation = get_object_or_404(Observation.objects.visible_to(request.user), pk=observation_pk)
    attempt(
        request,
        lambda: services.phenomenon_observations_add(
            actor=request.user, phenomenon=phenomenon, observation_ids=[observation.pk]
        ),
        success=_("The observation was linked to the phenomenon “%(title)s”.") % {"title": phenomenon.title},
    )
    return redirect(observation)


@login_required
@require_POST
def phenomenon_start_analysis(request, pk: int):
    phenomenon = _editable(request, pk)
    attempt(
        request,
        lambda: services.phenomenon_start_analysis(actor=request.user, phenomenon=phenomenon),
        success=_("The phenomenon is now under analysis."),
    )
    return redirect(phenomenon)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def phenomenon_close(request, pk: int):
    phenomenon = _editable(request, pk)
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.phenomenon_close(
                    actor=request.user, phenomenon=phenomenon, reason=form.cleaned_data["reason"]
                ),
                form=form,
                success=_("The phenomenon was closed without an initiative."),
            )
            if outcome.ok:
                return redirect(phenomenon)
            return render(
                request,
                "phenomena/close.html",
                {"form": form, "phenomenon": phenomenon},
                status=outcome.status,
            )
        return render(request, "phenomena/close.html", {"form": form, "phenomenon": phenomenon}, status=400)
    return render(request, "phenomena/close.html", {"form": CloseForm(), "phenomenon": phenomenon})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def initiative_create(request, pk: int):
    phenomenon = _editable(request, pk)
    context = {"phenomenon": phenomenon}
    if request.method == "POST":
        form = InitiativeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.initiative_create(
                    actor=request.user,
                    phenomenon=phenomenon,
                    proposal=data["proposal"],
                    rationale=data["rationale"],
                    group=data.get("group"),
                    other_body=data.get("other_body", ""),
                ),
                form=form,
                success=_("The initiative was made."),
            )
            if outcome.ok:
                return redirect(outcome.result)
            return render(
                request, "phenomena/initiative_form.html", {**context, "form": form}, status=outcome.status
            )
        return render(request, "phenomena/initiative_form.html", {**context, "form": form}, status=400)
    return render(request, "phenomena/initiative_form.html", {**context, "form": InitiativeForm()})


def phenomenon_page_again(request, phenomenon: Phenomenon, *, status: int, **analysis_forms):
    """The phenomenon's page again after a refused form of its analysis (views/analysis.py), with that
    form's errors and what was typed in it."""
    context = _detail_context(request, phenomenon)
    context.update(analysis_context(request, phenomenon, **analysis_forms))
    return render(request, "phenomena/detail.html", context, status=status)
