"""Developer groups and their workspace: a co-development process opened from a steering group's decision to
start co-development, with its core question, working method, roadmap, hypotheses, root causes, dialogues,
documents and a running log of the work; consultation rounds and experience surveys that reach beyond the
group; the proposal that goes back to the steering group, and the follow-up of what was implemented."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from familycentres.models import Group, Membership
from phenomena.models import Decision, Initiative, Phenomenon


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


class ProcessChildQuerySet(models.QuerySet):
    """A record of a process (a survey, a document, an invitation) is visible exactly when its process is."""

    def visible_to(self, user):
        return self.filter(process__in=DevelopmentProcess.objects.visible_to(user).values("pk"))


class ConsultationRoundQuerySet(models.QuerySet):
    def visible_to(self, user) -> ConsultationRoundQuerySet:
        """Whoever reads the workspace, and the current members of the asked groups (a limited account too).

        SECURITY: an asked group's member reads the round and its draft, not the rest of the workspace."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        asked = ConsultationRound.groups.through.objects.filter(
            group_id__in=Membership.objects.current().filter(user=user).values("group_id")
        ).values("consultationround_id")
        return self.filter(
            Q(process__in=DevelopmentProcess.objects.visible_to(user).values("pk")) | Q(pk__in=asked)
        )


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
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who follows up the implementation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_summary = models.TextField(_("closing summary"), blank=True)
    # Root causes come first: the group moves to designing and drafts a proposal only when it has recorded
    # root causes, or has written down here why it goes on without them.
    no_root_causes_reason = models.TextField(_("why there are no root causes"), blank=True)

    objects = DevelopmentProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("co-development process")
        verbose_name_plural = _("co-development processes")
        constraints = [
            # A closed process always says when it was closed (the public page orders by it).
            models.CheckConstraint(
                condition=~Q(stage="closed") | Q(closed_at__isnull=False), name="closed_process_has_closed_at"
            ),
        ]

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


class StageChange(models.Model):
    """When the process reached each stage: the timeline on the workspace and the public page."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=20, choices=DevelopmentProcess.Stage.choices)
    changed_at = models.DateTimeField(_("time"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.process_id} {self.stage}"


class ProcessUpdate(TimeStampedModel):
    """News from the developer group: to professionals in the app and digests, and when public, on the family
    centre's "what we are developing now" page and its Atom feed."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="updates")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public page and feed. Write no personal data.")
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self) -> str:
        return self.title


class Reach(models.Model):
    """Whom a survey or a dialogue reached: its target group, channel and everyday environment, and whether
    and how children, young people and families in a vulnerable position were reached. A proposal is sent
    only when the reach of the group's surveys and dialogues has been recorded."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        PHONE = "phone", _("by phone")
        PAPER = "paper", _("on paper")
        MIXED = "mixed", _("several channels")

    class Vulnerable(models.TextChoices):
        YES = "yes", _("yes")
        PARTLY = "partly", _("partly")
        NO = "no", _("no")

    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    environment = models.CharField(
        _("environment"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where it took place in everyday life, for example a school, a day-care centre or online."
        ),
    )
    vulnerable_reached = models.CharField(
        _("were vulnerable children, young people and families reached?"),
        max_length=10,
        choices=Vulnerable.choices,
        blank=True,
    )
    vulnerable_how = models.TextField(_("how they were reached, or why not"), blank=True)
    reach_recorded_at = models.DateTimeField(_("reach recorded"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def reach_recorded(self) -> bool:
        return self.reach_recorded_at is not None


class DialogueRecord(Reach, TimeStampedModel):
    """A structured dialogue such as Erätauko: the question, who took part and what was heard."""

    class Method(models.TextChoices):
        ERATAUKO = "eratauko", _("Erätauko dialogue")
        OPEN_DIALOGUE = "open_dialogue", _("open dialogue")
        WORKSHOP = "workshop", _("workshop")
        OTHER = "other", _("other structured dialogue")

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="dialogues")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.ERATAUKO)
    held_on = models.DateField(_("held on"))
    question = models.TextField(_("question"))
    participants = models.TextField(
        _("participants"),
        help_text=_("Who took part, by role or group; for example six parents, two teachers."),
    )
    heard = models.TextField(_("what was heard"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def __str__(self) -> str:
        return self.question[:80]


def _document_path(instance: Document, filename: str) -> str:
    # The stored name is random; the original name is kept in the row, never used as a path.
    return f"codevelopment/{instance.process_id}/{secrets.token_hex(16)}"


class Document(TimeStampedModel):
    """An attachment. Files live under MEDIA_ROOT, outside the web root, and are served only through a
    view that checks the reader."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))

    objects = ProcessChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Invitation(TimeStampedModel):
    """An invitation by email to join the developer group. A person without an account gets a limited one,
    which sees only the workspaces of its own groups. Only a hash of the token is stored."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Membership.Role.choices)
    background = models.CharField(
        _("taking part as"), max_length=30, choices=Membership.Background.choices, blank=True
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ProcessChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_open_once_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email


class ConsultationRound(TimeStampedModel):
    """A draft sent to chosen family-centre teams and groups for comments by a deadline."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(_("title"), max_length=200)
    draft = models.TextField(_("draft"))
    document = models.ForeignKey(
        Document, verbose_name=_("attached document"), null=True, blank=True, on_delete=models.SET_NULL
    )
    groups = models.ManyToManyField(Group, verbose_name=_("asked from"), related_name="consultations")
    deadline = models.DateTimeField(_("deadline"))
    reminder_hours = models.PositiveIntegerField(_("reminder before the deadline (hours)"), default=48)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ConsultationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        """Takes comments: not closed and the deadline not passed."""
        return self.closed_at is None and self.deadline > (now or timezone.now())


