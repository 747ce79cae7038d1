"""Families' contact emails and closed observations do not stay for ever."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from observations.models import EnrichmentNote, Observation
from observations.retention import retention_sweep
from observations.tasks import observation_retention_sweep
from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

EMAIL = "perhe@example.test"


def _closing(status) -> dict:
    if status == Observation.Status.ARCHIVED:
        return {"archive_reason": "Käsitelty"}
    if status == Observation.Status.MERGED:
        return {"merged_into": ObservationFactory()}
    return {}


def _family(status=Observation.Status.NEW, *, age_days=0, closed_days=0, **extra):
    extra = {**_closing(status), **extra}
    observation = ObservationFactory(
        status=status, contact_email=EMAIL, source=Observation.Source.FAMILY_FORM, followup_code=None, **extra
    )
    now = timezone.now()
    Observation.objects.filter(pk=observation.pk).update(
        created_at=now - timedelta(days=age_days), updated_at=now - timedelta(days=closed_days)
    )
    return observation


def _email(observation) -> str:
    return Observation.objects.get(pk=observation.pk).contact_email


def test_contact_erased_when_archived_or_merged(settings):
    archived = _family(Observation.Status.ARCHIVED, age_days=3, closed_days=2)
    merged = _family(Observation.Status.MERGED, age_days=3, closed_days=2)
    just_closed = _family(Observation.Status.ARCHIVED)  # the closing message may still be on its way
    open_one = _family(age_days=10, closed_days=10)
    report = retention_sweep()
    assert sorted(report.contacts_erased) == sorted([archived.pk, merged.pk])
    assert _email(archived) == "" and _email(merged) == ""
    assert _email(just_closed) == EMAIL and _email(open_one) == EMAIL


def test_contact_erased_after_the_period_even_if_never_closed(settings):
    settings.OBSERVATION_CONTACT_RETENTION_DAYS = 183
    old = _family(age_days=184, closed_days=100)
    young = _family(age_days=182, closed_days=100)
    retention_sweep()
    assert _email(old) == "" and _email(young) == EMAIL


def test_dry_run_changes_nothing_and_lists():
    archived = _family(Observation.Status.ARCHIVED, age_days=3, closed_days=2)
    report = retention_sweep(dry_run=True)
    assert report.contacts_erased == [archived.pk]
    assert _email(archived) == EMAIL
    assert not AuditEvent.objects.filter(action__startswith="observation.retention").exists()


def test_erasure_is_audited_without_the_value():
    archived = _family(Observation.Status.ARCHIVED, age_days=3, closed_days=2)
    retention_sweep()
    event = AuditEvent.objects.get(action="observation.retention_contact_erased")
    assert event.object_id == str(archived.pk)
    assert event.after == {"erased": ["contact_email"]} and EMAIL not in str(event.before)


def test_closed_observations_past_their_period_are_anonymised(settings):
    settings.OBSERVATION_RETENTION_DAYS = 730
    author = UserFactory()
    old = ObservationFactory(
        status=Observation.Status.ARCHIVED,
        author=author,
        followup_code="ABCD2345",
        text="Naapurin lapsi, puh 040 765 4321",
        held=True,
        archive_reason="Käsitelty",
    )
    EnrichmentNote.objects.create(observation=old, text="Soitin numeroon 040 765 4321")
    recent = ObservationFactory(status=Observation.Status.ARCHIVED, author=author, archive_reason="Käsitelty")
    open_old = ObservationFactory(author=author)
    long_ago = timezone.now() - timedelta(days=731)
    Observation.objects.filter(pk__in=[old.pk, open_old.pk]).update(updated_at=long_ago, created_at=long_ago)
    report = retention_sweep()
    assert report.anonymised == [old.pk]
    old.refresh_from_db()
    assert old.author is None and old.followup_code is None
    assert "040 765 4321" not in old.text and not old.held
    assert "040 765 4321" not in old.notes.get().text
    assert Observation.objects.get(pk=recent.pk).author == author
    assert Observation.objects.get(pk=open_old.pk).author == author
    event = AuditEvent.objects.get(action="observation.retention_anonymised")
    assert "author" in event.after["erased"] and "text" in event.after["erased"]
    # A second run finds nothing more.
    assert retention_sweep().anonymised == []


def test_command_dry_run_and_task(capsys):
    archived = _family(Observation.Status.ARCHIVED, age_days=3, closed_days=2)
    call_command("retention_sweep", "--dry-run")
    assert f"[{archived.pk}]" in capsys.readouterr().out and _email(archived) == EMAIL
    assert observation_retention_sweep.apply().get()["contacts_erased"] == 1
    assert _email(archived) == ""


def test_sweep_is_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "observations.tasks.observation_retention_sweep" in tasks
