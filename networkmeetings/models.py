"""Network meetings with a child and family (systemic network work) and the Let's Talk about Children (LP)
discussions and network negotiations.

Everything under a NetworkProcess is client data (Client Data Act 703/2023): only the process's
participants see it (`NetworkProcess.objects.visible_to`), every read is written to core's access log, and
the family is known only by a pseudonymous label. LP feedback answers and LP qualifications are not client
data: feedback is anonymous and linked only to a family centre, a service setting and a month."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, pk_in_union
from familycentres.models import Area, FamilyCentre, Organisation

RECORD_MAX_CHARS = 50_000


class ServiceSetting(models.TextChoices):
    """Where an LP discussion or negotiation took place (the codes of the feedback CSV too)."""

    SCHOOL = "school", _("school")
    ECEC = "ecec", _("early childhood education")
    HEALTH = "health", _("health services")
    SOCIAL = "social", _("social services")
    FAMILY_WORK = "family_work", _("family work / family services")
    OTHER = "other", _("other")


class NetworkProcessQuerySet(models.QuerySet):
    def visible_to(self, user) -> NetworkProcessQuerySet:
        """The processes the user takes part in: convener, responsible worker or pair, or an invited
        professional. SECURITY: administrators see nothing here unless they take part themselves; what is
        not visible answers 404 everywhere."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        # One index look-up per way of taking part, put together with UNION ALL into an array that the
        # processes are then read by (their primary key): OR-ing the four (the invitations as a subquery)
        # made PostgreSQL read every process, and so did `pk IN (union)` on a table of a few thousand rows.
        processes = self.model.objects.order_by()
        return self.filter(
            pk_in_union(
                processes.filter(convener=user).values("pk"),
                processes.filter(responsible_worker=user).values("pk"),
                processes.filter(responsible_pair=user).values("pk"),
                Participant.objects.filter(user=user, removed_at__isnull=True)
                .order_by()
                .values("process_id"),
            )
        )


