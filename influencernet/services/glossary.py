"""The shared glossary and the network's goals. Members propose changes to the glossary; the coordinator
approves them, and the approved changes are the term's history of edits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.transitions import lock

from ..models import TERM_FIELDS, Goal, Network, Term, TermChange
from ..permissions import can_decide_term, can_manage_network, can_propose_term
from .common import clean, refuse_personal_data


@transaction.atomic
def term_change_propose(*, actor, network: Network, term: Term | None = None, **fields) -> TermChange:
    if not can_propose_term(actor, network):
        raise PermissionDenied
    if term is not None and term.network_id != network.pk:
        raise DomainError(_("The term is not in this network's glossary."), code="term")
    values = {}
    for name in TERM_FIELDS:
        values[name] = clean(fields.get(name, ""), 150 if name.startswith("term_") else 5_000)
    if not values["term_fi"] or not values["meaning_fi"]:
        raise DomainError(_("Give the term and its meaning in Finnish."), code="term_required")
    refuse_personal_data(*values.values())
    change = TermChange.objects.create(network=network, term=term, created_by=actor, **values)
    audit_record(actor=actor, action="influencernet.term_propose", obj=change, after=values)
    return change


@transaction.atomic
def term_change_decide(*, actor, change: TermChange, approve: bool) -> TermChange:
    if not can_decide_term(actor, change.network):
        raise PermissionDenied
    change = lock(change)
    if change.status != TermChange.Status.PROPOSED:
        raise ConflictError(_("The change has already been decided."), code="already_decided")
    values = {name: getattr(change, name) for name in TERM_FIELDS}
    if approve:
        term = change.term
        clash = Term.objects.filter(network=change.network, term_fi__iexact=values["term_fi"])
        if term is not None:
            clash = clash.exclude(pk=term.pk)
        if clash.exists():
            raise ConflictError(_("The glossary already has this term."), code="term_taken")
        if term is None:
            term = Term.objects.create(network=change.network, created_by=actor, **values)
        else:
            term = lock(term)
            for name, value in values.items():
                setattr(term, name, value)
            term.save()
        change.term = term
    change.status = TermChange.Status.APPROVED if approve else TermChange.Status.REJECTED
    change.decided_at = timezone.now()
    change.decided_by = actor
    change.save(update_fields=["term", "status", "decided_at", "decided_by", "updated_at"])
    audit_record(actor=actor, action="influencernet.term_decide", obj=change, after={"status": change.status})
    return change


@transaction.atomic
def goal_add(*, actor, network: Network, year: int, text: str) -> Goal:
    if not can_manage_network(actor, network):
        raise PermissionDenied
    text = clean(text, 2_000)
    if not text:
        raise DomainError(_("Write the goal."), code="text_required")
    if not year or year < 2000 or year > 2100:
        raise DomainError(_("Give the year."), code="year")
    goal = Goal.objects.create(network=network, year=year, text=text, created_by=actor)
    audit_record(actor=actor, action="influencernet.goal_add", obj=goal, after={"year": year})
    return goal
