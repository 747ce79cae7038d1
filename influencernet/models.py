"""The influencer network (vaikuttajaverkosto): member organisations and representative groups with their
representatives, matters a family centre brings for comment, the members' statements and the family
centre's response, calls for participants with nominations, proposals from the network to a family centre
(each becomes an initiative to a steering group), shared goals and a glossary.

Transparency is the point: every matter and proposal keeps where it is now and what came back, and the
response to a matter is delivered to every member that answered (ResponseDelivery rows)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from familycentres.models import Area, FamilyCentre, Group, Organisation


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user) -> NetworkQuerySet:
        # SECURITY: the network's own group decides: a limited account (a representative) sees only the
        # networks whose group it belongs to; other signed-in people see every network (transparency).
        return self.filter(group__in=Group.objects.visible_to(user))


class Network(TimeStampedModel):
    """One influencer network. Its coordinator and facilitator are roles of its group."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="influencer_network"
    )
    family_centres = models.ManyToManyField(
        FamilyCentre, verbose_name=_("family centres"), related_name="influencer_networks", blank=True
    )
    description = models.TextField(_("description"), blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder days before a deadline"),
        default=3,
        help_text=_("Members that have not answered are reminded this many days before a deadline."),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("influencer network")
        verbose_name_plural = _("influencer networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("influencernet:workspace", args=[self.slug])

    def get_public_url(self) -> str:
        return reverse("influencernet:public", args=[self.slug])


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user) -> MemberQuerySet:
        return self.filter(network__in=Network.objects.visible_to(user))

    def current(self, on=None) -> MemberQuerySet:
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))


class Member(TimeStampedModel):
    """A member organisation or representative group of the network."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        ASSOCIATION = "association", _("association")
        PARISH = "parish", _("parish")
        SPORTS_CLUB = "sports_club", _("sports club")
        YOUTH_COUNCIL = "youth_council", _("youth council")
        DISABILITY_COUNCIL = "disability_council", _("disability council")
        CLIENT_PANEL = "client_panel", _("client panel")
        EXPERIENCE_EXPERTS = "experience_experts", _("experience experts")
        OTHER = "other", _("other")

    REPRESENTATIVE_GROUPS = {
        Kind.YOUTH_COUNCIL,
        Kind.DISABILITY_COUNCIL,
        Kind.CLIENT_PANEL,
        Kind.EXPERIENCE_EXPERTS,
    }

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="+")
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="influencernet_member_name_unique"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="influencernet_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.joined_on <= today and (self.left_on is None or self.left_on > today)

    @property
    def is_representative_group(self) -> bool:
        return self.kind in self.REPRESENTATIVE_GROUPS


class RepresentativeQuerySet(models.QuerySet):
    def current(self) -> RepresentativeQuerySet:
        return self.filter(ended_on__isnull=True)


class Representative(TimeStampedModel):
    """A person who speaks for a member. With an accepted invitation they have a limited account (a client
    representative of the network's group) that sees only the network's pages."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="representatives"
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="influencer_representations",
    )
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    # Invitation to the limited account: only a hash of the emailed token is kept.
    invitation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invitation_expires_at = models.DateTimeField(null=True, blank=True)
    invitation_accepted_at = models.DateTimeField(null=True, blank=True)

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "full_name"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "email"],
                condition=Q(ended_on__isnull=True),
                name="influencernet_representative_current_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.member})"


class MatterQuerySet(models.QuerySet):
    def visible_to(self, user) -> MatterQuerySet:
        return self.filter(network__in=Network.objects.visible_to(user))


class Matter(TimeStampedModel):
    """A matter a family centre brings to the network for comment, with a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("open for statements")
        RESPONDED = "responded", _("response given")
        CLOSED = "closed", _("closed")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="matters"
    )
    family_centre = models.ForeignKey(
        FamilyCentre, verbose_name=_("family centre"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("what is asked"))
    background = models.TextField(
        _("background and documents"),
        blank=True,
        help_text=_("Background of the matter and links to its documents."),
    )
    deadline = models.DateTimeField(_("deadline"))
    asked_members = models.ManyToManyField(
        Member, verbose_name=_("members asked"), related_name="matters_asked"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    response = models.TextField(_("how the statements were used"), blank=True)
    responded_at = models.DateTimeField(_("response given"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("matter for comment")
        verbose_name_plural = _("matters for comment")
        constraints = [
            # The feedback is guaranteed: a matter is closed only with its response.
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(response=""),
                name="influencernet_matter_closed_has_response",
            ),
            models.CheckConstraint(
                condition=~Q(status="responded") | ~Q(response=""),
                name="influencernet_matter_responded_has_response",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("influencernet:matter_detail", args=[self.network.slug, self.pk])

    @property
    def deadline_passed(self) -> bool:
        return self.deadline <= timezone.now()


def _matter_document_path(instance: MatterDocument, filename: str) -> str:
    # A random stored name; the original name is kept in the row, never used as a path.
    return f"influencernet/{instance.matter_id}/{secrets.token_hex(16)}"


class MatterDocument(TimeStampedModel):
    """A background document of a matter. Stored outside the web root and served only through a view that
    checks the reader (the same rules as co-development's documents: type by content, size limit)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_matter_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("background document")
        verbose_name_plural = _("background documents")

    def __str__(self) -> str:
        return self.title


class Statement(TimeStampedModel):
    """A member's one answer to a matter. Saving again after sending keeps the earlier text as a version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("sent")
        DECLINED = "declined", _("will not answer")

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="statements"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="statements"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField(_("statement"), blank=True)
    is_public = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("Only a statement its member marks public is shown on the public page."),
    )
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["member__name"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "member"], name="influencernet_statement_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.matter}"


class StatementVersion(models.Model):
    """An earlier sent text of a statement (history of edits)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    status = models.CharField(max_length=20, choices=Statement.Status.choices)
    text = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-saved_at", "-id"]

    def __str__(self) -> str:
        return f"{self.statement_id} @ {self.saved_at:%Y-%m-%d %H:%M}"


class ResponseDelivery(models.Model):
    """The family centre's response reaching one member that answered: the in-app notification is written
    with the row; the email is claimed and sent once after the commit."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    notified_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member__name"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "member"], name="influencernet_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} → {self.member_id}"


class Reminder(models.Model):
    """One deadline reminder to one member about one matter, at most once (unique together)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="reminders")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "member"], name="influencernet_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} → {self.member_id}"


