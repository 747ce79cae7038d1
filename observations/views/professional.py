"""Professionals' pages: log an observation (fast, on a phone), my observations, an observation, editing
until it has been triaged, and theme suggestions as you type."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import attempt
from core.pages import page_of as core_page_of

from .. import selectors, services
from ..forms import ObservationForm, split_themes
from ..models import Observation, Theme
from ..permissions import can_edit, can_log_observation, can_triage
from ..pii import KIND_LABELS
from ..triage_forms import MineFilterForm, sorted_observations

PAGE_SIZE = 25
SUGGESTIONS = 10
# Posted form data kept over a sign-in when the session expired while the person was typing.
KEPT_KEY = "observations.kept_form"
KEPT_MAX_CHARS = 20_000


def _page(request, qs, size: int = PAGE_SIZE):
    return core_page_of(request, qs, size)


def _keep_and_sign_in(request, key: str):
    """The session expired while the form was open, so the POST arrived anonymous. Keep what was typed in
    the (new, anonymous) session, which survives the sign-in, and send the person to sign in and back."""
    fields = ObservationForm.base_fields
    request.session[key] = {
        name: request.POST.get(name, "").replace("\x00", "")[:KEPT_MAX_CHARS]
        for name in fields
        if name in request.POST
    }
    messages.info(request, _("Your session had expired. Sign in again; what you typed has been kept."))
    return redirect_to_login(request.get_full_path())


def _restore(request, key: str) -> dict | None:
    kept = request.session.pop(key, None)
    if not isinstance(kept, dict):
        return None
    messages.info(request, _("Your text was kept. Check it and send it again."))
    return {name: value for name, value in kept.items() if name in ObservationForm.base_fields}


@require_http_methods(["GET", "POST"])
def create(request):
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _keep_and_sign_in(request, KEPT_KEY)
        return redirect_to_login(request.get_full_path())
    if not can_log_observation(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ObservationForm(request.POST, user=request.user)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.observation_submit(actor=request.user, **form.service_kwargs()),
                form=form,
            )
            if outcome.ok:
                observation = outcome.result
                if observation.held:
                    messages.warning(
                        request,
                        _(
                            "The observation was saved. It seems to contain personal data, so it is held "
                            "until the collector has reviewed it."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you, the observation was saved."))
                return redirect(observation)
        return render(request, "observations/create.html", {"form": form}, status=400)
    kept = _restore(request, KEPT_KEY)
    form = ObservationForm(initial=kept or {}, user=request.user)
    return render(request, "observations/create.html", {"form": form})


@login_required
@require_GET
def mine(request):
    if not can_log_observation(request.user):
        raise PermissionDenied
    mine_qs = selectors.my_observations(user=request.user)
    # The themes of one's own observations, to filter by (a handful, not the network's vocabulary).
    themes = (
        Theme.objects.filter(observations__author=request.user).distinct().order_by("name")
    ).values_list("name", flat=True)
    form = MineFilterForm(request.GET, themes=list(themes))
    qs = selectors.observation_filter(mine_qs, **form.filters())
    if form.held_only:
        qs = qs.filter(held=True)
    qs = sorted_observations(qs, form.sort_order)
    page = _page(request, qs)
    for observation in page.object_list:
        observation.user_can_edit = can_edit(request.user, observation)
    context = {"page": page, "form": form, "filtered": form.filtered}
    if request.htmx:
        return render(request, "observations/mine.html#results", context)
    return render(request, "observations/mine.html", context)


def _visible(request, pk: int) -> Observation:
    return get_object_or_404(selectors.observation_base(request.user), pk=pk)


@login_required
@require_GET
@never_cache
def detail(request, pk: int):
    observation = _visible(request, pk)
    merged_into = None
    if observation.merged_into_id:
        merged_into = (
            Observation.objects.visible_to(request.user).filter(pk=observation.merged_into_id).first()
        )
    user_can_triage = can_triage(request.user, observation)
    context = {
        "observation": observation,
        "text": selectors.detail_text(user=request.user, observation=observation, full=user_can_triage),
        "merged_into": merged_into,
        "held_labels": [str(KIND_LABELS.get(kind, kind)) for kind in observation.held_reasons or []],
        "can_edit": can_edit(request.user, observation),
        "can_triage": user_can_triage,
    }
    return render(request, "observations/detail.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
def edit(request, pk: int):
    key = f"{KEPT_KEY}.{pk}"
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _keep_and_sign_in(request, key)
        return redirect_to_login(request.get_full_path())
    observation = _visible(request, pk)
    if observation.author_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        form = ObservationForm(request.POST, user=request.user)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.observation_update(
                    actor=request.user, observation=observation, **form.service_kwargs()
                ),
                form=form,
                success=_("The observation was saved."),
            )
            if outcome.ok:
                return redirect(observation)
            if outcome.status == 409:
                # Triaged while the author was editing: the form comes back with what they typed, so
                # nothing is lost, and says why it cannot be saved.
                context = {"form": form, "observation": observation, "locked": True}
                return render(request, "observations/edit.html", context, status=409)
        return render(
            request, "observations/edit.html", {"form": form, "observation": observation}, status=400
        )
    if not can_edit(request.user, observation):
        messages.error(request, _("This observation has already been handled and can no longer be edited."))
        return redirect(observation)
    kept = _restore(request, key)
    form = ObservationForm(initial=kept or ObservationForm.initial_from(observation), user=request.user)
    return render(request, "observations/edit.html", {"form": form, "observation": observation})


@require_GET
def theme_suggest(request):
    """Existing themes for the theme field, as a <datalist>. The field holds comma-separated themes, so
    each option is the whole value with its last theme completed: choosing one keeps the others."""
    if not request.user.is_authenticated:
        # An expired session must not swap the sign-in page into the form: htmx swaps nothing on a 204.
        if request.htmx:
            return HttpResponse(status=204)
        return redirect_to_login(request.get_full_path())
    raw = request.GET.get("q", request.GET.get("themes", ""))[:2000]
    parts = raw.split(",")
    term = " ".join(parts[-1].split()).lower()[:60]
    before = split_themes(",".join(parts[:-1]))
    names: list[str] = []
    if term:
        chosen = {name.lower() for name in before}
        # Names that start with the term first, then those that contain it.
        qs = (
            Theme.objects.visible_to(request.user)
            .filter(Q(name__istartswith=term) | Q(name__icontains=term))
            .exclude(name__in=chosen)
        )
        candidates = list(qs.order_by("name").values_list("name", flat=True)[: SUGGESTIONS * 3])
        candidates.sort(key=lambda n: (not n.lower().startswith(term), n))
        names = candidates[:SUGGESTIONS]
    prefix = ", ".join(before)
    options = [{"value": f"{prefix}, {name}" if prefix else name, "name": name} for name in names]
    return render(request, "observations/create.html#theme_suggestions", {"suggestions": options})
