"""Signals the apps above the network listen to, so that the network never imports them.

`meeting_created` is sent inside the meeting's creating transaction, after the meeting and its invitations
are saved: a receiver's writes (for example a matter waiting for the group's next agenda) commit or roll
back with the meeting."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with sender=Meeting and the keyword arguments meeting and actor.
meeting_created = Signal()
