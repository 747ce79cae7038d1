"""The collector's pages: the triage queue, its CSV export, and the actions on one observation (mark read,
notes, themes, merge, archive, redact). Every action is a POST through a service; a broken rule comes back
as a message or a form error on the page, never as a server error."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.choices import labels
from core.csv import csv_response, csv_safe
from core.errors import DomainError
from core.pages import KeysFirstPaginator, KeysPaginator, attempt, page_of
from familycentres.models import Area

from .. import pii, selectors, services
from ..models import Observation, Theme
from ..permissions import can_triage, collector_centre_ids, is_collector
from ..triage_forms import (
    ArchiveForm,
    MergeForm,
    NoteForm,
    RedactForm,
    ThemesForm,
    TriageFilterForm,
    sorted_observations,
)

PAGE_SIZE = 25
MERGE_CANDIDATES = 20
EXPORT_CHUNK = 500
CLOSED = (Observation.Status.ARCHIVED, Observation.Status.MERGED)


def held_labels(observation: Observation) -> list[str]:
    """Why the text is held, in words: "phone number", "street address"…"""
    return [str(pii.KIND_LABELS.get(kind, kind)) for kind in observation.held_reasons or []]


# The choice fields a row of the queue shows by their label.
ROW_LABELS = ("status", "kind", "environment", "age_group", "source")


def _prepare_rows(observations) -> None:
    """What each row of the queue shows, worked out once a page: why a text is held, and the labels of
    its choices (`labels`), each choice translated once a request. `get_FOO_display` builds a dict of
    every choice of the field, translating each label, on every call: five a row, a third of the rows'
    processor time."""
    translated = {name: labels(Observation._meta.get_field(name).flatchoices) for name in ROW_LABELS}
    for observation in observations:
        observation.held_labels = held_labels(observation)
        observation.labels = {
            name: translated[name].get(getattr(observation, name), getattr(observation, name))
            for name in ROW_LABELS
        }


# The queue and the export ----------------------------------------------------------------------------


def _queue_centre_ids(user) -> set[int] | None:
    """The family centres whose queue the user works through; None means all (administrators)."""
    if not is_collector(user):
        raise PermissionDenied
    return None if user.is_staff else collector_centre_ids(user)


def _filter_form(request, centre_ids: set[int] | None) -> TriageFilterForm:
    areas = Area.objects.filter(served_by_family_centres__isnull=False)
    if centre_ids is not None:
        areas = Area.objects.filter(served_by_family_centres__in=centre_ids)
    areas = areas.distinct().order_by("name_fi")
    # Themes are the network's shared vocabulary: listing them all avoids a join over every observation
    # of the centre (seconds at a million observations).
    names = Theme.objects.order_by("name").values_list("name", flat=True)
    return TriageFilterForm(request.GET, areas=list(areas), themes=list(names))


def _filtered_queue(user, centre_ids, form: TriageFilterForm, filters: dict):
    """The queue as `filters` (the form's `filters()`, read once per request) narrow it."""
    qs = selectors.triage_queue(user=user, centre_ids=centre_ids)
    if form.held_only:
        # Before the search: a common word's bounded set of matches is taken from the held ones.
        qs = qs.filter(held=True)
    qs = selectors.observation_filter(qs, **filters)
    # "relevance": observation_filter has ordered a search's best matches first.
    return sorted_observations(qs, form.sort_order)


def _queue_counts(user, centre_ids) -> dict:
    """How the centres' queue stands, in one query: new, read, archived and held."""
    qs = selectors.centre_observations(user=user, centre_ids=centre_ids).exclude(
        status=Observation.Status.MERGED
    )
    return qs.aggregate(
        new=Count("pk", filter=Q(status=Observation.Status.NEW)),
        read=Count("pk", filter=Q(status=Observation.Status.READ)),
        archived=Count("pk", filter=Q(status=Observation.Status.ARCHIVED)),
        held=Count("pk", filter=Q(held=True)),
    )


@login_required
@require_GET
@never_cache
def queue(request):
    centre_ids = _queue_centre_ids(request.user)
    form = _filter_form(request, centre_ids)
    filters = form.filters()
    # The page's rows are read from the queue by id, once the matches are found.
    rows = selectors.triage_queue(user=request.user, centre_ids=centre_ids)
    # A word in most texts: only its newest matches are ranked (and the page says so).
    candidates = selectors.common_search_candidates(filters["q"])
    if candidates:
        others = _filtered_queue(request.user, centre_ids, form, {**filters, "q": ""})
        keys = selectors.common_search_keys(others, q=filters["q"], limit=candidates, sort=form.sort_order)
        page = page_of(request, keys, PAGE_SIZE, paginator=KeysPaginator, rows=rows)
    else:
        # The matches are found once: the page's ids with their total, then those rows.
        qs = _filtered_queue(request.user, centre_ids, form, filters)
        page = page_of(request, qs, PAGE_SIZE, paginator=KeysFirstPaginator, rows=rows)
    _prepare_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "counts": _queue_counts(request.user, centre_ids),
        "export_query": query.urlencode(),
        "candidates": candidates if candidates and page.paginator.count >= candidates else None,
        "filtered": any(request.GET.get(name) for name in form.fields if name not in ("sort", "status")),
        # The less used filters sit behind "More filters", open when one of them is in use or wrong.
        "advanced": bool(form.errors)
        or any(request.GET.get(name) for name in form.fields if name not in ("q", "sort", "status")),
    }
    if request.htmx:
        return render(request, "observations/triage.html#results", context)
    return render(request, "observations/triage.html", context)


