"""The family-centre network: areas, organisations, family centres, groups, memberships and the shared
group-meeting model that later features (agendas of initiatives, developer-group memos, team reviews)
attach to."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.roles import cached
from core.models import TimeStampedModel


def _localised(obj, base: str) -> str:
    lang = (get_language() or "fi")[:2]
    value = getattr(obj, f"{base}_{lang}", "") if lang in {"fi", "sv"} else ""
    return value or getattr(obj, f"{base}_fi")


class Area(models.Model):
    """A node of the area tree: wellbeing services county → region → municipality → local area."""

    class Kind(models.TextChoices):
        WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
        REGION = "region", _("region")
        MUNICIPALITY = "municipality", _("municipality")
        LOCAL_AREA = "local_area", _("local area")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("official code"),
        max_length=20,
        help_text=_("County 01–21, municipality three digits, or own code."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=150)
    name_sv = models.CharField(_("name in Swedish"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sotkanet_region_id = models.PositiveIntegerField(_("Sotkanet region id"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="area_kind_code_unique"),
            models.CheckConstraint(
                condition=Q(kind="wellbeing_county", parent__isnull=True) | ~Q(kind="wellbeing_county"),
                name="area_county_is_root",
            ),
            models.CheckConstraint(
                condition=Q(kind="wellbeing_county") | Q(parent__isnull=False),
                name="area_non_county_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
        NGO = "ngo", _("NGO or association")
        PARISH = "parish", _("parish")
        KELA = "kela", _("Kela")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT)
    business_id = models.CharField(_("business ID"), max_length=12, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


def centre_slug(name: str) -> str:
    """The short address of a family centre from its name: ASCII letters, digits and hyphens only, as the
    URL patterns accept ("Perhekeskus Vantaa – Kerava" → "perhekeskus-vantaa-kerava")."""
    return slugify(name)[:60].strip("-_")


class FamilyCentre(TimeStampedModel):
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    wellbeing_county = models.ForeignKey(
        Area,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="family_centres",
        limit_choices_to={"kind": Area.Kind.WELLBEING_COUNTY},
    )
    municipalities = models.ManyToManyField(
        Area,
        verbose_name=_("municipalities"),
        related_name="served_by_family_centres",
        limit_choices_to={"kind__in": [Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA]},
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("family centre")
        verbose_name_plural = _("family centres")
        constraints = [
            # The URL patterns take only these characters: a centre with another slug could not be opened.
            models.CheckConstraint(condition=Q(slug__regex=r"^[-a-zA-Z0-9_]+$"), name="centre_slug_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = centre_slug(self.name_fi)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return _localised(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("familycentres:centre_detail", args=[self.slug])


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> GroupQuerySet:
        # SECURITY: client representatives have limited accounts and see only their own groups;
        # other signed-in users see the whole network (it is the network's own transparency).
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        if Membership.objects.limited_account(user):
            # A subquery, not a join: annotations over memberships (counts) stay correct.
            own = Membership.objects.filter(user=user, ended_on__isnull=True).values("group_id")
            return self.filter(pk__in=own)
        return self


class Group(TimeStampedModel):
    class Kind(models.TextChoices):
        LOCAL_STEERING = "local_steering", _("local family-centre steering group")
        REGIONAL_COORDINATION = "regional_coordination", _("regional coordination group")
        COUNTY_STEERING = "county_steering", _("county steering group")
        WELFARE_BOARD = "welfare_board", _("welfare board")
        CHILDREN_FAMILIES_COUNCIL = "children_families_council", _("children and families council")
        HYTE_STEERING = "hyte_steering", _("welfare promotion steering group")
        LOCAL_TEAM = "local_team", _("local family-centre team")
        LP_COORDINATION = "lp_coordination", _("LP coordination group")
        WORKING_GROUP = "working_group", _("working group")
        OTHER = "other", _("other group")

    class Level(models.TextChoices):
        LOCAL = "local", _("local")
        REGIONAL = "regional", _("regional")
        COUNTY = "county", _("county")
        BOARD = "board", _("welfare board")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    family_centre = models.ForeignKey(
        FamilyCentre,
        verbose_name=_("family centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="groups"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("next level up"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Where matters are forwarded when this group takes them further."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    ical_token = models.CharField(max_length=64, default=secrets.token_urlsafe, editable=False)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="group_not_own_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("familycentres:group_detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet):
    def current(self) -> MembershipQuerySet:
        return self.filter(ended_on__isnull=True)

    # The role building blocks (familycentres.roles and the visibility rules here use them), each one
    # query per user object: the answers are kept in the user's one role cache (accounts.roles).

    def roles_by_group(self, user) -> dict[int, set[str]]:
        """The user's current roles by group id."""

        def compute() -> dict[int, set[str]]:
            by_group: dict[int, set[str]] = {}
            for group_id, role in (
                Membership.objects.current().filter(user=user).values_list("group_id", "role")
            ):
                by_group.setdefault(group_id, set()).add(role)
            return by_group

        return cached(user, "familycentres.roles_by_group", compute)

    def limited_account(self, user) -> bool:
        """See Membership.limits_account."""

        def compute() -> bool:
            current = set(Membership.objects.current().filter(user=user).values_list("role", flat=True))
            return Membership.limits_account(
                current,
                was_client_representative=not current
                and Membership.objects.filter(user=user, role=Membership.Role.CLIENT_REPRESENTATIVE).exists(),
            )

        return cached(user, "familycentres.limited", compute)

    def centre_ids(self, user, *, collector: bool) -> set[int]:
        """Family centres in whose groups the user is a collector / analyst (`collector`), or works in any
        role but client representative."""

        def compute() -> set[int]:
            qs = Membership.objects.current().filter(user=user, group__family_centre__isnull=False)
            if collector:
                qs = qs.filter(role=Membership.Role.COLLECTOR)
            else:
                qs = qs.exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
            return set(qs.values_list("group__family_centre_id", flat=True))

        return cached(user, f"familycentres.centre_ids.{'collector' if collector else 'member'}", compute)

    def visible_to(self, user) -> MembershipQuerySet:
        return self.filter(group__in=Group.objects.visible_to(user))


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")
        COORDINATOR = "coordinator", _("coordinator")
        FACILITATOR = "facilitator", _("facilitator")
        PROGRESS_OWNER = "progress_owner", _("responsible for progress")
        COLLECTOR = "collector", _("collector / analyst")
        CLIENT_REPRESENTATIVE = "client_representative", _("client representative")

    @staticmethod
    def limits_account(current_roles: set[str], *, was_client_representative: bool) -> bool:
        """The one rule of limited accounts: a client representative's account is limited to the groups
        they belong to.

        SECURITY: a former client representative (all such memberships ended, no other role) stays
        limited; ending a membership must never widen what the account sees."""
        if current_roles - {Membership.Role.CLIENT_REPRESENTATIVE}:
            return False
        return bool(current_roles) or was_client_representative

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Background(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        MANAGER = "manager", _("manager or director")
        CLIENT_DEVELOPER = "client_developer", _("client developer")
        EXPERIENCE_EXPERT = "experience_expert", _("experience expert")
        INFLUENCE_GROUP = "influence_group", _("influence-group representative")

    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.MEMBER)
    background = models.CharField(
        _("taking part as"),
        max_length=30,
        choices=Background.choices,
        blank=True,
        help_text=_("What the person brings to the group, for example a client developer."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "user__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user", "role"],
                condition=Q(ended_on__isnull=True),
                name="membership_current_unique",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.group}"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        return self.filter(group__in=Group.objects.visible_to(user))


