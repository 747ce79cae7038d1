"""Phenomena, initiatives to steering groups, and the groups' decisions on them.

A phenomenon groups observations and holds their analysis; an initiative takes it to a group; the
group puts the initiative on a meeting's agenda and decides: start co-development, act locally, forward
to the next level, note for information, or reject. What was decided flows back to those who raised it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import PositiveOrConcern
from core.models import TimeStampedModel, pk_in_union
from core.search import BaseFormsIndexed, stored_vector
from familycentres.models import AgendaItem, Area, FamilyCentre, Group, Meeting, Membership
from familycentres.roles import is_limited_account
from observations.models import Observation
from observations.roles import member_centre_ids


class PhenomenonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PhenomenonQuerySet:
        """Professionals of a family centre read its phenomena; county-level phenomena (no centre) are read
        by every professional; the members of a group that an initiative on a phenomenon is with, or that
        decided on one, read the phenomenon they decide on. Limited (client representative) accounts see
        none here (nor its description and analysis on an initiative's page, which asks this queryset)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        if is_limited_account(user):
            return self.none()
        centres = member_centre_ids(user)
        # The named analyser (a person, or the members of a team or steering group) and the people
        # invited to the analysis read it too, also from outside the family centre.
        groups = Membership.objects.current().filter(user=user).values("group_id")
        phenomena = self.model.objects.order_by()
        # Each way of seeing is its own index look-up, united into an array that the phenomena are read
        # by (core.models.pk_in_union): as an OR, PostgreSQL read every phenomenon of the network and
        # tested each (a search's text too) before the visibility rule had narrowed them.
        # Initiative and Decision are defined below; at call time they exist.
        return self.filter(
            pk_in_union(
                phenomena.filter(created_by=user).values("pk"),
                phenomena.filter(family_centre_id__in=centres).values("pk"),
                phenomena.filter(family_centre__isnull=True).values("pk"),
                phenomena.filter(analyser_user=user).values("pk"),
                phenomena.filter(analyser_group_id__in=groups).values("pk"),
                AnalysisContributor.objects.filter(user=user).order_by().values("phenomenon_id"),
                # The groups an initiative on it is with, or that decided on one.
                Initiative.objects.filter(group_id__in=groups).order_by().values("phenomenon_id"),
                Decision.objects.filter(group_id__in=groups).order_by().values("initiative__phenomenon_id"),
            )
        )


class Phenomenon(BaseFormsIndexed, TimeStampedModel):
    SEARCH_TEXT_FIELDS = ("title", "description")
    Kind = PositiveOrConcern

    class Scale(models.TextChoices):
        FAMILY_COMMUNITY = "family_community", _("family community")
        LOCAL_AREA = "local_area", _("local area")
        FAMILY_CENTRE_AREA = "family_centre_area", _("family-centre area")
        SOTE_CENTRE_AREA = "sote_centre_area", _("SOTE-centre area")
        COUNTY = "county", _("county")
        NATIONAL = "national", _("national")
        GLOBAL = "global", _("global")

    class AnalyserKind(models.TextChoices):
        PERSON = "person", _("a professional")
        TEAM = "team", _("a team")
        STEERING_GROUP = "steering_group", _("a steering group")
        OTHER_NETWORK = "other_network", _("another network")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        UNDER_ANALYSIS = "under_analysis", _("under analysis")
        INITIATIVE_MADE = "initiative_made", _("initiative made")
        CLOSED = "closed", _("closed without an initiative")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    kind = models.CharField(_("positive or a concern"), max_length=10, choices=Kind.choices)
    scale = models.CharField(_("scale"), max_length=30, choices=Scale.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT)
    family_centre = models.ForeignKey(
        FamilyCentre,
        verbose_name=_("family centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="phenomena",
    )
    analyser_kind = models.CharField(_("who analyses it"), max_length=20, choices=AnalyserKind.choices)
    analyser_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analysing professional"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    analyser_group = models.ForeignKey(
        Group,
        verbose_name=_("analysing group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    analyser_other = models.CharField(_("other network"), max_length=200, blank=True)
    further_information = models.TextField(_("further information needed, and from where"), blank=True)
    analysis_understanding = models.TextField(_("what we understand"), blank=True)
    analysis_root_causes = models.TextField(_("possible root causes"), blank=True)
    analysis_open_questions = models.TextField(_("open questions"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    close_reason = models.CharField(_("reason for closing"), max_length=500, blank=True)
    observations = models.ManyToManyField(
        Observation,
        verbose_name=_("observations"),
        through="PhenomenonObservation",
        related_name="phenomena",
        blank=True,
    )
    search = models.GeneratedField(
        expression=stored_vector("title", "description"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PhenomenonQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("phenomenon")
        verbose_name_plural = _("phenomena")
        indexes = [GinIndex(fields=["search"], name="phenomenon_search_gin")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(close_reason=""), name="phenomenon_closed_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("phenomena:detail", args=[self.pk])


class PhenomenonObservation(models.Model):
    phenomenon = models.ForeignKey(Phenomenon, on_delete=models.CASCADE, related_name="links")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="phenomenon_links")
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["phenomenon", "observation"], name="phenomenon_observation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phenomenon_id}:{self.observation_id}"


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user) -> InitiativeQuerySet:
        """Anyone who can see the phenomenon, plus members of the group handling it now or that decided on it.

        SECURITY: a limited (client representative) account sees no phenomena, so only initiatives of its
        own groups."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        mine = Membership.objects.current().filter(user=user).values("group_id")
        visible = (
            Q(phenomenon__in=Phenomenon.objects.visible_to(user).values("pk"))
            | Q(group_id__in=mine)
            # The deciding group's members, the working group given a local action and the people named
            # responsible in a decision read the initiative the decision is on.
            | Q(
                pk__in=Decision.objects.filter(
                    Q(group_id__in=mine) | Q(working_group_id__in=mine) | Q(responsible_users=user)
                ).values("initiative_id")
            )
        )
        if not is_limited_account(user):
            # The team that raised the matter follows it to every level it is forwarded to.
            visible |= Q(raised_by_team_id__in=mine)
        return self.filter(visible)


class Initiative(TimeStampedModel):
    class Proposal(models.TextChoices):
        CODEVELOPMENT = "codevelopment", _("start co-development")
        LOCAL_ACTION = "local_action", _("local action")
        INFORMATION = "information", _("for information")
        IMPLEMENTATION = "implementation", _("approve the developer group's proposal")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting to be handled")
        ON_AGENDA = "on_agenda", _("on the agenda")
        DECIDED = "decided", _("decided")
        WITHDRAWN = "withdrawn", _("withdrawn")

    phenomenon = models.ForeignKey(
        Phenomenon, verbose_name=_("phenomenon"), on_delete=models.PROTECT, related_name="initiatives"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("handling group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("Where the initiative is now; forwarding moves it to the next level."),
    )
    other_body = models.CharField(
        _("other deciding body"),
        max_length=200,
        blank=True,
        help_text=_("For example a school principal for community student welfare."),
    )
    raised_by_team = models.ForeignKey(
        Group,
        verbose_name=_("raised by the team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="raised_initiatives",
        help_text=_("The local family-centre team that raised the matter; it is told of every step."),
    )
    proposal = models.CharField(_("what is proposed"), max_length=20, choices=Proposal.choices)
    rationale = models.TextField(_("why"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=False) | ~Q(other_body=""), name="initiative_has_recipient"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phenomenon.title} → {self.group or self.other_body}"

    def get_absolute_url(self) -> str:
        return reverse("phenomena:initiative_detail", args=[self.pk])


class AgendaEntry(models.Model):
    """An initiative on a meeting's agenda (the shared meeting model's agenda item)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="agenda_entries")
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="initiative_entry")

    def __str__(self) -> str:
        return str(self.agenda_item)


class Decision(BaseFormsIndexed, TimeStampedModel):
    SEARCH_TEXT_FIELDS = ("reasons",)

    class Kind(models.TextChoices):
        START_CODEVELOPMENT = "start_codevelopment", _("start co-development")
        LOCAL_ACTION = "local_action", _("act locally")
        FORWARD = "forward", _("forward to the next level")
        INFORMATION = "information", _("noted for information")
        REJECT = "reject", _("rejected")
        APPROVE_IMPLEMENTATION = "approve_implementation", _("proposal approved for implementation")

    class Scope(models.TextChoices):
        LOCAL = "local", _("local")
        REGION = "region", _("region")
        FUNCTIONAL_AREA = "functional_area", _("functional area")
        COUNTY = "county", _("county")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="decisions"
    )
    group = models.ForeignKey(
        Group, verbose_name=_("deciding group"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("decision"), max_length=30, choices=Kind.choices)
    reasons = models.TextField(_("reasons"))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, blank=True)
    responsible_progress = models.CharField(_("responsible for progress"), max_length=300, blank=True)
    responsible_coordination = models.CharField(_("responsible for coordination"), max_length=300, blank=True)
    responsible_facilitation = models.CharField(_("responsible for facilitation"), max_length=300, blank=True)
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible people"), blank=True, related_name="+"
    )
    working_group = models.ForeignKey(
        Group,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_to = models.ForeignKey(
        Group,
        verbose_name=_("forwarded to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who follows up the implementation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The public decision register searches the reasons by stem and base form (core.search).
    search = models.GeneratedField(
        expression=stored_vector("reasons"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [GinIndex(fields=["search"], name="decision_search_gin")]
        constraints = [
            models.UniqueConstraint(fields=["group", "year", "number"], name="decision_number_unique"),
            # One decision per initiative per group: deciding twice is refused by the database too.
            models.UniqueConstraint(fields=["initiative", "group"], name="decision_once_per_group"),
            models.CheckConstraint(
                condition=~Q(kind="start_codevelopment") | ~Q(scope=""),
                name="decision_codevelopment_has_scope",
            ),
            models.CheckConstraint(
                condition=~Q(kind="forward") | Q(forwarded_to__isnull=False),
                name="decision_forward_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(kind="approve_implementation") | Q(follow_up_owner__isnull=False),
                name="decision_implementation_has_follow_up_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year} {self.group.name}"

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


# --- The analysis: who is invited to it, and its discussion ----------------------------------------------


class AnalysisContributor(models.Model):
    """Someone the analyser invited to take part in the analysis of a phenomenon ("kutsutaan analyysiin
    tarvittavat tahot mukaan"): they read the phenomenon and write in its discussion."""

    phenomenon = models.ForeignKey(
        Phenomenon, verbose_name=_("phenomenon"), on_delete=models.CASCADE, related_name="contributors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("analysis contributor")
        verbose_name_plural = _("analysis contributors")
        constraints = [
            models.UniqueConstraint(fields=["phenomenon", "user"], name="analysis_contributor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.phenomenon}"


class PhenomenonComment(TimeStampedModel):
    """One message in the discussion of a phenomenon's analysis. Comments are never edited or removed:
    the thread is the analysis' history."""

    phenomenon = models.ForeignKey(
        Phenomenon, verbose_name=_("phenomenon"), on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="phenomenon_comment_not_empty")]

    def __str__(self) -> str:
        return f"{self.phenomenon_id}: {self.text[:40]}"


# --- Matters sent down: a higher group asks the local teams ----------------------------------------------


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferralQuerySet:
        """The sending group's members and the asked teams' members (not client representatives: a matter
        may link a phenomenon, which a limited account does not see), and administrators."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        if is_limited_account(user):
            return self.none()
        mine = (
            Membership.objects.current()
            .filter(user=user)
            .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
            .values("group_id")
        )
        return self.filter(
            Q(sender_id__in=mine)
            | Q(pk__in=ReferralAnswer.objects.filter(team_id__in=mine).values("referral_id"))
        )


class Referral(TimeStampedModel):
    """An observation, a phenomenon or a question that a regional coordination group or the county steering
    group sends down to chosen local teams for discussion. It goes on each team's next meeting agenda; each
    team's answer comes back to the sender (seed 004: "viedä tiedoksi paikallisten perhekeskustiimien
    keskusteluun")."""

    class Subject(models.TextChoices):
        QUESTION = "question", _("a question")
        OBSERVATION = "observation", _("an observation")
        PHENOMENON = "phenomenon", _("a phenomenon")

    sender = models.ForeignKey(
        Group, verbose_name=_("sending group"), on_delete=models.PROTECT, related_name="referrals_sent"
    )
    subject = models.CharField(_("what is sent"), max_length=20, choices=Subject.choices)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question to the teams"))
    phenomenon = models.ForeignKey(
        Phenomenon,
        verbose_name=_("phenomenon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("observation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("matter sent to the teams")
        verbose_name_plural = _("matters sent to the teams")
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject="phenomenon") | Q(phenomenon__isnull=False),
                name="referral_phenomenon_linked",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("phenomena:referral_detail", args=[self.pk])


class ReferralAnswerQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferralAnswerQuerySet:
        return self.filter(referral__in=Referral.objects.visible_to(user))


class ReferralAnswer(models.Model):
    """One asked team: where the matter is on its agenda, and its answer once a member records it."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="answers"
    )
    team = models.ForeignKey(
        Group, verbose_name=_("team"), on_delete=models.PROTECT, related_name="referral_answers"
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referral_answer",
    )
    text = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = ReferralAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["team__name", "id"]
        verbose_name = _("team's answer")
        verbose_name_plural = _("teams' answers")
        constraints = [
            models.UniqueConstraint(fields=["referral", "team"], name="referral_answer_once_per_team"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(text=""), name="referral_answer_has_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral} – {self.team}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class Responsibility(models.Model):
    """A person a decision to start co-development names for progress, coordination or facilitation, or as
    the coordination work pair from early childhood education or a school (the everyday interface). The
    developer group gives each the matching role when it is started."""

    class Role(models.TextChoices):
        PROGRESS = "progress", _("responsible for progress")
        COORDINATION = "coordination", _("coordinator")
        FACILITATION = "facilitation", _("facilitator")
        WORK_PAIR = "work_pair", _("coordination work pair (early childhood education or school)")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="responsibilities")
    role = models.CharField(_("responsibility"), max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["decision", "role", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.UniqueConstraint(fields=["decision", "role", "user"], name="responsibility_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"


class ForwardingRoute(TimeStampedModel):
    """Where a group may forward an initiative besides its parent group, as the county has configured it
    (for example from the county steering group to the children and families council, the welfare promotion
    steering group or the welfare board)."""

    source = models.ForeignKey(
        Group, verbose_name=_("from group"), on_delete=models.CASCADE, related_name="forwarding_routes"
    )
    target = models.ForeignKey(Group, verbose_name=_("to group"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["source", "target__name", "pk"]
        verbose_name = _("forwarding route")
        verbose_name_plural = _("forwarding routes")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="forwarding_route_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="forwarding_route_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


# What another body can decide on an initiative sent to it.
OTHER_BODY_KINDS = ("start_codevelopment", "local_action", "information", "reject")


def _other_decision_path(instance, filename: str) -> str:
    import uuid

    return f"decisions/other/{uuid.uuid4().hex}"


class OtherBodyDecision(TimeStampedModel):
    """The decision of a body outside the platform (for example a school principal in community student
    welfare) on an initiative sent to it, recorded by the one who sent it: a summary and/or the document.

    It is told to those behind the phenomenon as a steering group's decision is (services.DecisionFeedback)."""

    initiative = models.OneToOneField(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="other_decision"
    )
    kind = models.CharField(
        _("decision"), max_length=30, choices=[c for c in Decision.Kind.choices if c[0] in OTHER_BODY_KINDS]
    )
    decided_on = models.DateField(_("decided on"))
    summary = models.TextField(_("summary of the decision"), blank=True)
    file = models.FileField(
        _("decision document"), upload_to=_other_decision_path, max_length=300, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("decision of another body")
        verbose_name_plural = _("decisions of other bodies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(summary="") | ~Q(file=""), name="other_decision_has_summary_or_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.other_body}: {self.get_kind_display()}"


class LocalActionReport(TimeStampedModel):
    """The working group named for a local action reports back: done or not yet, and what happened. It is
    told to those behind the phenomenon as a decision is (services.DecisionFeedback)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="local_action_reports")
    done = models.BooleanField(_("done"), default=False)
    what_happened = models.TextField(_("what happened"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report on a local action")
        verbose_name_plural = _("reports on local actions")

    def __str__(self) -> str:
        return f"{self.decision.label}: {self.what_happened[:50]}"
