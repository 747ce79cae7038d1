"""Panels that apps above phenomena add to a phenomenon's page, without phenomena importing them.

An app registers a function `(request, phenomenon) -> str` (rendered HTML, or "" to show nothing) in its
AppConfig.ready(); the page renders every registered panel in registration order."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

Panel = Callable[..., str]

_panels: dict[str, Panel] = {}


def register_panel(key: str, panel: Panel) -> None:
    """Registers (or replaces) the panel under `key`; registering twice is harmless."""
    _panels[key] = panel


def render_panels(request, phenomenon) -> SafeString:
    # The panels render their own templates (autoescaped), so their output is already safe HTML.
    return mark_safe("".join(panel(request, phenomenon) or "" for panel in _panels.values()))  # noqa: S308
