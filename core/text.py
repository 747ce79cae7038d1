"""Shared handling of typed text before services store it."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .errors import DomainError

# NUL cannot be stored by PostgreSQL; the bidirectional embedding, override and isolate controls make
# text show in another order than it was written (a file name or a link that lies about itself).
_CONTROLS = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")


def strip_controls(value: str) -> str:
    return _CONTROLS.sub("", value)


def clean_input(value: str | None, *, limit: int) -> str:
    """Strips NUL and bidi-control characters and surrounding space; refuses text over the limit."""
    value = strip_controls(value or "").strip()
    if len(value) > limit:
        raise DomainError(
            _("The text is too long (at most %(n)s characters).") % {"n": limit}, code="too_long"
        )
    return value
