"""The registry through which apps contribute to a person's data export.

accounts sits low in the layers and must not import the apps above it; each app registers what it holds
about a person in its AppConfig.ready (`register_export("observations", observations_of)`), and the
export (accounts.services.gdpr) asks every registered part."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ExportPart = Callable[[Any], Any]  # user -> JSON-serialisable data

_parts: dict[str, ExportPart] = {}


def register_export(name: str, part: ExportPart) -> None:
    """Adds (or replaces, on a reload) the part `name` of every person's export."""
    _parts[name] = part


def export_parts() -> dict[str, ExportPart]:
    return dict(_parts)