# The names codevelopment's survey export still imports; the export itself is core.csv's.
_csv_safe = csv_safe


class _Echo:
    def write(self, value):
        return value


def _csv_rows(qs) -> Iterator[list]:
    for o in qs.iterator(chunk_size=EXPORT_CHUNK):
        created = timezone.localtime(o.created_at)
        yield [
            o.pk,
            created.strftime("%d.%m.%Y %H:%M"),
            o.observed_on.strftime("%d.%m.%Y"),
            o.get_status_display(),
            o.get_kind_display() if o.kind else "",
            o.get_environment_display(),
            o.get_age_group_display(),
            o.area.name if o.area else "",
            o.family_centre.name,
            o.get_source_display(),
            ", ".join(t.name for t in o.themes.all()),
            # SECURITY: held text may identify someone; it leaves the system masked until redacted.
            o.shown_text,
            o.archive_reason,
        ]


@login_required
@require_GET
def export_csv(request):
    centre_ids = _queue_centre_ids(request.user)
    form = _filter_form(request, centre_ids)
    qs = _filtered_queue(request.user, centre_ids, form, form.filters())
    header = [
        _("id"),
        _("created"),
        _("observed on"),
        _("status"),
        _("positive or a concern"),
        _("everyday environment"),
        _("age group"),
        _("area"),
        _("family centre"),
        _("source"),
        _("themes"),
        _("text"),
        _("reason for archiving"),
    ]
    return csv_response(f"havainnot-{timezone.localdate():%Y-%m-%d}.csv", header, _csv_rows(qs))


# Actions on one observation ----------------------------------------------------------------------------


def _observation_for_triage(request, pk: int) -> Observation:
    # SECURITY: what the user may not see is a 404; what they see but may not handle (a professional of
    # the family centre) is a 403. Services check again under a row lock.
    observation = get_object_or_404(
        Observation.objects.visible_to(request.user).select_related("family_centre", "area"), pk=pk
    )
    if not can_triage(request.user, observation):
        raise PermissionDenied
    return observation


def _action_page(request, observation, action: str, status: int = 200, **context):
    observation.held_labels = held_labels(observation)
    return render(
        request,
        "observations/triage_action.html",
        {"observation": observation, "action": action, **context},
        status=status,
    )


def _closed_redirect(request, observation):
    messages.error(request, _("This observation has already been closed."))
    return redirect(observation)


@login_required
@require_POST
def mark_read(request, pk: int):
    observation = _observation_for_triage(request, pk)
    attempt(
        request,
        lambda: services.observation_mark_read(actor=request.user, observation=observation),
        success=_("The observation was marked as read."),
    )
    return redirect(observation)


@login_required
@require_POST
def note_add(request, pk: int):
    observation = _observation_for_triage(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.observation_note_add(
                actor=request.user, observation=observation, text=form.cleaned_data["text"]
            ),
            form=form,
            success=_("The note was added."),
        )
        if outcome.ok:
            return redirect(observation)
    # What was typed comes back on a page of its own, with the reason.
    return _action_page(request, observation, "note", status=400, form=form)


@login_required
@require_POST
def themes_set(request, pk: int):
    observation = _observation_for_triage(request, pk)
    form = ThemesForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.observation_themes_set(
                actor=request.user, observation=observation, themes=form.theme_list()
            ),
            form=form,
            success=_("The themes were saved."),
        )
        if outcome.ok:
            return redirect(observation)
    return _action_page(request, observation, "themes", status=400, form=form)