class CallQuerySet(models.QuerySet):
    def visible_to(self, user) -> CallQuerySet:
        return self.filter(network__in=Network.objects.visible_to(user))


class Call(TimeStampedModel):
    """A call for participants for thematic development, for example a new developer group."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("what kind of people are sought"))
    how_many = models.PositiveSmallIntegerField(_("how many people"), default=1)
    deadline = models.DateField(_("nominations by"))
    process = models.ForeignKey(
        "codevelopment.DevelopmentProcess",
        verbose_name=_("developer group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Accepted people are invited to this developer group."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("call for participants")
        verbose_name_plural = _("calls for participants")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("influencernet:call_detail", args=[self.network.slug, self.pk])


class Nomination(TimeStampedModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="nominations"
    )
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    description = models.TextField(_("why this person"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitation = models.ForeignKey(
        "codevelopment.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="proposed") | ~Q(reason=""),
                name="influencernet_nomination_decided_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProposalQuerySet:
        return self.filter(network__in=Network.objects.visible_to(user))


class Proposal(TimeStampedModel):
    """A development, evaluation or planning need the network proposes to a family centre. Forwarded, it
    becomes an initiative to a steering group; its whole handling is public."""

    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("development need")
        EVALUATION = "evaluation", _("evaluation need")
        PLANNING = "planning", _("planning need")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        FORWARDED = "forwarded", _("initiative made")
        DECIDED = "decided", _("decided")
        FEEDBACK_GIVEN = "feedback_given", _("feedback given")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="proposals"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    family_centre = models.ForeignKey(
        FamilyCentre, verbose_name=_("family centre"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of need"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    initiative = models.OneToOneField(
        "phenomena.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="influencer_proposal",
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(_("feedback to the network"), blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal from the network")
        verbose_name_plural = _("proposals from the network")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="received") | Q(initiative__isnull=False) | Q(forwarded_at__isnull=False),
                name="influencernet_proposal_forwarded_has_initiative",
            ),
            models.CheckConstraint(
                condition=~Q(status="feedback_given") | ~Q(feedback=""),
                name="influencernet_proposal_feedback_has_text",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("influencernet:proposal_detail", args=[self.network.slug, self.pk])

    def get_public_url(self) -> str:
        return reverse("influencernet:public_proposal", args=[self.network.slug, self.pk])


class Goal(TimeStampedModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="goals")
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("goal"))

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("shared goal")
        verbose_name_plural = _("shared goals")

    def __str__(self) -> str:
        return f"{self.year}: {self.text[:40]}"


class TermQuerySet(models.QuerySet):
    def visible_to(self, user) -> TermQuerySet:
        return self.filter(network__in=Network.objects.visible_to(user))


class Term(TimeStampedModel):
    """A concept of the shared glossary, in Finnish, Swedish and English."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="terms")
    term_fi = models.CharField(_("term in Finnish"), max_length=150)
    term_sv = models.CharField(_("term in Swedish"), max_length=150, blank=True)
    term_en = models.CharField(_("term in English"), max_length=150, blank=True)
    meaning_fi = models.TextField(_("meaning in Finnish"))
    meaning_sv = models.TextField(_("meaning in Swedish"), blank=True)
    meaning_en = models.TextField(_("meaning in English"), blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["term_fi"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.UniqueConstraint(fields=["network", "term_fi"], name="influencernet_term_unique")
        ]

    def __str__(self) -> str:
        return self.term

    def _local(self, base: str) -> str:
        lang = (get_language() or "fi")[:2]
        return getattr(self, f"{base}_{lang}", "") or getattr(self, f"{base}_fi")

    @property
    def term(self) -> str:
        return self._local("term")

    @property
    def meaning(self) -> str:
        return self._local("meaning")


TERM_FIELDS = ["term_fi", "term_sv", "term_en", "meaning_fi", "meaning_sv", "meaning_en"]


class TermChange(TimeStampedModel):
    """A proposed change to the glossary (a new term or an edit); approved, it is applied and stays as the
    term's history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="term_changes")
    term = models.ForeignKey(Term, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    term_fi = models.CharField(_("term in Finnish"), max_length=150)
    term_sv = models.CharField(_("term in Swedish"), max_length=150, blank=True)
    term_en = models.CharField(_("term in English"), max_length=150, blank=True)
    meaning_fi = models.TextField(_("meaning in Finnish"))
    meaning_sv = models.TextField(_("meaning in Swedish"), blank=True)
    meaning_en = models.TextField(_("meaning in English"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("glossary change")
        verbose_name_plural = _("glossary changes")

    def __str__(self) -> str:
        return self.term_fi
