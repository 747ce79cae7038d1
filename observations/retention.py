"""Retention of the families' data in observations.

- A family's contact email is kept only for replies: it is erased when the observation reaches a final
  state (archived or merged; a day's grace lets the closing message go out first) or when it is older
  than OBSERVATION_CONTACT_RETENTION_DAYS (default about six months), whichever comes first.
- A closed observation older than OBSERVATION_RETENTION_DAYS after closing is anonymised: no author, no
  follow-up code, no contact, its text and notes with personal data redacted, its family messages gone.

Every erasure is written to the audit log (which fields, never their values). A dry run counts and lists
what would be erased and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.audit import audit_record
from core.pii import redact

from .models import EnrichmentNote, FamilyMessage, Observation

FINAL_STATES = (Observation.Status.ARCHIVED, Observation.Status.MERGED)
CLOSING_MESSAGE_GRACE = timedelta(days=1)


@dataclass
class SweepReport:
    dry_run: bool
    contacts_erased: list[int] = field(default_factory=list)
    anonymised: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "contacts_erased": len(self.contacts_erased),
            "anonymised": len(self.anonymised),
        }


def contacts_due(now) -> QuerySet[Observation]:
    contact_limit = now - timedelta(days=settings.OBSERVATION_CONTACT_RETENTION_DAYS)
    closed = Q(status__in=FINAL_STATES, updated_at__lt=now - CLOSING_MESSAGE_GRACE)
    return Observation.objects.exclude(contact_email="").filter(closed | Q(created_at__lt=contact_limit))


def anonymisation_due(now) -> QuerySet[Observation]:
    limit = now - timedelta(days=settings.OBSERVATION_RETENTION_DAYS)
    return Observation.objects.filter(status__in=FINAL_STATES, updated_at__lt=limit).exclude(
        author__isnull=True, followup_code__isnull=True, contact_email="", held=False
    )


def _anonymise(observation: Observation) -> list[str]:
    changed = []
    if observation.author_id is not None:
        observation.author = None
        changed.append("author")
    if observation.followup_code is not None:
        observation.followup_code = None
        changed.append("followup_code")
    if observation.contact_email:
        observation.contact_email = ""
        changed.append("contact_email")
    if observation.held:
        observation.text = redact(observation.text)
        observation.held, observation.held_reasons = False, []
        changed.append("text")
    observation.save(
        update_fields=["author", "followup_code", "contact_email", "text", "held", "held_reasons"]
    )
    for note in EnrichmentNote.objects.filter(observation=observation):
        redacted = redact(note.text)
        if redacted != note.text:
            note.text = redacted
            note.save(update_fields=["text"])
            changed.append(f"note:{note.pk}")
    if FamilyMessage.objects.filter(observation=observation).delete()[0]:
        changed.append("family_messages")
    return changed


def retention_sweep(*, now=None, dry_run: bool = False) -> SweepReport:
    now = now or timezone.now()
    report = SweepReport(dry_run=dry_run)
    with transaction.atomic():
        for observation in contacts_due(now).select_for_update(skip_locked=True).order_by("pk"):
            report.contacts_erased.append(observation.pk)
            if dry_run:
                continue
            observation.contact_email = ""
            observation.save(update_fields=["contact_email"])
            audit_record(
                actor=None,
                action="observation.retention_contact_erased",
                obj=observation,
                after={"erased": ["contact_email"]},
            )
        for observation in anonymisation_due(now).select_for_update(skip_locked=True).order_by("pk"):
            report.anonymised.append(observation.pk)
            if dry_run:
                continue
            changed = _anonymise(observation)
            audit_record(
                actor=None,
                action="observation.retention_anonymised",
                obj=observation,
                after={"erased": changed},
            )
    return report
