"""The registry through which apps contribute to a person's data export.

accounts sits low in the layers and must not import the apps above it; each app registers what it holds
about a person in its AppConfig.ready (`register_export("observations", observations_of)`), and the
export (accounts.services.gdpr) asks every registered part.

A part registered with `heading` is also listed on the "My data" page under that heading: it returns a
list of records in one shape (`record()`), newest first, so the page needs to know nothing of the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

ExportPart = Callable[[Any], Any]  # user -> JSON-serialisable data

_parts: dict[str, ExportPart] = {}
_headings: dict[str, Any] = {}


def register_export(name: str, part: ExportPart, *, heading=None) -> None:
    """Adds (or replaces, on a reload) the part `name` of every person's export; with a (lazy) `heading`
    the part's records are listed on the person's "My data" page too."""
    _parts[name] = part
    if heading is not None:
        _headings[name] = heading
    else:
        _headings.pop(name, None)


def export_parts() -> dict[str, ExportPart]:
    return dict(_parts)


def listed_parts() -> dict[str, Any]:
    """The parts shown on the "My data" page, by name, with their headings."""
    return dict(_headings)


def record(what, at: datetime | None, text: str = "", about: str = "", **extra) -> dict:
    """One thing a person wrote or was named in: what it is (a label in the person's language), when,
    its text, and what it is attached to (a title, never another person's data)."""
    return {"what": str(what), "at": at, "text": text, "about": about, **extra}


def newest_first(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["at"] is not None, r["at"]), reverse=True)
