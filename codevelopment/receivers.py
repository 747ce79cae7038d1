"""Signal handlers of co-development, connected in CodevelopmentConfig.ready: what the app does when a
steering group records a decision, and the email of a new invitation link."""

from __future__ import annotations

from django.db import transaction

from phenomena.models import Decision

from .services.lifecycle import proposal_decided
from .tasks import send_invitation_email


def on_decision_recorded(sender, *, decision: Decision, actor, **kwargs) -> None:
    """phenomena.signals.decision_recorded, inside the decision's transaction: a decision on the developer
    group's proposal moves the process on (services.lifecycle.proposal_decided)."""
    proposal_decided(actor=actor, decision=decision)


def on_invitation_link_issued(sender, *, invitation, token: str, language: str, **kwargs) -> None:
    """Emails the new link once the invitation is surely stored."""
    pk = invitation.pk
    transaction.on_commit(lambda: send_invitation_email.delay(pk, token, language))
