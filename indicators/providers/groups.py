"""Phenomena and decisions per group: how many phenomena a steering group (or a team) analyses and how many
decisions it makes, by year and month. Each figure belongs to its group and stands for the group's area
(its family centre's county when the group has no area of its own, else the whole country); group
figures are not summed upwards."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from phenomena.models import Decision, Phenomenon

from . import Figure, FigureSpec


class GroupsProvider:
    key = "groups"

    def specs(self) -> list[FigureSpec]:
        return [
            FigureSpec(
                "phenomena-group",
                "Ryhmän analysoimat ilmiöt, lkm",
                "Fenomen som gruppen analyserat, antal",
                "Phenomena analysed by the group, count",
            ),
            FigureSpec(
                "decisions-group",
                "Ryhmän päätökset, lkm",
                "Gruppens beslut, antal",
                "Decisions of the group, count",
            ),
        ]

    def figures(self, *, years: list[int]) -> list[Figure]:
        out: list[Figure] = []
        phenomena = (
            Phenomenon.objects.filter(analyser_group__isnull=False, created_at__year__in=years)
            .exclude(status=Phenomenon.Status.DRAFT)
            .annotate(
                y=ExtractYear("created_at"),
                m=ExtractMonth("created_at"),
                group_area=Coalesce(
                    "analyser_group__area_id", "analyser_group__family_centre__wellbeing_county_id"
                ),
            )
            .values("analyser_group_id", "group_area", "y", "m")
            .annotate(n=Count("id"))
            .order_by()
        )
        out += self._monthly("phenomena-group", phenomena, "analyser_group_id")
        decisions = (
            Decision.objects.filter(created_at__year__in=years)
            .annotate(
                y=ExtractYear("created_at"),
                m=ExtractMonth("created_at"),
                group_area=Coalesce("group__area_id", "group__family_centre__wellbeing_county_id"),
            )
            .values("group_id", "group_area", "y", "m")
            .annotate(n=Count("id"))
            .order_by()
        )
        out += self._monthly("decisions-group", decisions, "group_id")
        return out

    @staticmethod
    def _monthly(key: str, rows, group_field: str) -> list[Figure]:
        totals: dict[tuple[int, int | None, int, int], int] = {}
        for row in rows:
            for month in (0, row["m"]):
                slot = (row[group_field], row["group_area"], row["y"], month)
                totals[slot] = totals.get(slot, 0) + row["n"]
        return [
            Figure(key, area, year, Decimal(n), month=month, group_id=group)
            for (group, area, year, month), n in totals.items()
        ]
