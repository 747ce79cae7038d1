"""The platform's own figures come from providers: each names its indicators and computes rows for them,
by year or by month (`month` 1–12; 0 is the whole year) and optionally by group. Apps register providers from AppConfig.ready() (this app registers the observations provider, and
the network-meetings adapter when that app is installed), so the own figures grow without this app
depending on apps that may not be there."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class FigureSpec:
    source_id: str  # the indicator's id under the source "platform"
    title_fi: str
    title_sv: str
    title_en: str
    value_type: str = "COUNT"  # an Indicator.ValueType
    decimals: int = 0


@dataclass(frozen=True)
class Figure:
    """A count is summed from its area up to the municipality, the county and the whole country. A share
    (`exact`) and a group's figure are not sums: they stand for their own area's region only (the whole
    country when `area_id` is None)."""

    source_id: str
    area_id: int | None  # a familycentres Area (a local area counts for its municipality)
    year: int
    value: Decimal
    month: int = 0
    group_id: int | None = None
    exact: bool = False


class Provider(Protocol):
    key: str

    def specs(self) -> list[FigureSpec]: ...

    def figures(self, *, years: list[int]) -> list[Figure]: ...


_providers: dict[str, Provider] = {}


def register_provider(provider: Provider) -> None:
    """Registers (or replaces) a provider under its key; registering twice is harmless."""
    _providers[provider.key] = provider


def unregister_provider(key: str) -> None:
    _providers.pop(key, None)


def providers() -> list[Provider]:
    return list(_providers.values())
