"""Figures of LP work for knowledge-based management. No client data leaves this module: only counts and
shares, and the feedback summary suppresses every cell with fewer than `MIN_CELL` answers.

`lp_counts` and `feedback_summary` are read by the indicators app; their signatures and keys are kept
stable (see the README)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from ..models import LPFeedback, LPQualification, NetworkMeeting, ServiceSetting

MIN_CELL = 5
ITEMS = [
    "heard",
    "parenting_tools",
    "mental_health_meaningful",
    "mental_health_confidence",
    "useful_child",
    "useful_family",
    "useful_self",
]


def lp_counts(*, year: int, area_ids=None) -> list[dict]:
    """Held LP discussions and LP network negotiations in `year`, by area and service setting.

    Returns rows `{"area_id": int, "service_setting": str, "kind": "lp_discussion" | "lp_negotiation",
    "count": int}`; `area_id` is the wellbeing services county of the process's family centre. Only
    non-zero rows are returned. `area_ids` limits the rows to those areas."""
    qs = NetworkMeeting.objects.filter(
        status=NetworkMeeting.Status.HELD,
        kind__in=[NetworkMeeting.Kind.LP_DISCUSSION, NetworkMeeting.Kind.LP_NEGOTIATION],
        starts_at__year=year,
    )
    if area_ids is not None:
        qs = qs.filter(process__family_centre__wellbeing_county_id__in=list(area_ids))
    rows = (
        qs.values("process__family_centre__wellbeing_county_id", "service_setting", "kind")
        .annotate(count=Count("id"))
        .order_by("process__family_centre__wellbeing_county_id", "service_setting", "kind")
    )
    return [
        {
            "area_id": row["process__family_centre__wellbeing_county_id"],
            "service_setting": row["service_setting"],
            "kind": row["kind"],
            "count": row["count"],
        }
        for row in rows
    ]


def feedback_summary(
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    family_centre_ids=None,
    area_ids=None,
) -> dict:
    """Aggregates of the LP feedback survey for a period (by the answer's month) and family centres or
    areas (wellbeing services counties).

    Returns `{"answers": int | None, "suppressed": bool, "settings": [{"setting", "count", "share",
    "suppressed"}], "items": [{"item", "answered", "yes_percent", "suppressed"}]}`. A cell with fewer
    than 5 answers has `suppressed: True` and its numbers `None`; when the whole total is under 5,
    every cell is suppressed."""
    qs = LPFeedback.objects.all()
    if date_from:
        qs = qs.filter(month__gte=date_from.replace(day=1))
    if date_to:
        qs = qs.filter(month__lte=date_to)
    if family_centre_ids is not None:
        qs = qs.filter(family_centre_id__in=list(family_centre_ids))
    if area_ids is not None:
        qs = qs.filter(family_centre__wellbeing_county_id__in=list(area_ids))
    aggregates = {"n": Count("id")}
    for item in ITEMS:
        aggregates[f"{item}__answered"] = Count("id", filter=Q(**{f"{item}__isnull": False}))
        aggregates[f"{item}__yes"] = Count("id", filter=Q(**{item: True}))
    totals = qs.aggregate(**aggregates)
    by_setting = dict(qs.values_list("setting").annotate(c=Count("id")).order_by())
    n = totals["n"]
    all_suppressed = n < MIN_CELL
    settings_rows = []
    for setting in ServiceSetting.values:
        count = by_setting.get(setting, 0)
        hidden = all_suppressed or 0 < count < MIN_CELL
        settings_rows.append(
            {
                "setting": setting,
                "count": None if hidden else count,
                "share": None if hidden or not n else round(100 * count / n, 1),
                "suppressed": hidden,
            }
        )
    items = []
    for item in ITEMS:
        answered = totals[f"{item}__answered"]
        hidden = all_suppressed or answered < MIN_CELL
        items.append(
            {
                "item": item,
                "answered": None if hidden else answered,
                "yes_percent": None if hidden else round(100 * totals[f"{item}__yes"] / answered, 1),
                "suppressed": hidden,
            }
        )
    return {
        "answers": None if all_suppressed else n,
        "suppressed": all_suppressed,
        "settings": settings_rows,
        "items": items,
    }


def qualification_counts(*, area_ids=None) -> list[dict]:
    """Trained workers by area, organisation and qualification: `{"area_id", "organisation_id", "level",
    "count"}`."""
    qs = LPQualification.objects.all()
    if area_ids is not None:
        qs = qs.filter(area_id__in=list(area_ids))
    return list(
        qs.values("area_id", "organisation_id", "level")
        .annotate(count=Count("user_id", distinct=True))
        .order_by("area_id", "organisation_id", "level")
    )
