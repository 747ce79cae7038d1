"""Signals co-development sends; receivers.py handles them (and the ones it listens to from phenomena)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that made or renewed an invitation's link, with `invitation`, `token` (the
# only copy of it: the database keeps its hash) and `language` (of the page that made the link).
invitation_link_issued = Signal()