class ConsultationComment(TimeStampedModel):
    consultation = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        Group,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:80]


def _survey_token() -> str:
    return secrets.token_urlsafe(12)


class Survey(Reach, TimeStampedModel):
    """A short anonymous questionnaire for families, answered through a public link or QR code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="surveys")
    public_id = models.CharField(max_length=32, unique=True, default=_survey_token, editable=False)
    title = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro = models.TextField(_("introduction (Finnish)"), blank=True)
    intro_sv = models.TextField(_("introduction (Swedish)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)

    objects = ProcessChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("experience survey")
        verbose_name_plural = _("experience surveys")

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        CHOICE = "choice", _("one choice")
        TEXT = "text", _("open text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question (Finnish)"), max_length=500)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    # For a choice question, one option per line, in the same order in every language.
    options = models.TextField(_("options (Finnish), one per line"), blank=True)
    options_sv = models.TextField(_("options (Swedish), one per line"), blank=True)
    options_en = models.TextField(_("options (English), one per line"), blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            # Deferred: moving a question swaps two positions inside one transaction.
            models.UniqueConstraint(
                fields=["survey", "position"],
                name="survey_question_position_once",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]


class SurveyResponse(models.Model):
    """One family's anonymous answers: no account, no address, no IP address stored."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(max_length=5)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.submitted_at:%Y-%m-%d}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    # The index of the chosen option, so answers in any language count together.
    choice_index = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=Q(scale_value__isnull=True) | Q(scale_value__gte=1, scale_value__lte=5),
                name="survey_answer_scale_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.question_id}"


class Proposal(TimeStampedModel):
    """The developer group's proposal to the deciding steering group. Sending it makes an initiative of the
    kind "approve the developer group's proposal", which goes through the steering group's queue, agenda
    and decision like any other."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="proposals")
    solutions = models.TextField(_("solutions"))
    plan = models.TextField(_("implementation plan"))
    measurement = models.TextField(_("how the result will be measured"))
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="codevelopment_proposal",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One draft at a time: proposal_save edits the unsent one instead of starting another.
            models.UniqueConstraint(
                fields=["process"], condition=Q(sent_at__isnull=True), name="proposal_one_draft_per_process"
            ),
        ]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.solutions[:80]


class FollowUpMetric(TimeStampedModel):
    """A measure tied to the goal of what was implemented."""

    process = models.ForeignKey(DevelopmentProcess, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(_("metric"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    method = models.TextField(_("how it is measured"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("follow-up owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("follow-up metric")
        verbose_name_plural = _("follow-up metrics")

    def __str__(self) -> str:
        return self.name


class FollowUpPoint(TimeStampedModel):
    metric = models.ForeignKey(FollowUpMetric, on_delete=models.CASCADE, related_name="points")
    due_on = models.DateField(_("follow-up date"))
    value = models.DecimalField(_("measured value"), max_digits=14, decimal_places=2, null=True, blank=True)
    evaluation_families = models.TextField(_("evaluation from families' point of view"), blank=True)
    evaluation_professionals = models.TextField(_("evaluation from professionals' point of view"), blank=True)
    more_development_needed = models.BooleanField(_("is more development needed?"), null=True, blank=True)
    new_phenomenon = models.ForeignKey(
        Phenomenon,
        verbose_name=_("new phenomenon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follows_up",
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up point")
        verbose_name_plural = _("follow-up points")
        constraints = [
            # A measured value is always recorded at a time, and a recorded time always has its value.
            models.CheckConstraint(
                condition=Q(value__isnull=True, recorded_at__isnull=True)
                | Q(value__isnull=False, recorded_at__isnull=False),
                name="follow_up_point_value_with_time",
            ),
            models.UniqueConstraint(fields=["metric", "due_on"], name="follow_up_point_once_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.due_on}"


class SubteamEvaluation(TimeStampedModel):
    """A local sub-team's (or a partner organisation's) own evaluation of what was implemented, in a learning
    network: shown on the follow-up page and in the follow-up report."""

    process = models.ForeignKey(
        DevelopmentProcess, on_delete=models.CASCADE, related_name="subteam_evaluations"
    )
    subteam = models.ForeignKey(
        Group,
        verbose_name=_("sub-team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.CharField(_("sub-team or organisation"), max_length=200, blank=True)
    text = models.TextField(_("evaluation"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    metric = models.ForeignKey(
        FollowUpMetric,
        verbose_name=_("metric"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subteam_evaluations",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("sub-team evaluation")
        verbose_name_plural = _("sub-team evaluations")
        constraints = [
            # Every evaluation says whose it is: a sub-team or an organisation by name.
            models.CheckConstraint(
                condition=Q(subteam__isnull=False) | ~Q(organisation=""),
                name="subteam_evaluation_has_author_group",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def who(self) -> str:
        return self.subteam.name if self.subteam_id else self.organisation


class Reminder(models.Model):
    """One reminder to one person about one thing, at most once: the key (for example
    "followup:<point id>" or "consultation:<round id>") and the recipient are unique together, so a
    scheduler that runs twice cannot make a second one. The in-app notification is written in the same
    transaction that marks it sent; a worker that dies before committing leaves it unsent for the next run."""

    key = models.CharField(max_length=100)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="reminder_once_per_recipient"),
        ]
        indexes = [models.Index(fields=["sent_at", "due_at"])]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient_id}"
