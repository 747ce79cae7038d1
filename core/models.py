"""Shared models: the abstract base, the audit trail, the access log of sensitive reads, and in-app
notifications. Every later feature writes to these through the helpers in core.audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class EqualsAny(models.Func):
    """`value = ANY(array)`: true when the array holds the value."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = models.BooleanField()


def pk_in_union(first: models.QuerySet, *rest: models.QuerySet) -> EqualsAny:
    """A filter: the primary key is one of the ids that the querysets give (one column each), put together
    with UNION ALL into an array. For a visibility rule that is an OR of several ways of seeing: each way is
    then its own index look-up and the rows are read by primary key, where the OR (or `pk IN (union)`,
    whose size PostgreSQL cannot estimate) made it read and test every row of the table."""
    return EqualsAny(models.F("pk"), ArraySubquery(first.union(*rest, all=True)))


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an append-only log row."""


class AppendOnlyModel(models.Model):
    """Rows are written once and never changed or deleted by the application."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class AuditEvent(AppendOnlyModel):
    """One change made through a service, written in the same transaction as the change."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("object type"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class AccessLogEntry(AppendOnlyModel):
    """One read, list, export, PDF or disclosure of a sensitive (client) record.

    The Client Data Act (703/2023) requires a log of who saw which client's data, when and why, and
    of every disclosure with its recipient; a client's log report is produced from these rows."""

    class Kind(models.TextChoices):
        READ = "read", _("read")
        LIST = "list", _("list")
        EXPORT = "export", _("export")
        PDF = "pdf", _("PDF")
        DISCLOSURE = "disclosure", _("disclosure")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="access_log_entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.CharField(_("record id"), max_length=64)
    client_ref = models.CharField(_("client"), max_length=64, blank=True, db_index=True)
    purpose = models.CharField(_("purpose or basis"), max_length=200)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.content_type_id}:{self.object_id}"


class Notification(TimeStampedModel):
    """An in-app message to one user; digests are built from the unread ones."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    verb = models.CharField(_("kind"), max_length=80)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # The event this notification tells of, when it must reach each recipient only once.
    key = models.CharField(_("event"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="notification_once_per_event"
            )
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.text


class Heartbeat(models.Model):
    """Last time a named periodic job ran; shows on /health/ that the scheduler is alive."""

    name = models.CharField(max_length=80, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.last_seen:%Y-%m-%d %H:%M}"


class ImportRun(models.Model):
    """One run of an importer of outside data (statistics, the national service catalogue): what it read,
    what it changed, and why it failed. A run is all-or-nothing: a failed run changed nothing."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    source = models.CharField(_("source"), max_length=40, db_index=True)
    kind = models.CharField(_("what was imported"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # None: started by the schedule.
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    error = models.TextField(_("error"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="running") | models.Q(finished_at__isnull=False),
                name="core_importrun_finished_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class CacheVersion(models.Model):
    """The version of a cached fragment (core.fragments): a number that database triggers raise in the
    transaction of every write of what the fragment shows, so a cached copy is never read after a write
    has committed (the cache key carries the version). Triggers, not signals: bulk writes, queryset
    updates and deletes by the database pass no signal."""

    name = models.CharField(_("name"), max_length=60, primary_key=True)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("cache version")
        verbose_name_plural = _("cache versions")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
