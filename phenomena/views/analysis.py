"""The named analyser's pages of a phenomenon: writing the analysis, inviting the people it needs, and the
discussion with them. The discussion and the invited people are shown on the phenomenon's own page
(`analysis_context`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, render_page
from familycentres.selectors import people_chosen, people_matching, people_query

from .. import analysis_services as services
from .. import selectors
from ..models import Phenomenon
from ..permissions import can_comment_analysis, can_invite_contributors, can_write_analysis
from ..referral_forms import AnalysisWriteForm, CommentForm, ContributorsForm
from ..referral_selectors import analysis_history

COMMENTS_PAGE_SIZE = 30
# The id prefix of the page's one people picker (templates/includes/people_picker.html).
PICKER_ID = "invite-people"


def _visible(request, pk: int) -> Phenomenon:
    try:
        return selectors.phenomenon_detail(request.user, pk)
    except Phenomenon.DoesNotExist:
        raise Http404 from None


def people_picker(data, candidates, *, search: bool) -> dict:
    """What the people picker shows: the chosen people (`users` of a submitted form, still candidates) and,
    for a search, the candidates matching its `q`, the chosen left out of the matches (they are shown as
    chosen)."""
    q = people_query(data.get("q", "")) if data is not None else ""
    chosen = people_chosen(candidates, data.getlist("users")) if data is not None else []
    matches, more = people_matching(candidates, q) if search else ([], False)
    picked = {p.pk for p in chosen}
    return {
        "q": q,
        "chosen": chosen,
        "matches": [p for p in matches if p.pk not in picked],
        "count": len(matches),
        "more": more,
        "searched": search,
    }


def analysis_context(
    request, phenomenon: Phenomenon, *, comment_form=None, contributors_form=None, picker=None
) -> dict:
    """What the phenomenon's page shows of the analysis' people and discussion: a fixed number of queries."""
    user = request.user
    is_open = phenomenon.status != Phenomenon.Status.CLOSED
    can_invite = is_open and can_invite_contributors(user, phenomenon)
    comments = phenomenon.comments.select_related("created_by").order_by("created_at", "id")
    if can_invite and contributors_form is None:
        contributors_form = ContributorsForm(candidates=services.contributor_candidates(phenomenon))
    if can_invite and picker is None:
        # A refused invitation shows its chosen people again, checked (none and no query on a first view).
        bound = contributors_form.data if contributors_form.is_bound else None
        picker = people_picker(bound, contributors_form.fields["users"].queryset, search=False)
    return {
        "contributors": list(phenomenon.contributors.select_related("user", "invited_by")),
        # Its own page parameter: `page` pages the observations on the same page.
        "comments_page": Paginator(comments, COMMENTS_PAGE_SIZE).get_page(request.GET.get("comments")),
        "can_write_analysis": is_open and can_write_analysis(user, phenomenon),
        "can_invite": can_invite,
        "can_comment": is_open and can_comment_analysis(user, phenomenon),
        "comment_form": comment_form or CommentForm(),
        "contributors_form": contributors_form if can_invite else None,
        "people_picker": picker,
        "picker_id": PICKER_ID,
        "analysis_history": analysis_history(phenomenon),
    }


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def analysis_write(request, pk: int):
    phenomenon = _visible(request, pk)
    if not can_write_analysis(request.user, phenomenon):
        raise PermissionDenied
    if request.method == "POST":
        form = AnalysisWriteForm(request.POST)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.phenomenon_analysis_write(
                    actor=request.user, phenomenon=phenomenon, **form.cleaned_data
                ),
                form=form,
                success=_("The analysis was saved."),
            )
            if outcome.ok:
                return redirect(phenomenon)
            status = outcome.status
        else:
            status = 400
        return render_page(
            request, "phenomena/analysis_form.html", {"phenomenon": phenomenon, "form": form}, status=status
        )
    form = AnalysisWriteForm(initial=AnalysisWriteForm.initial_from(phenomenon))
    return render_page(request, "phenomena/analysis_form.html", {"phenomenon": phenomenon, "form": form})


def _detail_again(request, phenomenon, status: int, **forms):
    from .pages import phenomenon_page_again

    return phenomenon_page_again(request, phenomenon, status=status, **forms)


@login_required
@require_POST
def contributors_invite(request, pk: int):
    phenomenon = _visible(request, pk)
    if not can_invite_contributors(request.user, phenomenon):
        raise PermissionDenied
    form = ContributorsForm(request.POST, candidates=services.contributor_candidates(phenomenon))
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.analysis_contributors_invite(
                actor=request.user, phenomenon=phenomenon, user_ids=[u.pk for u in form.cleaned_data["users"]]
            ),
            form=form,
            success=_("The people were invited to the analysis and notified."),
        )
        if outcome.ok:
            return redirect(phenomenon.get_absolute_url() + "#analysis-people")
        return _detail_again(request, phenomenon, outcome.status, contributors_form=form)
    return _detail_again(request, phenomenon, 400, contributors_form=form)


@login_required
@require_POST
@never_cache
def contributors_search(request, pk: int):
    """The people who may be invited whose name or organisation matches `q`: the options of the picker's
    combobox for htmx; otherwise (the picker's search button without JavaScript, a POST of the invitation
    form) the phenomenon's page again with the matches as checkboxes and the chosen people still checked."""
    phenomenon = _visible(request, pk)
    # SECURITY: the same rule as the invitation itself; the names of the network are not for everyone who
    # reads the phenomenon.
    if not can_invite_contributors(request.user, phenomenon):
        raise PermissionDenied
    # POST only: what is typed is part of a person's name, which never goes into an address or a log.
    data = request.POST
    candidates = services.contributor_candidates(phenomenon)
    if request.htmx:
        q = people_query(data.get("q", ""))
        matches, more = people_matching(candidates, q)
        picker = {"q": q, "matches": matches, "count": len(matches), "more": more, "searched": True}
        return render(request, "includes/people_options.html", {"picker": picker, "pid": PICKER_ID})
    return _detail_again(
        request,
        phenomenon,
        200,
        contributors_form=ContributorsForm(candidates=candidates),
        picker=people_picker(data, candidates, search=True),
    )


@login_required
@require_POST
def comment_add(request, pk: int):
    phenomenon = _visible(request, pk)
    if not can_comment_analysis(request.user, phenomenon):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.phenomenon_comment_add(
                actor=request.user, phenomenon=phenomenon, text=form.cleaned_data["text"]
            ),
            form=form,
            success=_("The comment was added."),
        )
        if outcome.ok:
            return redirect(phenomenon.get_absolute_url() + "#analysis-discussion")
        return _detail_again(request, phenomenon, outcome.status, comment_form=form)
    return _detail_again(request, phenomenon, 400, comment_form=form)