class Meeting(TimeStampedModel):
    """A meeting of any group. Steering-group agendas, developer-group memos and local-team reviews are
    attached to this one model by later features."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False, help_text="iCalendar SEQUENCE")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["group", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.title} {local:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("familycentres:meeting_detail", args=[self.pk])

    @property
    def uid(self) -> str:
        return f"meeting-{self.pk}@ilmio"


class AgendaItem(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # An optional link to a page of this site that the item is about (a saved indicator dashboard, ...);
    # offered by the apps registered in familycentres.agenda_links.
    link_url = models.CharField(_("link"), max_length=500, blank=True)
    link_label = models.CharField(_("link text"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE)
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.INVITED)

    class Meta:
        ordering = ["meeting", "user__full_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.get_status_display()}"


# --- The service catalogue: the network's services, for the service map -------------------------------


class ServiceGroup(models.TextChoices):
    """The national family-centre model's service groups (THL): three core groups and the services
    around them."""

    PROMOTION = "promotion", _("health and wellbeing promotion")
    PSYCHOSOCIAL = "psychosocial", _("psychosocial support and rehabilitation")
    SPECIAL = "special", _("consultative special level")
    EDUCATION = "education", _("early childhood education and schools")
    LEISURE = "leisure", _("youth, sports and culture")
    NGO_PARISH = "ngo_parish", _("NGOs and parishes")
    KELA = "kela", _("Kela")
    MEETING_PLACES = "meeting_places", _("open meeting places")
    E_SERVICES = "e_services", _("e-services")


class ClientGroup(models.TextChoices):
    EXPECTING = "expecting", _("expecting families")
    AGE_0_6 = "0_6", _("children 0–6")
    AGE_7_12 = "7_12", _("children 7–12")
    AGE_13_17 = "13_17", _("young people 13–17")
    AGE_18_29 = "18_29", _("young adults 18–29")
    PARENTS = "parents", _("parents")
    FAMILY = "family", _("whole family")


class ServiceLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    SE = "se", _("Sami")
    RU = "ru", _("Russian")
    AR = "ar", _("Arabic")
    SO = "so", _("Somali")
    OTHER = "other", _("other language")


class ServiceQuerySet(models.QuerySet):
    def visible_to(self, user) -> ServiceQuerySet:
        # The catalogue is public information (the national catalogue publishes it too); only withdrawn
        # services are kept from people who cannot edit the catalogue.
        from .permissions import can_edit_services

        if can_edit_services(user):
            return self
        return self.filter(is_active=True)


class Service(TimeStampedModel):
    """A service of the family-centre network, typed by a coordinator or imported from the national
    service catalogue (PTV). `ptv_values` keeps what the catalogue said at the last import, so that an
    import can tell a local edit from an upstream change; `conflicts` holds both versions of a field that
    changed on both sides until a coordinator chooses."""

    class Source(models.TextChoices):
        LOCAL = "local", _("typed here")
        PTV = "ptv", _("national service catalogue")

    name_fi = models.CharField(_("name in Finnish"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="services"
    )
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("municipalities or areas covered"),
        related_name="services",
        limit_choices_to={"kind__in": [Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA]},
    )
    service_group = models.CharField(_("service group"), max_length=20, choices=ServiceGroup.choices)
    client_groups = ArrayField(
        models.CharField(max_length=12, choices=ClientGroup.choices), verbose_name=_("client groups")
    )
    languages = ArrayField(
        models.CharField(max_length=8, choices=ServiceLanguage.choices),
        verbose_name=_("languages of service"),
        default=list,
        blank=True,
    )
    is_active = models.BooleanField(_("in use"), default=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.LOCAL)
    ptv_id = models.UUIDField(_("catalogue id"), null=True, blank=True, unique=True)
    ptv_classes = ArrayField(models.CharField(max_length=20), default=list, blank=True, editable=False)
    ptv_values = models.JSONField(default=dict, blank=True, editable=False)
    ptv_imported_at = models.DateTimeField(_("last imported"), null=True, blank=True, editable=False)
    conflicts = models.JSONField(default=dict, blank=True, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(condition=~Q(name_fi=""), name="service_has_finnish_name"),
            models.CheckConstraint(condition=Q(client_groups__len__gt=0), name="service_has_client_group"),
            models.CheckConstraint(
                condition=Q(source="local") | Q(ptv_id__isnull=False), name="service_ptv_has_id"
            ),
        ]
        indexes = [
            models.Index(fields=["service_group"]),
            # The whole network's map lists each cell's first services in name order.
            models.Index(fields=["service_group", "name_fi", "id"], name="service_group_name"),
            GinIndex(fields=["client_groups"], name="service_client_groups_gin"),
            GinIndex(fields=["languages"], name="service_languages_gin"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "fi")[:2]
        if lang in {"sv", "en"}:
            return getattr(self, f"name_{lang}") or self.name_fi
        return self.name_fi

    @property
    def description(self) -> str:
        lang = (get_language() or "fi")[:2]
        if lang in {"sv", "en"}:
            return getattr(self, f"description_{lang}") or self.description_fi
        return self.description_fi

    def get_absolute_url(self) -> str:
        return reverse("familycentres:service_detail", args=[self.pk])

    def client_group_labels(self) -> list[str]:
        labels = dict(ClientGroup.choices)
        return [str(labels.get(code, code)) for code in self.client_groups]

    def language_labels(self) -> list[str]:
        labels = dict(ServiceLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class ServiceChannel(TimeStampedModel):
    """How a family reaches a service: a place (address and opening hours), a phone line or an e-service."""

    class Kind(models.TextChoices):
        PLACE = "place", _("place")
        PHONE = "phone", _("phone")
        E_SERVICE = "e_service", _("e-service")

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300, blank=True)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        ordering = ["service", "kind", "pk"]
        verbose_name = _("service channel")
        verbose_name_plural = _("service channels")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="place") | ~Q(address=""), name="channel_place_has_address"
            ),
            models.CheckConstraint(
                condition=~Q(kind="phone") | ~Q(phone=""), name="channel_phone_has_number"
            ),
            models.CheckConstraint(
                condition=~Q(kind="e_service") | ~Q(url=""), name="channel_eservice_has_url"
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.address or self.phone or self.url


# --- The service map's kept counts ------------------------------------------------------------------------
# The whole network's service map counts every active service; counting 50,000 of them live (a DISTINCT
# over every service × area × client group) takes over a second, so the database keeps the counts. These
# tables are written only by the database itself: statement triggers on services, their area links and
# the area tree call `familycentres_servicemap_refresh` (migration 0007) in the same transaction as the
# write, whatever path made it (the services, the import, the admin, bulk writes). Which service counts
# where is decided in one place, the SQL function `familycentres_servicemap_contribution`: the service
# map's live rules for the whole network (active services linked to a municipality or a local area; a
# local area counts for its municipality). `selectors.servicemap` reads them; nothing else writes them.


class ServiceMapEntry(models.Model):
    """What one service adds to the kept counts, as last counted (so that a change can take it out)."""

    service_id = models.BigIntegerField(primary_key=True)
    service_group = models.CharField(max_length=20)
    organisation_id = models.BigIntegerField()
    client_groups = ArrayField(models.CharField(max_length=12))
    municipalities = ArrayField(models.BigIntegerField())

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.service_id}"


class ServiceMapCount(models.Model):
    """Active services per service group, client group and provider; client group "" counts each service
    once (the map's total)."""

    service_group = models.CharField(max_length=20)
    client_group = models.CharField(max_length=12, blank=True)
    organisation_id = models.BigIntegerField()
    services = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["service_group", "client_group", "organisation_id"], name="servicemapcount_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_group}/{self.client_group}/{self.organisation_id}: {self.services}"


class ServiceMapPlace(models.Model):
    """Active services per service group, client group, municipality and provider."""

    service_group = models.CharField(max_length=20)
    client_group = models.CharField(max_length=12)
    municipality_id = models.BigIntegerField()
    organisation_id = models.BigIntegerField()
    services = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["service_group", "client_group", "municipality_id", "organisation_id"],
                name="servicemapplace_key",
            )
        ]
        indexes = [models.Index(fields=["organisation_id"], name="servicemapplace_org")]

    def __str__(self) -> str:
        return f"{self.service_group}/{self.client_group}/{self.municipality_id}/{self.organisation_id}: {self.services}"


class ServiceMapPlaceProviders(models.Model):
    """Providers per service group, client group and municipality (the rows of ServiceMapPlace per key)."""

    service_group = models.CharField(max_length=20)
    client_group = models.CharField(max_length=12)
    municipality_id = models.BigIntegerField()
    providers = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["service_group", "client_group", "municipality_id"], name="servicemapproviders_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_group}/{self.client_group}/{self.municipality_id}: {self.providers}"
