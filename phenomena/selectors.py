"""Reads of phenomena: lists, the counts of a phenomenon's observations and suggestions for an observation.

Every read starts from Phenomenon.objects.visible_to / Observation.objects.visible_to. Counts are GROUP BY
aggregates, so a phenomenon with 5,000 observations costs the same number of queries as one with five."""

from __future__ import annotations

from django.contrib.postgres.search import SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import search
from familycentres.models import Area, Group
from observations.models import Observation, Theme

from .models import Decision, Initiative, Phenomenon, PhenomenonObservation, Responsibility

OPEN_STATUSES = (
    Phenomenon.Status.DRAFT,
    Phenomenon.Status.UNDER_ANALYSIS,
    Phenomenon.Status.INITIATIVE_MADE,
)
SUGGESTION_LIMIT = 5
# Enough significant words for websearch to find the phenomena about the same thing; more makes the OR
# query noisy and slow.
SUGGESTION_WORDS = 12
RECIPIENT_GROUP_KINDS = (
    Group.Kind.LOCAL_STEERING,
    Group.Kind.REGIONAL_COORDINATION,
    Group.Kind.COUNTY_STEERING,
)


def phenomenon_list(
    *, user, q: str = "", status: str = "", family_centre=None, sort: str = "newest"
) -> QuerySet[Phenomenon]:
    qs = (
        Phenomenon.objects.visible_to(user)
        .select_related("family_centre", "area")
        .defer("search", "lemmas")
        .annotate(observation_count=observation_count())
    )
    if status:
        qs = qs.filter(status=status)
    if family_centre is not None:
        qs = qs.filter(family_centre=family_centre)
    if q:
        qs = qs.filter(Q(search=search.search_query(q)) | Q(title__icontains=q))
    if sort == "title":
        return qs.order_by("title", "id")
    return qs.order_by("-created_at", "-id")


