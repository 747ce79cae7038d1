"""Reads of observations, with the joins each page needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import search
from core.audit import access_log_record
from core.models import AccessLogEntry
from familycentres.models import Area, Group, Meeting

from .models import Observation, Theme
from .roles import collector_centre_ids


def _with_relations(qs: QuerySet[Observation]) -> QuerySet[Observation]:
    return (
        qs.select_related("area", "family_centre", "author")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .defer("search", "lemmas")
    )


def observation_base(user) -> QuerySet[Observation]:
    return _with_relations(Observation.objects.visible_to(user))


def centre_observations(*, user, centre_ids: set[int] | None) -> QuerySet[Observation]:
    """The observations of the given family centres as the user sees them.

    SECURITY: when every centre asked for is one the user collects for, visible_to() admits all of their
    observations anyway; filtering by centre alone gives the same rows without visible_to()'s OR, which
    PostgreSQL cannot serve from an index (a full heap scan at a million observations)."""
    if (
        centre_ids is not None
        and not user.is_staff
        and centre_ids
        and centre_ids <= collector_centre_ids(user)
    ):
        return Observation.objects.filter(family_centre_id__in=centre_ids)
    qs = Observation.objects.visible_to(user)
    if centre_ids is not None:
        qs = qs.filter(family_centre_id__in=centre_ids)
    return qs


# The basis written to the access log when a collector reads a held text in full.
HELD_READ_PURPOSE = "personal-data review of a held observation"


def detail_text(*, user, observation: Observation, full: bool) -> str:
    """The text the observation's own page shows. Held text is shown in full only to a collector
    (`full`, decided by permissions.can_triage) and that read is written to the access log; everyone else,
    the author too, sees it masked as in every list (Observation.shown_text)."""
    if not observation.held:
        return observation.text
    if not full:
        return observation.shown_text
    access_log_record(user=user, kind=AccessLogEntry.Kind.READ, obj=observation, purpose=HELD_READ_PURPOSE)
    return observation.text


def search_query(text: str):
    """Full-text search in Finnish and Swedish: a word matches in either language's stemming or by its
    Finnish base form and compound parts (core.search)."""
    return search.search_query(text)


def observation_filter(
    qs: QuerySet[Observation],
    *,
    q: str = "",
    environment: str = "",
    age_group: str = "",
    area: int | None = None,
    theme: str = "",
    source: str = "",
    kind: str = "",
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Observation]:
    """The observations of `qs` that the filters admit; a search's ranked best first (every match: for a
    search that `common_search_candidates` judges common, pages take `common_search_keys` instead)."""
    if environment:
        qs = qs.filter(environment=environment)
    if age_group:
        qs = qs.filter(age_group=age_group)
    if area:
        qs = qs.filter(Q(area_id=area) | Q(area__parent_id=area))
    if theme:
        # By id: the planner cannot estimate a theme's frequency through a join on its name.
        theme_id = Theme.objects.filter(name=theme).values_list("pk", flat=True).first()
        qs = qs.filter(themes=theme_id) if theme_id else qs.none()
    if source:
        qs = qs.filter(source=source)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(observed_on__gte=date_from)
    if date_to:
        qs = qs.filter(observed_on__lte=date_to)
    if q:
        query = search_query(q)
        # A search finds the text and the themes: "ruutuaika" finds observations tagged with it even
        # when the word is not in the text. A theme match ranks like a good text match.
        tagged = theme_links(q)
        # The matches as the union of the text's and the themes' (the same rows as filtering by
        # "search OR theme"): with the OR PostgreSQL tested every row of the queue against the query, a
        # heap page each; each half alone it answers from indexes (the queue's and the full-text index
        # together for a rarer word, the theme links by theme), and the page's rows are then read by id.
        text = qs.order_by().filter(search=query).values("pk")
        themed = qs.order_by().filter(pk__in=tagged.values("observation_id")).values("pk")
        qs = (
            qs.filter(pk__in=text.union(themed))
            .annotate(rank=_search_rank(query, tagged))
            .order_by("-rank", "-created_at", "-id")
        )
    return qs


def _search_rank(query, tagged: QuerySet):
    """A match's rank: the text's, plus THEME_RANK when one of its themes matches."""
    return SearchRank(F("search"), query) + Case(
        # One hashed set of the theme's observation ids, not a look-up per match.
        When(pk__in=tagged.values("observation_id"), then=Value(THEME_RANK)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def common_search_keys(qs: QuerySet[Observation], *, q: str, limit: int, sort: str = "") -> list[int]:
    """The ids of the newest `limit` matches of search `q` in `qs` (already filtered otherwise), in the
    order of `sort` as `observation_filter` and `sorted_observations` give it: "" or "relevance" the best
    ranked first (then the newest), "newest", "oldest", "observed". For a word in most texts
    (`common_search_candidates`): finding and ranking every match of such a word reads most of the
    centre's observations, and the page says that the set is bounded.

    One statement: the queue is walked in its own index order (newest first), each row tested against the
    query (or a matching theme) until `limit` matches, and each match is ranked from the row the walk has
    just read. Reading the matches again by id to rank and sort them in PostgreSQL cost as much again;
    here the (id, rank, date) of at most `limit` rows are ordered in Python. Python's sort is stable, so
    ties keep the walk's order (newest first, then the higher id), as the SQL orderings break them."""
    query = search_query(q)
    tagged = theme_links(q)
    walked = list(
        qs.filter(Q(search=query) | Q(pk__in=tagged.values("observation_id")))
        .order_by("-created_at", "-id")
        .annotate(rank=_search_rank(query, tagged))
        .values_list("pk", "rank", "observed_on")[:limit]
    )
    if sort == "oldest":
        walked.reverse()
    elif sort == "observed":
        walked.sort(key=lambda row: row[2], reverse=True)
    elif sort != "newest":
        walked.sort(key=lambda row: row[1], reverse=True)
    return [row[0] for row in walked]


