"""Choices that more than one app stores, so that their values and labels cannot drift apart."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PositiveOrConcern(models.TextChoices):
    """Whether an observation, or a phenomenon made of observations, is a strength or a concern."""

    POSITIVE = "positive", _("positive")
    CONCERN = "concern", _("concern")
