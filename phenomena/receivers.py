"""Receivers of the network's signals (familycentres never imports phenomena)."""

from __future__ import annotations

from .referral_services import place_waiting_referrals


def on_meeting_created(sender, *, meeting, actor, **kwargs) -> None:
    """A local team planned a meeting: the matters sent to it that wait for an agenda go on this one."""
    place_waiting_referrals(actor=actor, meeting=meeting)
