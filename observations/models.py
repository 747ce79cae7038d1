"""Observations: what professionals and families notice in children's everyday life, the first link
of the loop. Families send them through an open form without an account and follow them with a code;
each family centre's agreed collector triages them; local family-centre teams review them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core import pii
from core.choices import PositiveOrConcern
from core.models import TimeStampedModel
from core.search import BaseFormsIndexed, stored_vector
from familycentres.models import Area, FamilyCentre, Meeting, Membership
from familycentres.roles import is_limited_account


class ThemeQuerySet(models.QuerySet):
    def visible_to(self, user) -> ThemeQuerySet:
        """The network's shared vocabulary is read by professionals; anyone else (a limited client
        representative account) sees only the themes of observations it can see."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff or not is_limited_account(user):
            return self
        return self.filter(
            pk__in=Observation.themes.through.objects.filter(
                observation__in=Observation.objects.visible_to(user)
            ).values("theme_id")
        )


class Theme(models.Model):
    """A free tag. Existing themes are suggested as people type, so the vocabulary stays shared."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class ObservationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ObservationQuerySet:
        """Visible to its author, to the family centre's collectors and to members of the family centre's
        groups; text held for personal-data review only to collectors (and the author)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        collector = Membership.objects.centre_ids(user, collector=True)
        member = Membership.objects.centre_ids(user, collector=False)
        # SECURITY: held (unredacted) text reaches only collectors; limited accounts see only their own.
        return self.filter(
            Q(author=user)
            | Q(family_centre_id__in=collector)
            | (Q(family_centre_id__in=member) & Q(held=False) & ~Q(status="merged"))
        )


# A card's title is the text's first words (Observation.title).
TITLE_WORDS = 8
TITLE_CHARS = 70


