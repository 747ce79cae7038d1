"""A steering group's decision on the initiative of a network's proposal moves the proposal along (inside the
decision's own transaction, as phenomena.signals promises)."""

from __future__ import annotations

from django.dispatch import receiver

from phenomena.models import Decision
from phenomena.signals import decision_recorded


@receiver(decision_recorded, sender=Decision, dispatch_uid="influencernet.proposal_decided")
def on_decision_recorded(sender, decision, actor, **kwargs) -> None:
    from .services.proposals import proposal_decided

    proposal_decided(actor=actor, decision=decision)
