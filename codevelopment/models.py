"""Developer groups and their workspace: a co-development process opened from a steering group's decision to
start co-development, with its core question, working method, roadmap, hypotheses, root causes and a running
log of the work."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from familycentres.models import Group
from phenomena.models import Decision, Phenomenon


class DevelopmentProcessQuerySet(models.QuerySet):
    def visible_to(self, user) -> DevelopmentProcessQuerySet:
        """The network's professionals read every workspace (the network's own transparency); a limited
        (client representative) account reads only the workspaces of its own groups.

        SECURITY: the limit comes from Group.objects.visible_to, so it is the same rule as for groups."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(group__in=Group.objects.visible_to(user).values("pk"))


class DevelopmentProcess(TimeStampedModel):
    class Stage(models.TextChoices):
        UNDERSTANDING = "understanding", _("understanding the phenomenon")
        DESIGNING = "designing", _("designing")
        PROPOSAL = "proposal", _("proposal")
        IMPLEMENTATION = "implementation", _("implementation")
        FOLLOW_UP = "follow_up", _("follow-up")
        CLOSED = "closed", _("closed")

    phenomenon = models.ForeignKey(
        Phenomenon,
        verbose_name=_("phenomenon"),
        on_delete=models.PROTECT,
        related_name="development_processes",
    )
    decision = models.OneToOneField(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="development_process"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("developer group"),
        on_delete=models.PROTECT,
        related_name="development_processes",
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Decision.Scope.choices)
    core_question = models.TextField(_("core question"), blank=True)
    working_method = models.TextField(_("working method"), blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.UNDERSTANDING, db_index=True
    )
    is_learning_network = models.BooleanField(_("learning network"), default=False)

    objects = DevelopmentProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("co-development process")
        verbose_name_plural = _("co-development processes")

    def __str__(self) -> str:
        return self.group.name

    def get_absolute_url(self) -> str:
        return reverse("codevelopment:workspace", args=[self.pk])


class Milestone(TimeStampedModel):
    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Hypothesis(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUPPORTED = "supported", _("supported")
        REJECTED = "rejected", _("rejected")

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="hypotheses")
    statement = models.TextField(_("hypothesis"))
    for_text = models.TextField(_("what speaks for it"), blank=True)
    against_text = models.TextField(_("what speaks against it"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("hypothesis")
        verbose_name_plural = _("hypotheses")

    def __str__(self) -> str:
        return self.statement[:80]


class RootCause(TimeStampedModel):
    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="root_causes")
    text = models.TextField(_("root cause"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("root cause")
        verbose_name_plural = _("root causes")

    def __str__(self) -> str:
        return self.text[:80]


class WorkLogEntry(models.Model):
    """The running log of the work; only services append to it."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="log_entries")
    text = models.CharField(_("entry"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return self.text