class Observation(BaseFormsIndexed, TimeStampedModel):
    SEARCH_TEXT_FIELDS = ("text",)
    Kind = PositiveOrConcern

    class Environment(models.TextChoices):
        HOME = "home", _("home")
        ECEC = "ecec", _("early childhood education")
        SCHOOL = "school", _("school")
        LEISURE = "leisure", _("leisure")
        DIGITAL = "digital", _("digital environments")
        SERVICES = "services", _("services")
        OTHER = "other", _("other")

    class AgeGroup(models.TextChoices):
        AGE_0_2 = "0-2", _("0–2 years")
        AGE_3_6 = "3-6", _("3–6 years")
        AGE_7_12 = "7-12", _("7–12 years")
        AGE_13_17 = "13-17", _("13–17 years")
        YOUNG_ADULTS = "18-29", _("young adults 18–29")
        FAMILY = "family", _("the whole family")

    class Source(models.TextChoices):
        OWN_WORK = "own_work", _("own work")
        FAMILY_TOLD = "family_told", _("a family told me")
        TEAM = "team", _("team discussion")
        SURVEY = "survey", _("survey or welfare data")
        RESEARCH = "research", _("research or report")
        MEDIA = "media", _("media or social media")
        FAMILY_FORM = "family_form", _("a family, through the open form")

    class Status(models.TextChoices):
        NEW = "new", _("received")
        READ = "read", _("read")
        ARCHIVED = "archived", _("archived")
        MERGED = "merged", _("merged into another")

    text = models.TextField(_("what was noticed"))
    # Blank for families' observations: the open form does not ask; a collector may set it.
    kind = models.CharField(_("positive or a concern"), max_length=10, choices=Kind.choices, blank=True)
    environment = models.CharField(_("everyday environment"), max_length=20, choices=Environment.choices)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="observations",
        null=True,
        blank=True,
    )
    family_centre = models.ForeignKey(
        FamilyCentre, verbose_name=_("family centre"), on_delete=models.PROTECT, related_name="observations"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="observations")
    observed_on = models.DateField(_("date observed"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    archive_reason = models.CharField(_("reason for archiving"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    # Personal data: text that looks like it identifies someone is held back until a collector redacts it.
    held = models.BooleanField(_("held for review"), default=False, db_index=True)
    held_reasons = models.JSONField(_("why held"), default=list, blank=True)
    followup_code = models.CharField(_("follow-up code"), max_length=12, unique=True, null=True, blank=True)
    contact_email = models.EmailField(_("email for replies"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    # `lemmas` (from BaseFormsIndexed) holds the text's Finnish base forms and compound parts; `search`
    # indexes them beside the stems so that "lapsi" finds "lasten".
    search = models.GeneratedField(
        expression=stored_vector("text"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [
            GinIndex(fields=["search"], name="observation_search_gin"),
            # The queue and its counts are answered from this index alone (held is included).
            models.Index(
                fields=["family_centre", "status", "-created_at", "-id"],
                include=["held"],
                name="observation_queue_idx",
            ),
            models.Index(fields=["author", "-created_at", "-id"], name="observation_author_idx"),
            models.Index(fields=["area", "-created_at"], name="observation_area_idx"),
            # The ids of an area's observations from the index alone: the team view's decisions join them
            # to phenomenon links (phenomena.selectors.team_decisions).
            models.Index(fields=["area", "id"], name="observation_area_id_idx"),
            # Everything a phenomenon's page reads of its observations but the text: who may see each
            # (author, centre, held, status), the counts (environment, age group, area, month) and the
            # page's order (created_at). Its counts and page ids read this index alone (an index-only scan
            # per linked id) instead of a heap page per observation, thousands of them scattered.
            models.Index(
                fields=["id"],
                include=[
                    "created_at",
                    "observed_on",
                    "environment",
                    "age_group",
                    "area",
                    "family_centre",
                    "author",
                    "held",
                    "status",
                ],
                name="observation_facts_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="observation_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(status="archived") | ~Q(archive_reason=""),
                name="observation_archived_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("id")), name="observation_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        snippet = self.text[:60] if not self.held else "…"
        return f"#{self.pk} {snippet}"

    def get_absolute_url(self) -> str:
        return reverse("observations:detail", args=[self.pk])

    @cached_property
    def shown_text(self) -> str:
        """The text as every list, search result, CSV export and API response shows it: a text held for
        review is masked, its personal data replaced by its kind ("[henkilötunnus]"). Only the detail page
        shows a collector the full text, and logs that read.
        SECURITY: the one place where held text is masked; do not show `text` of a list row."""
        if not self.held:
            return self.text
        masked = pii.mask(self.text)
        # Held for a reason the check no longer finds (a changed rule): nothing of it leaves.
        return masked if masked != self.text else str(_("[held for review]"))

    @cached_property
    def title(self) -> str:
        """A card's title: the first words of the (shown) text, never "Observation 44". Kept like
        `shown_text`, which it is made from: a list asks for it and for `title_is_whole_text`."""
        words = self.shown_text.split()
        title = " ".join(words[:TITLE_WORDS])
        if len(title) > TITLE_CHARS:
            title = title[:TITLE_CHARS].rsplit(" ", 1)[0] or title[:TITLE_CHARS]
        return title + ("…" if title != " ".join(words) else "")

    @property
    def title_is_whole_text(self) -> bool:
        """A short text is its own title; the card does not repeat it."""
        return " ".join(self.shown_text.split()) == self.title

    @property
    def from_family(self) -> bool:
        return self.source == self.Source.FAMILY_FORM


class EnrichmentNote(TimeStampedModel):
    """A collector's internal note on an observation; never shown to families."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("enrichment note")
        verbose_name_plural = _("enrichment notes")

    def __str__(self) -> str:
        return self.text[:60]


class FamilyMessage(models.Model):
    """One email to the family about its observation (the code, or a change of state). The unique key makes
    sending idempotent: a task that runs twice finds the row already claimed and sends nothing."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="family_messages")
    key = models.CharField(max_length=40)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["observation", "key"], name="family_message_once")]

    def __str__(self) -> str:
        return f"{self.observation_id}:{self.key}"


class TeamReview(TimeStampedModel):
    """What a local family-centre team raised in one of its meetings, and which observations it discussed."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="team_review"
    )
    raised = models.TextField(_("what the team raised"), blank=True)
    observations = models.ManyToManyField(
        Observation, verbose_name=_("observations discussed"), blank=True, related_name="team_reviews"
    )

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("team review")
        verbose_name_plural = _("team reviews")

    def __str__(self) -> str:
        return str(self.meeting)


class TeamReviewVersion(models.Model):
    """One saved state of a team review: who saved what, when. A review is saved again when the team
    corrects it; the earlier texts stay here, like a decision's history. Rows are only added."""

    review = models.ForeignKey(TeamReview, on_delete=models.CASCADE, related_name="versions")
    raised = models.TextField(_("what the team raised"), blank=True)
    observation_ids = models.JSONField(_("observations discussed"), default=list, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at", "-id"]
        verbose_name = _("version of a team review")
        verbose_name_plural = _("versions of team reviews")

    def __str__(self) -> str:
        return f"{self.review_id}@{self.saved_at:%Y-%m-%d %H:%M}"