def _merge_candidates(request, observation, query: str):
    """The observations most like this one (selectors.merge_candidates), or those matching the search."""
    candidates = selectors.merge_candidates(
        user=request.user, observation=observation, query=query, limit=MERGE_CANDIDATES
    )
    for candidate in candidates:
        candidate.held_labels = held_labels(candidate)
    return candidates


def _keep_target(request, observation, keep_id: int) -> Observation:
    """The observation to keep: visible to the user, open, in the same family centre. Raises DomainError."""
    if keep_id == observation.pk:
        raise DomainError(_("An observation cannot be merged into itself."), code="merge_self")
    keep = (
        selectors.observation_base(request.user)
        .exclude(status__in=CLOSED)
        .filter(pk=keep_id, family_centre_id=observation.family_centre_id)
        .first()
    )
    if keep is None:
        raise DomainError(
            _("There is no open observation number %(id)s in this family centre.") % {"id": keep_id},
            code="merge_unknown",
        )
    keep.held_labels = held_labels(keep)
    return keep


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def merge(request, pk: int):
    """Three steps, because a merge is hard to undo: find the observation to keep, confirm, merge."""
    observation = _observation_for_triage(request, pk)
    if observation.status in CLOSED:
        return _closed_redirect(request, observation)
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    if request.method == "GET":
        return _action_page(
            request,
            observation,
            "merge",
            form=MergeForm(),
            query=query,
            candidates=_merge_candidates(request, observation, query),
        )
    form = MergeForm(request.POST)
    keep = None
    if form.is_valid():
        keep = attempt(
            request, lambda: _keep_target(request, observation, form.cleaned_data["keep"]), form=form
        ).result
    if keep is None:
        return _action_page(
            request,
            observation,
            "merge",
            status=400,
            form=form,
            query=query,
            candidates=_merge_candidates(request, observation, query),
        )
    if not form.cleaned_data["confirm"]:
        return _action_page(request, observation, "merge_confirm", keep=keep)
    outcome = attempt(
        request,
        lambda: services.observation_merge(actor=request.user, duplicate=observation, keep=keep),
        success=_("Observation %(dup)s was merged into observation %(keep)s.")
        % {"dup": observation.pk, "keep": keep.pk},
    )
    return redirect(outcome.result if outcome.ok else observation)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def archive(request, pk: int):
    """The reason is asked first, then confirmed: the family hears of the archiving."""
    observation = _observation_for_triage(request, pk)
    if observation.status in CLOSED:
        return _closed_redirect(request, observation)
    if request.method == "GET":
        return _action_page(request, observation, "archive", form=ArchiveForm())
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        return _action_page(request, observation, "archive", status=400, form=form)
    if not form.cleaned_data["confirm"]:
        return _action_page(request, observation, "archive_confirm", form=form)
    outcome = attempt(
        request,
        lambda: services.observation_archive(
            actor=request.user, observation=observation, reason=form.cleaned_data["reason"]
        ),
        form=form,
        success=_("The observation was archived."),
    )
    if not outcome.ok:
        return _action_page(request, observation, "archive", status=400, form=form)
    return redirect(observation)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def redact(request, pk: int):
    observation = _observation_for_triage(request, pk)
    if request.method == "GET":
        # The page shows the collector the held text in full (marked): a read for the access log.
        selectors.detail_text(user=request.user, observation=observation, full=True)
        form = RedactForm(initial={"text": pii.redact(observation.text)})
        return _action_page(request, observation, "redact", form=form, findings=_findings(observation.text))
    form = RedactForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.observation_redact(
                actor=request.user, observation=observation, text=form.cleaned_data["text"]
            ),
            form=form,
            success=_("The text was redacted. The original has been deleted."),
        )
        if outcome.ok:
            return redirect(observation)
    return _action_page(
        request, observation, "redact", status=400, form=form, findings=_findings(observation.text)
    )


def _findings(text: str) -> list[dict]:
    """The original text in pieces, the personal data marked, so the collector sees what was found."""
    pieces, last = [], 0
    for finding in pii.find_personal_data(text):
        if finding.start < last:
            continue
        if finding.start > last:
            pieces.append({"text": text[last : finding.start], "kind": ""})
        pieces.append({"text": text[finding.start : finding.end], "kind": str(pii.KIND_LABELS[finding.kind])})
        last = finding.end
    if last < len(text):
        pieces.append({"text": text[last:], "kind": ""})
    return pieces
