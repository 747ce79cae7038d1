"""Observations as figures: per area, year and month, all, concerns and positive ones, and per everyday
environment (each month and the whole year). Counts only; the text of an observation never leaves its
app."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from observations.models import Observation

from . import Figure, FigureSpec

ENVIRONMENT_NAMES = {
    "home": ("kotona", "i hemmet", "at home"),
    "ecec": ("varhaiskasvatuksessa", "inom småbarnspedagogiken", "in early childhood education"),
    "school": ("koulussa", "i skolan", "at school"),
    "leisure": ("vapaa-ajalla", "på fritiden", "in leisure time"),
    "digital": ("digitaalisissa ympäristöissä", "i digitala miljöer", "in digital environments"),
    "services": ("palveluissa", "i tjänsterna", "in services"),
    "other": ("muualla", "på annat håll", "elsewhere"),
}


class ObservationsProvider:
    key = "observations"

    def specs(self) -> list[FigureSpec]:
        specs = [
            FigureSpec("observations", "Havainnot, lkm", "Observationer, antal", "Observations, count"),
            FigureSpec(
                "observations-concern",
                "Huolihavainnot, lkm",
                "Observationer av oro, antal",
                "Observations of concern, count",
            ),
            FigureSpec(
                "observations-positive",
                "Myönteiset havainnot, lkm",
                "Positiva observationer, antal",
                "Positive observations, count",
            ),
        ]
        for code, (fi, sv, en) in ENVIRONMENT_NAMES.items():
            specs.append(
                FigureSpec(
                    f"observations-{code}",
                    f"Havainnot {fi}, lkm",
                    f"Observationer {sv}, antal",
                    f"Observations {en}, count",
                )
            )
        return specs

    def figures(self, *, years: list[int]) -> list[Figure]:
        # One GROUP BY in the database: area x month x kind x environment.
        rows = (
            Observation.objects.filter(area__isnull=False, observed_on__year__in=years)
            .exclude(status__in=["archived", "merged"])
            .annotate(y=ExtractYear("observed_on"), m=ExtractMonth("observed_on"))
            .values("area_id", "y", "m", "kind", "environment")
            .annotate(n=Count("id"))
            .order_by()
        )
        totals: dict[tuple[str, int, int, int], int] = {}
        for row in rows:
            keys = ["observations", f"observations-{row['environment']}"]
            if row["kind"]:
                keys.append(f"observations-{row['kind']}")
            for key in keys:
                for month in (0, row["m"]):
                    slot = (key, row["area_id"], row["y"], month)
                    totals[slot] = totals.get(slot, 0) + row["n"]
        return [
            Figure(key, area, year, Decimal(n), month=month) for (key, area, year, month), n in totals.items()
        ]
