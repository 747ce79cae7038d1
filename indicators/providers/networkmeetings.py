"""LP discussions and negotiations as figures, read from the network-meetings app through its published
count selector. Registered only when that app is installed (see IndicatorsConfig.ready)."""

from __future__ import annotations

from decimal import Decimal

from . import Figure, FigureSpec

KIND_NAMES = {
    "discussion": ("LP-keskustelut, lkm", "LP-samtal, antal", "LP discussions, count"),
    "negotiation": ("LP-neuvonpidot, lkm", "LP-nätverksmöten, antal", "LP network negotiations, count"),
}
# lp_counts names the kinds as network meetings do ("lp_discussion", "lp_negotiation").
KIND_OF = {"lp_discussion": "discussion", "lp_negotiation": "negotiation"}


class NetworkMeetingsProvider:
    key = "networkmeetings"

    def specs(self) -> list[FigureSpec]:
        return [FigureSpec(f"lp-{kind}", *names) for kind, names in KIND_NAMES.items()]

    def figures(self, *, years: list[int]) -> list[Figure]:
        from networkmeetings.selectors.counts import lp_counts

        totals: dict[tuple[str, int, int], int] = {}
        for year in years:
            for row in lp_counts(year=year):
                if row.get("area_id") is None:
                    continue
                kind = KIND_OF.get(row.get("kind"))
                if kind is None:
                    continue
                # Every service setting (maternity clinic, school, ...) adds to the kind's total.
                slot = (f"lp-{kind}", row["area_id"], year)
                totals[slot] = totals.get(slot, 0) + int(row["count"])
        return [Figure(key, area, year, Decimal(n)) for (key, area, year), n in totals.items()]