# A search that matches more than this share of the observations (by PostgreSQL's statistics of the
# full-text column) ranks only its newest SEARCH_CANDIDATES matches. Walking the queue newest first, such a
# word gives its SEARCH_CANDIDATES matches within about 4 × SEARCH_CANDIDATES rows; for a rarer word the walk
# may read the whole queue before it has them, and the union of index matches is faster (bench/README.md).
COMMON_SEARCH_SHARE = 0.25
SEARCH_CANDIDATES = 2000


def common_search_candidates(q: str) -> int | None:
    """How many of the newest matches of search `q` to rank when its words are in most texts (see
    core.search.query_frequency), else None: every match is ranked. Without statistics (before the
    first ANALYZE) every search is ranked in full. The share and the bound may be set as the settings
    OBSERVATION_COMMON_SEARCH_SHARE and OBSERVATION_SEARCH_CANDIDATES."""
    if not q.strip():
        return None
    share = getattr(settings, "OBSERVATION_COMMON_SEARCH_SHARE", COMMON_SEARCH_SHARE)
    frequency = search.query_frequency(q, table=Observation._meta.db_table, column="search")
    if frequency <= share:
        return None
    return getattr(settings, "OBSERVATION_SEARCH_CANDIDATES", SEARCH_CANDIDATES)


# What a theme that matches a search adds to an observation's rank (a good text match ranks about 0.1).
THEME_RANK = 0.1
THEME_SEARCH_WORDS = 5


def theme_links(q: str) -> QuerySet:
    """The observation–theme rows whose theme name contains a word of the search (3+ letters)."""
    words = [w for w in q.lower().split() if len(w) >= 3 and not w.startswith("-")][:THEME_SEARCH_WORDS]
    through = Observation.themes.through.objects
    if not words:
        return through.none()
    match = Q()
    for word in words:
        match |= Q(name__icontains=word)
    return through.filter(theme_id__in=Theme.objects.filter(match).values("pk"))


