"""Signals co-development sends; receivers.py handles them (and the ones it listens to from phenomena)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that made or renewed an invitation's link, with `invitation`, `token` (the
# only copy of it: the database keeps its hash) and `language` (of the page that made the link).
invitation_link_issued = Signal()

# Sent inside the transaction that recorded a follow-up point, with `point`, `process` and `actor`: the place
# where the raising local team hears of the result (a receiver in receivers.py calling phenomena). The
# deciding group and the follow-up owner are told by services.lifecycle.point_record itself.
follow_up_point_recorded = Signal()