def observation_count():
    """A phenomenon's number of observations (its links) as a subquery of its own row. The same number as
    Count("links"), but without a GROUP BY over the links of every listed phenomenon: PostgreSQL counts
    only the rows of the page (the subquery waits for the LIMIT), and the list's total needs no join."""
    links = (
        PhenomenonObservation.objects.filter(phenomenon_id=OuterRef("pk"))
        .order_by()
        .values("phenomenon_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), 0)


def phenomenon_detail(user, pk: int) -> Phenomenon:
    return (
        Phenomenon.objects.visible_to(user)
        .select_related("family_centre", "area", "analyser_user", "analyser_group", "created_by")
        .get(pk=pk)
    )


def phenomenon_observations(phenomenon: Phenomenon, user) -> QuerySet[Observation]:
    """The phenomenon's observations that the user may see, newest first."""
    return (
        Observation.objects.visible_to(user)
        .filter(phenomenon_links__phenomenon=phenomenon)
        .select_related("area", "family_centre")
        .defer("search", "lemmas")
        .order_by("-created_at", "-id")
    )


def phenomenon_observation_page(
    qs: QuerySet[Observation], offset: int, size: int, *, ids: list[int] | None = None
) -> list[Observation]:
    """One page of `qs`: the page's ids first, sorting only (created_at, id) pairs, then its rows. Sorting
    whole rows to skip thousands of them (a deep page of a 5,000-observation phenomenon) spilled to disk.
    `ids`: the page's ids when they are already known (`phenomenon_counts(page=…)`)."""
    if ids is None:
        ids = list(qs.values_list("pk", flat=True)[offset : offset + size])
    rows = {o.pk: o for o in qs.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


# The four count tables of a phenomenon, by GROUPING(environment, age_group, area_id, month) of their rows:
# a bit is set for each column the row is not grouped by; the grand total has all four set.
_COUNT_SETS = {0b0111: "environment", 0b1011: "age_group", 0b1101: "area_id", 0b1110: "month"}
_COUNTS_SQL = """
    SELECT GROUPING(environment, age_group, area_id, month), environment, age_group, area_id, month, count(*)
    FROM ({visible}) visible
    GROUP BY GROUPING SETS ((environment), (age_group), (area_id), (month), ())
"""
# The same, and a page of the list's ids from the same read of the visible rows: the rows of the page are
# marked with a GROUPING of -1 and carry their id and created_at (for their order, newest first).
_COUNTS_AND_PAGE_SQL = """
    WITH visible AS MATERIALIZED ({visible})
    SELECT GROUPING(environment, age_group, area_id, month), environment, age_group, area_id, month,
        count(*), NULL::bigint, NULL::timestamptz
    FROM visible
    GROUP BY GROUPING SETS ((environment), (age_group), (area_id), (month), ())
    UNION ALL
    (SELECT -1, NULL, NULL, NULL, NULL, NULL, id, created_at FROM visible
     ORDER BY created_at DESC, id DESC LIMIT %s OFFSET %s)
"""


def phenomenon_counts(phenomenon: Phenomenon, user, *, page: tuple[int, int] | None = None) -> dict:
    """Counts of the visible observations by environment, age group, area and month, and their total;
    with `page` (offset, size), also `page_ids`: the ids of that page of the list (newest first, as
    `phenomenon_observations` orders it).

    One statement: the ORM writes the visible linked observations (the visibility rule, the link join
    made once, columns of `observation_facts_idx` only) and PostgreSQL groups them by each of the four
    columns and by nothing, a few dozen rows whatever the number of observations; a second query reads
    the area names. Grouping by the four together gave a row per combination (3,200 for 5,000
    observations), all summed here. The page's ids come from the same read of the visible rows (a
    materialised CTE): finding a phenomenon's visible observations again for the page cost as much as
    the counts (an index probe per linked observation)."""
    columns = ["environment", "age_group", "area_id", "month"]
    if page is not None:
        columns += ["id", "created_at"]
    visible = (
        Observation.objects.visible_to(user)
        .filter(phenomenon_links__phenomenon=phenomenon)
        .annotate(month=Cast(TruncMonth("observed_on"), DateField()))
        .values(*columns)
        .order_by()
    )
    by: dict[str, dict] = {field: {} for field in _COUNT_SETS.values()}
    total = 0
    try:
        sql, params = visible.query.sql_with_params()
    except EmptyResultSet:  # the user may see no observation at all
        rows = []
    else:
        with connection.cursor() as cursor:
            if page is None:
                cursor.execute(_COUNTS_SQL.format(visible=sql), params)
            else:
                offset, size = page
                cursor.execute(_COUNTS_AND_PAGE_SQL.format(visible=sql), (*params, size, offset))
            rows = cursor.fetchall()
    listed = []
    for grouping, environment, age_group, area_id, month, n, *row in rows:
        if grouping == -1:
            listed.append((row[1], row[0]))
            continue
        field = _COUNT_SETS.get(grouping)
        if field is None:
            total = n
        else:
            key = {"environment": environment, "age_group": age_group, "area_id": area_id, "month": month}
            by[field][key[field]] = n

    def ordered(field: str, labels: dict) -> list[dict]:
        rows = sorted(by[field].items(), key=lambda kv: (-kv[1], kv[0] or ""))
        return [{"label": labels.get(key, key) or "–", "count": n} for key, n in rows]

    environment = ordered("environment", dict(Observation.Environment.choices))
    age_group = ordered("age_group", dict(Observation.AgeGroup.choices))
    area_ids = [pk for pk in by["area_id"] if pk]
    names = {a.pk: a.name for a in Area.objects.filter(pk__in=area_ids)}
    area_rows = sorted(by["area_id"].items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or 0))
    area = [{"label": names.get(pk, "–"), "count": n} for pk, n in area_rows]
    month = [
        {"label": m, "count": n, "is_month": True}
        for m, n in sorted(by["month"].items(), key=lambda kv: (kv[0] is None, kv[0]))
    ]
    counts = {
        "environment": environment,
        "age_group": age_group,
        "area": area,
        "month": month,
        "total": total,
    }
    if page is not None:
        counts["page_ids"] = [pk for _created, pk in sorted(listed, reverse=True)]
    return counts


def significant_words(text: str, limit: int = SUGGESTION_WORDS) -> list[str]:
    return search.significant_words(text, limit)


def phenomena_of(observation: Observation, user) -> QuerySet[Phenomenon]:
    """The phenomena the observation is linked into that the user may see, newest first."""
    return (
        Phenomenon.objects.visible_to(user)
        .filter(links__observation=observation)
        .distinct()
        .order_by("-created_at", "-pk")
    )


def suggestions_for(observation: Observation, user) -> list[Phenomenon]:
    """Open phenomena the user can see that share the observation's words or themes, best first.
    Nothing is linked here: a person decides, one click at a time."""
    words = significant_words(observation.text)
    theme_ids = list(Theme.objects.filter(observations=observation).values_list("pk", flat=True))
    if not words and not theme_ids:
        return []
    qs = (
        Phenomenon.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .exclude(links__observation=observation)
    )
    rank = Value(0.0, output_field=FloatField())
    match = Q(pk__in=[])
    if words:
        text = " or ".join(words)
        query = search.search_query(text)
        rank = SearchRank(F("search"), query)
        match |= Q(search=query)
    shared = Value(0, output_field=FloatField())
    if theme_ids:
        match |= Q(links__observation__themes__in=theme_ids)
        shared = Count(
            "links__observation__themes",
            filter=Q(links__observation__themes__in=theme_ids),
            distinct=True,
        )
    ids = list(
        qs.filter(match)
        .values("pk")
        .annotate(rank=Coalesce(rank, 0.0), shared=shared)
        .order_by("-shared", "-rank", "-pk")
        .values_list("pk", flat=True)[:SUGGESTION_LIMIT]
    )
    # SearchRank in a GROUP BY needs the vector grouped too; a second tiny query fetches the rows.
    found = {p.pk: p for p in Phenomenon.objects.filter(pk__in=ids).select_related("family_centre")}
    return [found[pk] for pk in ids if pk in found]


def recipient_groups() -> QuerySet[Group]:
    """Groups an initiative can go to: local steering groups, regional coordination groups, the county's."""
    return Group.objects.filter(kind__in=RECIPIENT_GROUP_KINDS, is_active=True).order_by("kind", "name")


def phenomenon_initiatives(phenomenon: Phenomenon) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(phenomenon=phenomenon)
        .select_related("group")
        .prefetch_related("decisions__group")
        .order_by("-created_at", "-id")
    )


def _latest_decision(target: Observation) -> Decision | None:
    """The newest final decision (not a forwarding) on an initiative of a phenomenon this observation is in."""
    return (
        Decision.objects.filter(initiative__phenomenon__links__observation=target)
        .exclude(kind=Decision.Kind.FORWARD)
        .select_related("group")
        .order_by("-created_at", "-id")
        .first()
    )


def family_status(target: Observation) -> dict | None:
    """How far what a family told has gone here: in an open phenomenon, and decided on. Registered as an
    observations.selectors.public_status_providers entry (PhenomenaConfig.ready)."""
    in_phenomenon = (
        Phenomenon.objects.filter(links__observation=target).exclude(status=Phenomenon.Status.CLOSED).exists()
    )
    if not in_phenomenon:
        return None
    decision = _latest_decision(target)
    if decision is None:
        return {"step": "phenomenon", "decision": None}
    return {"step": "decided", "decision": decision}


# The initiative's handling history, from its audit trail --------------------------------------------------

# What the raising team was told of, by the event tell_raising_teams was given.
TOLD_OF = {
    "initiative.raised": gettext_lazy("matter raised"),
    "initiative.on_agenda": gettext_lazy("on the agenda"),
    "initiative.forwarded": gettext_lazy("forwarded"),
    "initiative.decided": gettext_lazy("decided"),
    "initiative.proposal_decided": gettext_lazy("proposal decided"),
    "codevelopment.started": gettext_lazy("developer group started"),
    "codevelopment.update": gettext_lazy("developer group's update"),
    "codevelopment.follow_up": gettext_lazy("follow-up result"),
}
INITIATIVE_ACTIONS = (
    "initiative.create",
    "initiative.put_on_agenda",
    "initiative.forward",
    "initiative.decided",
    "initiative.teams_told",
    "initiative.other_decision",
    "initiative.local_action_report",
    "initiative.withdraw",
)


def _step_text(event, groups: dict, users: dict) -> str:
    after = event.after or {}
    action = event.action
    if action == "initiative.create":
        if after.get("raised_by_team"):
            return _("Raised by %(team)s to %(group)s") % {
                "team": groups.get(after["raised_by_team"], "–"),
                "group": groups.get(after.get("group"), after.get("other_body") or "–"),
            }
        return _("Initiative made to %(group)s") % {
            "group": groups.get(after.get("group"), after.get("other_body") or "–")
        }
    if action == "initiative.put_on_agenda":
        return _("Put on a meeting's agenda")
    if action == "initiative.forward":
        return _("Forwarded to %(group)s") % {"group": groups.get(after.get("group"), "–")}
    if action == "initiative.decided":
        return _("Decided")
    if action == "initiative.teams_told":
        teams = ", ".join(groups.get(pk, "–") for pk in after.get("teams", []))
        what = TOLD_OF.get(after.get("event", ""), _("a step"))
        return _("Told the raising team (%(teams)s, %(count)s people): %(what)s") % {
            "teams": teams,
            "what": what,
            "count": after.get("recipients", 0),
        }
    if action == "initiative.other_decision":
        return _("Decision of %(body)s recorded") % {"body": after.get("body") or "–"}
    if action == "initiative.local_action_report":
        return (
            _("The working group reported the local action done")
            if after.get("done")
            else _("The working group reported on the local action")
        )
    if action == "initiative.withdraw":
        return _("Withdrawn")
    if action == "decision.record":
        named = [
            f"{Responsibility.Role(role).label}: {users.get(pk, '–')}"
            for role, pk in (after.get("responsibilities") or {}).items()
            if role in Responsibility.Role.values
        ]
        text = _("Decision %(number)s recorded") % {"number": after.get("number", "")}
        if named:
            text = _("%(decision)s; named %(named)s") % {"decision": text, "named": "; ".join(named)}
        return text
    return action


def initiative_history(initiative: Initiative, *, limit: int = 200) -> list[dict]:
    """Every step of the initiative's handling as its audit trail has it, oldest first: made or raised by a
    team, on an agenda, forwarded, decided with the people named, the teams told, another body's decision,
    the working group's reports. Four queries however long the history (decisions, events, groups, people)."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditEvent

    decision_ids = [str(pk) for pk in initiative.decisions.values_list("pk", flat=True)]
    events = list(
        AuditEvent.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Initiative),
                object_id=str(initiative.pk),
                action__in=INITIATIVE_ACTIONS,
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Decision),
                object_id__in=decision_ids,
                action="decision.record",
            )
        )
        .select_related("actor")
        .order_by("at", "id")[:limit]
    )
    group_ids, user_ids = set(), set()
    for event in events:
        after = event.after or {}
        for key in ("group", "raised_by_team"):
            if isinstance(after.get(key), int):
                group_ids.add(after[key])
        group_ids |= {pk for pk in after.get("teams", []) if isinstance(pk, int)}
        user_ids |= {pk for pk in (after.get("responsibilities") or {}).values() if isinstance(pk, int)}
    groups = dict(Group.objects.filter(pk__in=group_ids).values_list("pk", "name")) if group_ids else {}
    users = {}
    if user_ids:
        for pk, name, email in (
            get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "full_name", "email")
        ):
            users[pk] = name or email
    return [{"event": event, "text": _step_text(event, groups, users)} for event in events]


def team_decisions(group: Group, area_ids: list[int], limit: int) -> list[Decision]:
    """Decisions on the initiatives of phenomena the team raised or that hold observations of the team's
    areas, newest first.

    Only the links of phenomena that have a decision are looked at (a few thousand phenomena in a whole
    network), joined to the areas' observation ids, which come from the (area, id) index alone: joining
    every phenomenon link to every observation row of a busy municipality took hundreds of milliseconds
    at a million observations, and probing each decision's links one by one nearly as much."""
    raised = Initiative.objects.filter(raised_by_team=group).values("phenomenon_id")
    found = Q(initiative__phenomenon_id__in=raised)
    if area_ids:
        decided = Initiative.objects.filter(decisions__isnull=False).values("phenomenon_id")
        in_areas = Observation.objects.filter(area_id__in=area_ids).values("pk")
        linked = PhenomenonObservation.objects.filter(
            phenomenon_id__in=decided, observation_id__in=in_areas
        ).values("phenomenon_id")
        found |= Q(initiative__phenomenon_id__in=linked)
    # The newest `limit` decisions' ids first, then those rows with their joins: joined before the LIMIT,
    # PostgreSQL read every phenomenon of the network (whole rows, their search vectors too) to join the
    # few hundred decisions found. The panel shows only the phenomenon's title.
    newest = Decision.objects.filter(found).order_by("-created_at", "-pk").values("pk")[:limit]
    return list(
        Decision.objects.filter(pk__in=newest)
        .select_related("group", "forwarded_to", "initiative__phenomenon")
        .defer("search", "lemmas")
        .defer(*(f"initiative__phenomenon__{name}" for name in _PHENOMENON_LONG_FIELDS))
        .order_by("-created_at", "-pk")
    )


# The long texts of a phenomenon that a list showing its title does not read.
_PHENOMENON_LONG_FIELDS = (
    "description",
    "search",
    "lemmas",
    "further_information",
    "analysis_understanding",
    "analysis_root_causes",
    "analysis_open_questions",
)
