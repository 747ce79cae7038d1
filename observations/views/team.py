"""The local family-centre team's pages: the observations of the team's area since its previous meeting,
grouped by theme (also as a PDF for the meeting), and the review recorded in a team meeting."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import attempt
from core.pdf import pdf_response
from familycentres.models import Group, Meeting

from .. import selectors, services
from ..models import Observation, TeamReview
from ..permissions import can_record_review, can_see_team_view
from ..triage_forms import TeamPeriodForm, TeamReviewForm

# The PDF for the meeting lists a period's observations under every theme; a period with more observations
# than this is cut there, and says so. The page itself counts the whole period and pages through it.
TEAM_VIEW_LIMIT = 500
TEAM_VIEW_PAGE_SIZE = 50
# The "theme" parameter's value for the observations without a theme.
NO_THEME = "-"
REVIEW_CHOICES_LIMIT = 300


def _team(request, group_pk: int) -> Group:
    # SECURITY: a group the user cannot see, or one that is not a local team, is a 404; a team the user
    # sees but is not a member of is a 403.
    group = get_object_or_404(
        Group.objects.visible_to(request.user).select_related("area", "family_centre"),
        pk=group_pk,
        kind=Group.Kind.LOCAL_TEAM,
    )
    if not can_see_team_view(request.user, group):
        raise PermissionDenied
    return group


def group_by_theme(observations) -> list[dict]:
    """[{"name", "observations"}], most observations first. An observation with several themes appears
    under each of them; those without a theme come last under "No theme"."""
    themes: dict[str, list] = {}
    without = []
    for observation in observations:
        names = [t.name for t in observation.themes.all()]
        if not names:
            without.append(observation)
        for name in names:
            themes.setdefault(name, []).append(observation)
    result = [
        {"name": name, "observations": items}
        for name, items in sorted(themes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    if without:
        result.append({"name": _("No theme"), "observations": without, "no_theme": True})
    return result


def _period(request, group: Group):
    """The start of the period: the date asked for, or the team's previous meeting (60 days without one)."""
    form = TeamPeriodForm(request.GET)
    previous = selectors.team_previous_meeting(group)
    since = selectors.team_view_since(previous)
    period = "previous" if previous else "default"
    if form.is_valid() and form.cleaned_data.get("since"):
        since = timezone.make_aware(datetime.combine(form.cleaned_data["since"], time.min))
        period = "chosen"
    elif not request.GET.get("since"):
        form = TeamPeriodForm(initial={"since": timezone.localtime(since).date()})
    return form, since, previous, period


def _team_context(request, group: Group) -> dict:
    form, since, previous, period = _period(request, group)
    # Archived observations were closed by the collector (a test, not a family-centre matter…): not for the team.
    qs = selectors.team_observations(group=group, user=request.user, since=since).exclude(
        status=Observation.Status.ARCHIVED
    )
    rows = list(qs[: TEAM_VIEW_LIMIT + 1])
    truncated = len(rows) > TEAM_VIEW_LIMIT
    rows = rows[:TEAM_VIEW_LIMIT]
    return {
        "group": group,
        "form": form,
        "since": since,
        "previous": previous,
        "period": period,
        "now": timezone.now(),
        "observations": rows,
        "themes": group_by_theme(rows),
        "truncated": truncated,
        "limit": TEAM_VIEW_LIMIT,
        "positive": sum(1 for o in rows if o.kind == Observation.Kind.POSITIVE),
        "concern": sum(1 for o in rows if o.kind == Observation.Kind.CONCERN),
    }


def _team_page_context(request, group: Group) -> dict:
    """The page: the period's theme summary counted in SQL (every theme, each a link that narrows the list
    to it), then the period's observations, or one theme's, each once with its themes, a page at a time.
    Rendering each observation under each of its themes for a whole period made the page grow without
    bound (hundreds of kilobytes for a busy team); the PDF for the meeting keeps that layout."""
    form, since, previous, period = _period(request, group)
    qs = selectors.team_observations(group=group, user=request.user, since=since).exclude(
        status=Observation.Status.ARCHIVED
    )
    totals = selectors.team_period_totals(qs)
    themes = selectors.team_theme_counts(qs)
    if totals["no_theme"]:
        themes.append({"name": _("No theme"), "count": totals["no_theme"], "value": NO_THEME})
    theme = request.GET.get("theme", "")[:100]
    chosen = None
    for item in themes:
        item.setdefault("value", item["name"])
        if item["value"] == theme:
            chosen = item
    if chosen is None:
        theme = ""
    elif theme == NO_THEME:
        qs = qs.filter(themes=None)
    else:
        qs = qs.filter(themes__name=theme)
    base = request.GET.copy()
    for name in ("theme", "page"):
        base.pop(name, None)
    # Each theme's link: the page's other parameters, then its theme (as QueryDict.urlencode writes them,
    # without copying the QueryDict for each of a few hundred themes).
    prefix = base.urlencode()
    prefix = prefix + "&" if prefix else ""
    for item in themes:
        item["query"] = prefix + urlencode({"theme": item["value"]})
    # The number of observations listed is already counted: the period's, the theme's or those without one.
    paginator = Paginator(qs, TEAM_VIEW_PAGE_SIZE)
    paginator.count = chosen["count"] if chosen else totals["total"]
    page = paginator.get_page(request.GET.get("page"))
    return {
        "group": group,
        "form": form,
        "since": since,
        "previous": previous,
        "period": period,
        "now": timezone.now(),
        "themes": themes,
        "theme": chosen,
        "page": page,
        "observations": page.object_list,
        "all_query": base.urlencode(),
        "total": totals["total"],
        "positive": totals["positive"],
        "concern": totals["concern"],
    }


