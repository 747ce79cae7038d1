"""Signals other apps listen to. `decision_recorded` is sent inside decision_record's transaction, after the
decision row and the initiative's new state are saved: a receiver's writes commit or roll back with it, and a
receiver that raises makes the whole decision fail."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with sender=Decision and the keyword arguments decision and actor.
decision_recorded = Signal()