class NetworkProcess(TimeStampedModel):
    """The work of the network with one child or family, from convening to closing."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    label = models.CharField(
        _("pseudonymous label"),
        max_length=60,
        help_text=_(
            "A label that does not identify the family, e.g. 'Family A 2026'. No names or identity codes."
        ),
    )
    family_centre = models.ForeignKey(
        FamilyCentre, verbose_name=_("family centre"), on_delete=models.PROTECT, related_name="+"
    )
    convener = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("convener"), on_delete=models.PROTECT, related_name="+"
    )
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible worker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_pair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("work pair of the responsible worker"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    contact_info = models.CharField(
        _("how the family reaches the responsible worker"), max_length=300, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.TextField(_("reason for closing"), blank=True)
    # Preparation with the family.
    core_issue = models.TextField(_("core issue in the family's words"), blank=True)
    what_is_told = models.TextField(_("what will be told in the meeting and by whom"), blank=True)
    shared_with_invitees = models.TextField(
        _("what the family agreed may be shared with the invitees"), blank=True
    )
    family_told_how_it_works = models.BooleanField(
        _("the family has been told how the meeting works"), default=False
    )
    # The family's personal code: only its hash is kept.
    family_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    family_code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NetworkProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("network process")
        verbose_name_plural = _("network processes")
        indexes = [
            models.Index(fields=["convener", "status"]),
            models.Index(fields=["responsible_worker", "status"]),
            models.Index(fields=["status", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False),
                name="nm_process_closed_at_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def client_ref(self) -> str:
        """The pseudonymous reference written in the access log rows of this process."""
        return f"networkprocess:{self.pk}"

    def responsible_ids(self) -> set[int]:
        return {i for i in (self.responsible_worker_id, self.responsible_pair_id) if i}


class Participant(TimeStampedModel):
    """Someone invited to the process's meetings: a professional with an account, or a person of the
    family's own network (named only by their relation, e.g. 'grandmother', 'coach')."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        FAMILY_NETWORK = "family_network", _("family's own network")
        EXTERNAL = "external", _("professional without an account")

    class Answer(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        COMING = "coming", _("coming")
        NOT_COMING = "not_coming", _("not coming")
        MESSAGE = "message", _("sent a message")

    process = models.ForeignKey(NetworkProcess, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    description = models.CharField(_("who (role or relation)"), max_length=120)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, default=Answer.PENDING)
    message = models.TextField(_("message"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # An invitee without an account gets a link with a token (only its hash is kept) that opens this
    # process's shared part until it expires.
    email = models.EmailField(_("email for the invitation"), blank=True)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "user"],
                condition=Q(user__isnull=False, removed_at__isnull=True),
                name="nm_participant_user_once",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["family_network", "external"], user__isnull=True)
                | Q(kind="professional", user__isnull=False),
                name="nm_participant_user_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["user", "removed_at"])]

    def __str__(self) -> str:
        return self.description


class GenogramPerson(models.Model):
    """A member of the family's genogram, named only as the family wants (a first letter, 'mother')."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other or not told")

    process = models.ForeignKey(NetworkProcess, on_delete=models.CASCADE, related_name="genogram_people")
    name = models.CharField(_("name or role"), max_length=60)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.OTHER)
    generation = models.SmallIntegerField(
        _("generation"), default=0, help_text=_("0 the child's, -1 the parents', -2 the grandparents'")
    )
    is_child = models.BooleanField(_("the child the process is about"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["generation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(generation__gte=-3, generation__lte=2), name="nm_genogram_generation"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GenogramRelation(models.Model):
    class Kind(models.TextChoices):
        PARTNERS = "partners", _("partners")
        SEPARATED = "separated", _("separated")
        PARENT = "parent", _("parent of")
        SIBLINGS = "siblings", _("siblings")
        CLOSE = "close", _("close relationship")
        CONFLICT = "conflict", _("conflict")

    process = models.ForeignKey(NetworkProcess, on_delete=models.CASCADE, related_name="genogram_relations")
    source = models.ForeignKey(GenogramPerson, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(GenogramPerson, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="nm_relation_not_self"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class TimelineEvent(models.Model):
    process = models.ForeignKey(NetworkProcess, on_delete=models.CASCADE, related_name="timeline_events")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    text = models.CharField(_("what happened"), max_length=300)

    class Meta:
        ordering = ["year", "month", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=1900, year__lte=2200), name="nm_timeline_year"),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12), name="nm_timeline_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}"


class NetworkMeeting(TimeStampedModel):
    """One meeting of the process: a systemic network meeting, an LP discussion or an LP network
    negotiation. The recorder writes one shared record; `record_version` detects concurrent saves."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("network meeting")
        LP_DISCUSSION = "lp_discussion", _("LP discussion")
        LP_NEGOTIATION = "lp_negotiation", _("LP network negotiation")

    class Structure(models.TextChoices):
        HYPOTHESIS = "hypothesis", _("hypothesis work")
        HELP_MAP = "help_map", _("collaborative help map")
        LP_DISCUSSION = "lp_discussion", _("LP discussion: everyday life, strengths and vulnerabilities")
        LP_NEGOTIATION = "lp_negotiation", _("LP network negotiation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")

    process = models.ForeignKey(NetworkProcess, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("meeting type"), max_length=20, choices=Kind.choices, default=Kind.NETWORK)
    structure = models.CharField(_("structure"), max_length=20, choices=Structure.choices)
    service_setting = models.CharField(
        _("service setting"), max_length=20, choices=ServiceSetting.choices, blank=True
    )
    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorder"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    record = models.TextField(_("shared record"), blank=True)
    record_version = models.PositiveIntegerField(default=0, editable=False)
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    # How well the family's wellbeing was strengthened, 1 (not at all) to 5 (very well).
    evaluation_family = models.PositiveSmallIntegerField(_("evaluation by the family"), null=True, blank=True)
    evaluation_workers = models.PositiveSmallIntegerField(
        _("evaluation by the workers"), null=True, blank=True
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="network") | ~Q(service_setting=""), name="nm_lp_meeting_has_setting"
            ),
            models.CheckConstraint(
                condition=(
                    Q(evaluation_family__isnull=True) | Q(evaluation_family__gte=1, evaluation_family__lte=5)
                )
                & (
                    Q(evaluation_workers__isnull=True)
                    | Q(evaluation_workers__gte=1, evaluation_workers__lte=5)
                ),
                name="nm_evaluation_scale",
            ),
        ]
        indexes = [models.Index(fields=["kind", "service_setting", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d.%m.%Y}"

    @property
    def is_lp(self) -> bool:
        return self.kind != self.Kind.NETWORK


class PlanStep(TimeStampedModel):
    """A small concrete step of the plan: what, who (a worker, a work pair across services, or a family
    member), by when. The owner is reminded once, `reminder_sent_at` marks it."""

    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="steps")
    what = models.CharField(_("what"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    pair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("work pair"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    family_member = models.CharField(_("family member"), max_length=60, blank=True)
    due_on = models.DateField(_("by when"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | ~Q(family_member=""), name="nm_step_has_owner"
            ),
            models.CheckConstraint(
                condition=Q(pair__isnull=True) | Q(owner__isnull=False), name="nm_step_pair_needs_owner"
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(reminder_sent_at__isnull=True, done_at__isnull=True),
                name="nm_step_unreminded",
            )
        ]

    def __str__(self) -> str:
        return self.what[:60]

    def owner_ids(self) -> set[int]:
        return {i for i in (self.owner_id, self.pair_id) if i}


class LPFeedback(models.Model):
    """One anonymous answer to the LP feedback survey. SECURITY: linked to no person and no process, only
    to the family centre, the service setting and the month."""

    class Source(models.TextChoices):
        FAMILY_CODE = "family_code", _("answered with the family's code")
        IMPORT = "import", _("imported from a file")

    family_centre = models.ForeignKey(FamilyCentre, on_delete=models.PROTECT, related_name="+")
    setting = models.CharField(_("service setting"), max_length=20, choices=ServiceSetting.choices)
    month = models.DateField(_("month"))  # always the first day of the month
    heard = models.BooleanField(_("felt heard"), null=True)
    parenting_tools = models.BooleanField(_("got more tools for parenting"), null=True)
    mental_health_meaningful = models.BooleanField(
        _("thinking about mental health feels more meaningful"), null=True
    )
    mental_health_confidence = models.BooleanField(_("trusts own mental-health know-how more"), null=True)
    useful_child = models.BooleanField(_("useful for the child"), null=True)
    useful_family = models.BooleanField(_("useful for the family"), null=True)
    useful_self = models.BooleanField(_("useful for me"), null=True)
    free_text = models.TextField(_("free text"), blank=True)
    # Free text that looked like personal data is kept from every summary until it is reviewed.
    free_text_held = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    import_run = models.ForeignKey(
        "core.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-month", "-id"]
        indexes = [models.Index(fields=["family_centre", "month"])]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="nm_feedback_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.setting} {self.month:%Y-%m}"


class LPQualification(TimeStampedModel):
    class Level(models.TextChoices):
        DISCUSSION = "discussion", _("LP discussion method expert")
        NEGOTIATION = "negotiation", _("LP discussion and network negotiation")
        TRAINER = "trainer", _("LP trainer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("professional"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(_("qualification"), max_length=20, choices=Level.choices)
    trained_on = models.DateField(_("training date"))
    booster_on = models.DateField(_("last booster training"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    booster_reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["user__full_name", "level"]
        verbose_name = _("LP qualification")
        verbose_name_plural = _("LP qualifications")
        constraints = [models.UniqueConstraint(fields=["user", "level"], name="nm_qualification_once")]

    def __str__(self) -> str:
        return self.get_level_display()

    @property
    def booster_due_on(self):
        base = self.booster_on or self.trained_on
        try:
            return base.replace(year=base.year + 2)
        except ValueError:  # 29 February
            return base.replace(year=base.year + 2, day=28)