def _team_meetings(group: Group) -> list[Meeting]:
    """The last three and the next three meetings of the team, to record a review in."""
    now = timezone.now()
    base = Meeting.objects.filter(group=group).exclude(status=Meeting.Status.CANCELLED)
    past = list(base.filter(starts_at__lt=now).order_by("-starts_at")[:3])
    upcoming = list(base.filter(starts_at__gte=now).order_by("starts_at")[:3])
    meetings = sorted(past + upcoming, key=lambda m: m.starts_at)
    reviewed = set(TeamReview.objects.filter(meeting__in=meetings).values_list("meeting_id", flat=True))
    for meeting in meetings:
        meeting.has_review = meeting.pk in reviewed
    return meetings


@login_required
@require_GET
@never_cache
def team_view(request, group_pk: int):
    group = _team(request, group_pk)
    context = _team_page_context(request, group)
    context["meetings"] = _team_meetings(group)
    pdf_query = request.GET.copy()
    for name in ("theme", "page"):
        pdf_query.pop(name, None)
    context["pdf_query"] = pdf_query.urlencode()
    return render(request, "observations/team_view.html", context)


@login_required
@require_GET
def team_view_pdf(request, group_pk: int):
    group = _team(request, group_pk)
    context = _team_context(request, group)
    filename = f"havainnot-{slugify(group.name)[:60]}-{timezone.localdate():%Y-%m-%d}.pdf"
    response = pdf_response("observations/team_view_pdf.html", context, filename, request=request)
    response["Cache-Control"] = "no-store"
    return response


def _review_observations(request, group: Group, meeting: Meeting, selected: list[int]):
    """The team's open observations between the meeting before this one (60 days before without one) and
    the end of this one (now, for a meeting still to come), and any already recorded as discussed."""
    previous = (
        Meeting.objects.filter(group=group, status=Meeting.Status.HELD, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .first()
    )
    since = previous.starts_at if previous else meeting.starts_at - timedelta(days=60)
    period = Q(created_at__gte=since) & ~Q(status=Observation.Status.ARCHIVED)
    if meeting.ends_at < timezone.now():
        period &= Q(created_at__lte=meeting.ends_at)
    qs = selectors.team_observations(group=group, user=request.user, since=None).filter(
        period | Q(pk__in=selected)
    )
    return list(qs[:REVIEW_CHOICES_LIMIT]), since


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def review(request, group_pk: int, meeting_pk: int):
    group = get_object_or_404(
        Group.objects.visible_to(request.user).select_related("area", "family_centre"),
        pk=group_pk,
        kind=Group.Kind.LOCAL_TEAM,
    )
    if not can_record_review(request.user, group):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=meeting_pk, group=group)
    existing = TeamReview.objects.filter(meeting=meeting).select_related("created_by", "updated_by").first()
    selected = list(existing.observations.values_list("pk", flat=True)) if existing else []
    observations, since = _review_observations(request, group, meeting, selected)
    if request.method == "POST":
        form = TeamReviewForm(request.POST, observations=observations)
    else:
        initial = {"observations": selected, "raised": existing.raised if existing else ""}
        form = TeamReviewForm(initial=initial, observations=observations)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            request,
            lambda: services.team_review_record(
                actor=request.user,
                meeting=meeting,
                observation_ids=form.cleaned_data["observations"],
                raised=form.cleaned_data["raised"],
            ),
            form=form,
            success=_("The team's review was saved."),
        )
        if outcome.ok:
            return redirect(meeting)
    chosen = {str(v) for v in (form["observations"].value() or [])}
    context = {
        "group": group,
        "meeting": meeting,
        "form": form,
        "observations": observations,
        "chosen": chosen,
        "since": since,
        "existing": existing,
        "versions": list(existing.versions.select_related("saved_by")) if existing else [],
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
    }
    return render(request, "observations/team_review.html", context, status=400 if form.errors else 200)
