"""Choices that more than one app stores, so that their values and labels cannot drift apart."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PositiveOrConcern(models.TextChoices):
    """Whether an observation, or a phenomenon made of observations, is a strength or a concern."""

    POSITIVE = "positive", _("positive")
    CONCERN = "concern", _("concern")


def labels(choices) -> dict:
    """{value: translated label} of a field's choices, translated once (for a list that shows a label per
    row): `get_FOO_display` rebuilds and hashes the whole choice list, its lazy labels translated again, on
    every call."""
    return {value: str(label) for value, label in choices}
