"""Shared handling of typed text before services store it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .errors import DomainError


def clean_input(value: str | None, *, limit: int) -> str:
    """Strips NUL characters (PostgreSQL cannot store them) and surrounding space; refuses text over the limit."""
    value = (value or "").replace("\x00", "").strip()
    if len(value) > limit:
        raise DomainError(
            _("The text is too long (at most %(n)s characters).") % {"n": limit}, code="too_long"
        )
    return value
