"""The indicator catalogue, the regions of the sources mapped to our areas, and the yearly values.

A value is one figure of one indicator for one region, year and gender; imports upsert on that key, so
running the same import again writes nothing new."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.models import ImportRun, TimeStampedModel
from familycentres.models import Area, FamilyCentre
from phenomena.models import Phenomenon

YEAR_MIN, YEAR_MAX = 1950, 2100


def _localised(obj, field: str) -> str:
    lang = (translation.get_language() or "fi")[:2]
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_fi", "") or ""


def _can_read(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    from familycentres.permissions import is_limited_account

    # SECURITY: limited (client representative) accounts see only their own groups' work.
    return user.is_staff or not is_limited_account(user)


class Region(models.Model):
    """A region as the statistics know it (the whole country, a wellbeing services county, a
    municipality), keyed by its official code and mapped to a source's own id and to our area tree."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("whole country")
        WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
        MUNICIPALITY = "municipality", _("municipality")

    COUNTRY_CODE = "FI"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("official code"), max_length=10, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=150)
    name_sv = models.CharField(_("name in Swedish"), max_length=150, blank=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet region id"), null=True, blank=True, unique=True)

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("statistical region")
        verbose_name_plural = _("statistical regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user) -> IndicatorQuerySet:
        # Public statistics and aggregate own figures: every professional of the network reads them.
        return self if _can_read(user) else self.none()


class Indicator(TimeStampedModel):
    class Source(models.TextChoices):
        SOTKANET = "sotkanet", _("THL Sotkanet")
        STATFIN = "statfin", _("Statistics Finland")
        PLATFORM = "platform", _("this platform")

    class ValueType(models.TextChoices):
        PERCENT = "PROS", _("percent")
        PER_1000 = "PER1000", _("per 1,000")
        PER_10000 = "PER10000", _("per 10,000")
        PER_100000 = "PER100000", _("per 100,000")
        INDEX = "INDEKSI", _("index")
        COUNT = "COUNT", _("count")
        OTHER = "OTHER", _("other")

    class Schedule(models.TextChoices):
        OFF = "off", _("only on demand")
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")
        MONTHLY = "monthly", _("monthly")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_id = models.CharField(_("id at the source"), max_length=80)
    title_fi = models.CharField(_("name in Finnish"), max_length=300)
    title_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    title_en = models.CharField(_("name in English"), max_length=300, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    interpretation_fi = models.TextField(_("interpretation in Finnish"), blank=True)
    interpretation_sv = models.TextField(_("interpretation in Swedish"), blank=True)
    interpretation_en = models.TextField(_("interpretation in English"), blank=True)
    value_type = models.CharField(_("value type"), max_length=12, choices=ValueType.choices, default="OTHER")
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    has_genders = models.BooleanField(_("men and women separately"), default=False)
    # Set by the writes: the dashboard shows a month table or a group table only where there are figures.
    has_months = models.BooleanField(_("by month too"), default=False)
    has_groups = models.BooleanField(_("by group too"), default=False)
    in_default_package = models.BooleanField(_("in the default package"), default=False)
    schedule = models.CharField(_("scheduled import"), max_length=10, choices=Schedule.choices, default="off")
    # Statistics Finland: the table's path under the PxWeb base and the query posted to it.
    pxweb_path = models.CharField(_("PxWeb table path"), max_length=300, blank=True)
    pxweb_query = models.JSONField(_("PxWeb query"), default=list, blank=True)
    source_updated_at = models.DateTimeField(_("updated at the source"), null=True, blank=True)
    last_imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["source", "title_fi"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="indicator_source_id_unique"),
            models.CheckConstraint(condition=Q(decimals__lte=6), name="indicator_decimals_range"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localised(self, "title")

    @property
    def description(self) -> str:
        return _localised(self, "description")

    @property
    def interpretation(self) -> str:
        return _localised(self, "interpretation")

    @property
    def is_percent(self) -> bool:
        return self.value_type == self.ValueType.PERCENT

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])


class ValueQuerySet(models.QuerySet):
    def visible_to(self, user) -> ValueQuerySet:
        return self.filter(indicator__in=Indicator.objects.visible_to(user))

    def yearly(self) -> ValueQuerySet:
        """The figures of whole years and of no single group: what trends and comparisons show."""
        return self.filter(month=0, group__isnull=True)


class Value(models.Model):
    """One figure. `month` 0 is the whole year, 1–12 a month of it (the platform's own figures are
    counted by month too); `group` is set on figures of one group (phenomena analysed and decisions made
    by a steering group), else empty. Imports upsert on the whole key."""

    class Gender(models.TextChoices):
        TOTAL = "total", _("total")
        MALE = "male", _("men and boys")
        FEMALE = "female", _("women and girls")

    # The unique key leads with the indicator, so the indicator needs no index of its own. The region has
    # none either: every read of values names the indicator (the unique key serves it), and only deleting
    # a region looks for its values by region alone (a sequential scan, in the admin, for a region that
    # is rarely deleted), while every imported row paid for the index (a sixth of the database's work
    # for a first import).
    # The indicator, the region and the group are references the database does not check
    # (db_constraint=False): every write of values is an import, which resolves them from these tables in
    # its own transaction and locks the rows it refers to once (`FOR KEY SHARE`, what a checked reference
    # does per row), so the per-row checks at commit were pure cost (a quarter of an import's time; the
    # group's, a null in every imported row but one in the platform's group figures, a sixth of the
    # database's work). Deleting keeps its meaning in Python: an indicator's and a group's values go with
    # it, a region with values cannot be deleted; each first waits for an import that refers to the row
    # (see indicators.services.values).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", db_index=False, db_constraint=False
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="values", db_index=False, db_constraint=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, default=Gender.TOTAL)
    group = models.ForeignKey(
        "familycentres.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # a partial index below: most values have no group
        db_constraint=False,
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    # The count the value rests on, where the source gives it (Sotkanet's absValue).
    abs_value = models.DecimalField(
        _("absolute value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    # The run that last wrote the value, for provenance only. Import runs are never deleted, and a
    # database-checked reference cost a lookup per written row (a third of an import's time), so the
    # reference is not enforced by the database.
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # The database's default is the writing statement's start: a first import copies its rows without
    # this column, so that the server does not read the same time from text once per row.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    objects = ValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "region", "year", "month", "gender"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            # Empty groups are equal here: a yearly figure of a region exists once.
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "month", "gender", "group"],
                name="value_key_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="value_year_range"
            ),
            models.CheckConstraint(condition=Q(month__lte=12), name="value_month_range"),
        ]
        indexes = [models.Index(fields=["group"], condition=Q(group__isnull=False), name="value_group")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.year}/{self.month} {self.gender}: {self.value}"


class PackageEntry(TimeStampedModel):
    """An indicator in a family centre's own indicator package."""

    family_centre = models.ForeignKey(
        FamilyCentre, verbose_name=_("family centre"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="package_entries"
    )

    class Meta:
        ordering = ["family_centre", "indicator__title_fi"]
        verbose_name = _("indicator package entry")
        verbose_name_plural = _("indicator package entries")
        constraints = [
            models.UniqueConstraint(fields=["family_centre", "indicator"], name="package_entry_unique")
        ]


class PhenomenonIndicator(TimeStampedModel):
    """An indicator read beside a phenomenon's observations ("what the figures say")."""

    phenomenon = models.ForeignKey(
        Phenomenon, verbose_name=_("phenomenon"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="phenomenon_links"
    )

    class Meta:
        ordering = ["phenomenon", "indicator__title_fi"]
        verbose_name = _("indicator of a phenomenon")
        verbose_name_plural = _("indicators of phenomena")
        constraints = [
            models.UniqueConstraint(fields=["phenomenon", "indicator"], name="phenomenon_indicator_unique")
        ]


class SavedDashboardQuerySet(models.QuerySet):
    def visible_to(self, user) -> SavedDashboardQuerySet:
        """A family centre's dashboards are read by those who work in it; a group's by its members."""
        if not _can_read(user):
            return self.none()
        if user.is_staff:
            return self
        from familycentres.models import Membership
        from observations.permissions import member_centre_ids

        groups = Membership.objects.current().filter(user=user).values("group_id")
        return self.filter(Q(family_centre_id__in=member_centre_ids(user)) | Q(group_id__in=groups))


class SavedDashboard(TimeStampedModel):
    """A dashboard selection kept under a name for a family centre or a group; it reopens the same
    stable link."""

    name = models.CharField(_("name"), max_length=200)
    family_centre = models.ForeignKey(
        FamilyCentre,
        verbose_name=_("family centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    group = models.ForeignKey(
        "familycentres.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    query = models.CharField(_("selection"), max_length=1000)

    objects = SavedDashboardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved dashboard")
        verbose_name_plural = _("saved dashboards")
        constraints = [
            models.CheckConstraint(
                condition=(Q(family_centre__isnull=False) & Q(group__isnull=True))
                | (Q(family_centre__isnull=True) & Q(group__isnull=False)),
                name="saved_dashboard_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('indicators:dashboard')}?{self.query}"


class MetricIndicator(TimeStampedModel):
    """A co-development follow-up metric read from an indicator: the indicator's imported figures of one
    region, before and after the implementation began, under the metric's own chart."""

    metric = models.OneToOneField(
        "codevelopment.FollowUpMetric",
        verbose_name=_("follow-up metric"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="metric_links"
    )
    region = models.ForeignKey(Region, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("indicator of a follow-up metric")
        verbose_name_plural = _("indicators of follow-up metrics")

    def __str__(self) -> str:
        return f"{self.metric_id}: {self.indicator_id} {self.region_id}"
