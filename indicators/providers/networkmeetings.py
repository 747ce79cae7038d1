"""LP discussions and negotiations as figures, in all and by service setting, and the shares of the LP
feedback survey's yes answers, read from the network-meetings app through its published selectors
(`lp_counts`, `feedback_summary`). Registered only when that app is installed (see
IndicatorsConfig.ready)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import translation

from . import Figure, FigureSpec

KIND_NAMES = {
    "discussion": ("LP-keskustelut, lkm", "LP-samtal, antal", "LP discussions, count"),
    "negotiation": ("LP-neuvonpidot, lkm", "LP-nätverksmöten, antal", "LP network negotiations, count"),
}
# lp_counts names the kinds as network meetings do ("lp_discussion", "lp_negotiation").
KIND_OF = {"lp_discussion": "discussion", "lp_negotiation": "negotiation"}
# The feedback survey's yes/no items (networkmeetings.selectors.counts.ITEMS) as shares of yes answers.
FEEDBACK_NAMES = {
    "heard": ("tuli kuulluksi", "blev hörd", "felt heard"),
    "parenting_tools": (
        "sai keinoja vanhemmuuteen",
        "fick verktyg för föräldraskapet",
        "got tools for parenting",
    ),
    "mental_health_meaningful": (
        "mielenterveydestä puhuminen oli merkityksellistä",
        "samtalet om psykisk hälsa var meningsfullt",
        "talking about mental health was meaningful",
    ),
    "mental_health_confidence": (
        "luottamus mielenterveyden tukeen vahvistui",
        "tilliten till stöd för psykisk hälsa stärktes",
        "confidence in mental-health support grew",
    ),
    "useful_child": ("hyödyllinen lapselle", "nyttigt för barnet", "useful for the child"),
    "useful_family": ("hyödyllinen perheelle", "nyttigt för familjen", "useful for the family"),
    "useful_self": ("hyödyllinen itselle", "nyttigt för en själv", "useful for oneself"),
}


def _settings() -> list[tuple[str, tuple[str, str, str]]]:
    from networkmeetings.models import ServiceSetting

    out = []
    for value, label in ServiceSetting.choices:
        names = []
        for lang in ("fi", "sv", "en"):
            with translation.override(lang):
                names.append(str(label))
        out.append((value, tuple(names)))
    return out


class NetworkMeetingsProvider:
    key = "networkmeetings"

    def specs(self) -> list[FigureSpec]:
        specs = [FigureSpec(f"lp-{kind}", *names) for kind, names in KIND_NAMES.items()]
        for setting, (s_fi, s_sv, s_en) in _settings():
            for kind, (fi, sv, en) in KIND_NAMES.items():
                specs.append(
                    FigureSpec(f"lp-{kind}-{setting}", f"{fi}: {s_fi}", f"{sv}: {s_sv}", f"{en}: {s_en}")
                )
        for item, (fi, sv, en) in FEEDBACK_NAMES.items():
            specs.append(
                FigureSpec(
                    f"lp-feedback-{item}",
                    f"LP-palaute: {fi}, %",
                    f"LP-respons: {sv}, %",
                    f"LP feedback: {en}, %",
                    value_type="PROS",
                    decimals=1,
                )
            )
        return specs

    def figures(self, *, years: list[int]) -> list[Figure]:
        from networkmeetings.selectors.counts import feedback_summary, lp_counts

        totals: dict[tuple[str, int, int], int] = {}
        for year in years:
            for row in lp_counts(year=year):
                if row.get("area_id") is None:
                    continue
                kind = KIND_OF.get(row.get("kind"))
                if kind is None:
                    continue
                for key in (f"lp-{kind}", f"lp-{kind}-{row.get('service_setting')}"):
                    slot = (key, row["area_id"], year)
                    totals[slot] = totals.get(slot, 0) + int(row["count"])
        out = [Figure(key, area, year, Decimal(n)) for (key, area, year), n in totals.items()]
        # Shares are not sums: each county's and the whole country's are asked for on their own. Cells
        # with fewer than five answers come back suppressed and are left out.
        counties = {area for (_key, area, _year) in totals}
        counties |= set(self._feedback_counties())
        for year in years:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            for area in [None, *sorted(counties)]:
                summary = feedback_summary(
                    date_from=start, date_to=end, area_ids=None if area is None else [area]
                )
                for item in summary["items"]:
                    if (
                        item["suppressed"]
                        or item["yes_percent"] is None
                        or item["item"] not in FEEDBACK_NAMES
                    ):
                        continue
                    out.append(
                        Figure(
                            f"lp-feedback-{item['item']}",
                            area,
                            year,
                            Decimal(str(item["yes_percent"])),
                            exact=True,
                        )
                    )
        return out

    @staticmethod
    def _feedback_counties() -> list[int]:
        from familycentres.models import Area

        return list(Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY).values_list("pk", flat=True))