def merge_candidates(*, user, observation: Observation, query: str = "", limit: int = 20) -> list:
    """Open observations of the same family centre that the collector might merge this one with, the most
    similar first: full-text rank against this observation's own words, plus shared themes. With a search,
    the search's best matches; a number finds that observation. Fills up with the newest when few are
    similar."""
    qs = triage_queue(user=user, centre_ids={observation.family_centre_id}).exclude(
        Q(pk=observation.pk) | Q(status=Observation.Status.ARCHIVED)
    )
    if query.lstrip("#").isdigit():
        return list(qs.filter(pk=int(query.lstrip("#"))))
    if query:
        return list(observation_filter(qs, q=query)[:limit])
    words = search.significant_words(observation.text)
    theme_ids = list(observation.themes.values_list("pk", flat=True))
    through = Observation.themes.through.objects
    match = Q(pk__in=[])
    score = Value(0.0, output_field=FloatField())
    if words:
        query_ = search_query(" or ".join(words))
        match |= Q(search=query_)
        score = score + SearchRank(F("search"), query_)
    if theme_ids:
        shared = through.filter(theme_id__in=theme_ids)
        match |= Q(pk__in=shared.values("observation_id"))
        count = (
            shared.filter(observation_id=OuterRef("pk"))
            .values("observation_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        score = score + Coalesce(Subquery(count, output_field=FloatField()), 0.0) * SHARED_THEME_RANK
    similar = list(
        qs.filter(match).annotate(similarity=score).order_by("-similarity", "-created_at", "-id")[:limit]
    )
    if len(similar) < limit:
        similar += list(qs.exclude(pk__in=[o.pk for o in similar])[: limit - len(similar)])
    return similar


# One shared theme weighs as much as a strong text match.
SHARED_THEME_RANK = 0.2


def triage_queue(*, user, centre_ids: set[int] | None = None) -> QuerySet[Observation]:
    qs = _with_relations(centre_observations(user=user, centre_ids=centre_ids)).exclude(
        status=Observation.Status.MERGED
    )
    return qs.order_by("-created_at", "-id")


def my_observations(*, user) -> QuerySet[Observation]:
    # An author always sees their own observations, so visible_to() (and its OR) is not needed here.
    return _with_relations(Observation.objects.filter(author=user)).order_by("-created_at", "-id")


def team_area_ids(group: Group) -> list[int]:
    """The team's area and the local areas under it (a team of a municipality sees its local areas too)."""
    if group.area_id is None:
        return []
    # Kept on the group object for the rest of the request (the team view and its decisions panel both
    # ask), for as long as the group's area is the same.
    known = getattr(group, "team_area_ids_cache", None)
    if known is not None and known[0] == group.area_id:
        return list(known[1])
    ids = [group.area_id]
    ids += list(Area.objects.filter(parent_id=group.area_id).values_list("pk", flat=True))
    group.team_area_ids_cache = (group.area_id, tuple(ids))
    return ids


def team_previous_meeting(group: Group) -> Meeting | None:
    return (
        Meeting.objects.filter(group=group, status=Meeting.Status.HELD, starts_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )


def team_observations(*, group: Group, user, since=None) -> QuerySet[Observation]:
    """Observations of the team's area (not held, not merged); since the team's previous meeting when given."""
    qs = (
        observation_base(user)
        .filter(area_id__in=team_area_ids(group), held=False)
        .exclude(status=Observation.Status.MERGED)
    )
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return qs.order_by("-created_at", "-id")


def team_theme_counts(qs: QuerySet[Observation]) -> list[dict]:
    """[{"name", "count"}] of the themes of the observations in `qs`, most observations first, in one
    GROUP BY query (the team view's summary of its whole period, however many observations it has)."""
    ids = qs.order_by().values("pk")
    rows = (
        Observation.themes.through.objects.filter(observation_id__in=ids)
        .values("theme__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme__name")
    )
    return [{"name": row["theme__name"], "count": row["n"]} for row in rows]


def team_period_totals(qs: QuerySet[Observation]) -> dict:
    """How many observations `qs` has, how many positive, concerns and without a theme: one query."""
    without = ~Exists(Observation.themes.through.objects.filter(observation_id=OuterRef("pk")))
    return qs.order_by().aggregate(
        total=Count("pk"),
        positive=Count("pk", filter=Q(kind=Observation.Kind.POSITIVE)),
        concern=Count("pk", filter=Q(kind=Observation.Kind.CONCERN)),
        no_theme=Count("pk", filter=Q(without)),
    )


def team_view_since(previous: Meeting | None):
    """The start of the team view's default period: the team's previous meeting (`team_previous_meeting`),
    or 60 days back when it has none."""
    return previous.starts_at if previous else timezone.now() - timedelta(days=60)


def public_status_target(observation: Observation) -> Observation:
    """A merged observation shows the state of the one it was merged into (following chains)."""
    seen = set()
    current = observation
    while current.status == Observation.Status.MERGED and current.merged_into_id and current.pk not in seen:
        seen.add(current.pk)
        current = Observation.objects.select_related("family_centre").get(pk=current.merged_into_id)
    return current


PUBLIC_STEPS = ["received", "read", "phenomenon", "decided", "developing", "done"]

# The steps after "read" are known where phenomena and decisions are: an app above registers a function
# here in its AppConfig.ready (phenomena does). It gets the observation whose state the family sees and
# returns None, or {"step": one of PUBLIC_STEPS, "decision": the decision to show or None}.
public_status_providers: list[Callable[[Observation], dict | None]] = []


def public_status(observation: Observation) -> dict:
    """What the family's status page shows: the steps reached, the current one, an archive reason, and the
    decision on the phenomenon the observation belongs to (without personal data)."""
    target = public_status_target(observation)
    info = {"reason": "", "target": target, "decision": None}
    if target.status == Observation.Status.ARCHIVED:
        return {**info, "step": "archived", "reached": ["received"], "reason": target.archive_reason}
    step = "read" if target.status == Observation.Status.READ else "received"
    for provider in public_status_providers:
        later = provider(target)
        if later and PUBLIC_STEPS.index(later["step"]) > PUBLIC_STEPS.index(step):
            step = later["step"]
            info["decision"] = later.get("decision")
    reached = PUBLIC_STEPS[: PUBLIC_STEPS.index(step) + 1]
    return {**info, "step": step, "reached": reached}
