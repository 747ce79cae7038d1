"""The network's REST API under /api/v1/.

Reads are open to every signed-in, active user and always go through the models' visibility querysets,
so what a user may not see is a 404. Writes are for administrators only. Meetings are written through
the services (their rules and audit trail live there); the other models have no services yet, so their
writes are saved here from explicitly listed serializer fields and audited in the same transaction.
"""

from __future__ import annotations

from contextlib import contextmanager

import django_filters
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, ProtectedError, RestrictedError, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.audit import audit_record, snapshot
from core.errors import ConflictError
from core.fragments import versioned

from . import services
from .filters import (
    AreaFilter,
    FamilyCentreFilter,
    GroupFilter,
    MeetingFilter,
    MembershipFilter,
    OrganisationFilter,
)
from .models import (
    AgendaItem,
    Area,
    ClientGroup,
    FamilyCentre,
    Group,
    Meeting,
    Membership,
    Organisation,
    Service,
    ServiceChannel,
    ServiceGroup,
    ServiceLanguage,
)
from .permissions import can_read_api, can_view_service_map, can_write_api
from .roles import is_professional
from .selectors.networkmap import network_map
from .selectors.servicemap import VERSION as SERVICE_MAP_VERSION
from .selectors.servicemap import scope_area_ids, service_map

# ---------------------------------------------------------------------------------------------------
# Permissions


class Professionals(permissions.BasePermission):
    """Signed-in, active professionals (roles.is_professional). SECURITY: limited (client representative)
    accounts neither log nor read observations or phenomena through the API, as on the pages."""

    def has_permission(self, request, view) -> bool:
        return is_professional(request.user)


class SignedInReadsAdminWrites(permissions.BasePermission):
    """Safe methods for any signed-in active user; everything else for administrators."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return can_read_api(request.user)
        return can_write_api(request.user)


# ---------------------------------------------------------------------------------------------------
# Serializers


class ErrorSerializer(serializers.Serializer):
    """The body of a domain error (core.api.exception_handler); documentation only."""

    detail = serializers.CharField()
    code = serializers.CharField()


class VisibleGroupField(serializers.PrimaryKeyRelatedField):
    """A group reference that accepts only groups the requesting user may see."""

    def get_queryset(self):
        request = self.context.get("request")
        # SECURITY: without a request there is no user to check against, so nothing is accepted.
        if request is None:
            return Group.objects.none()
        return Group.objects.visible_to(request.user)


def _ancestors_include(node, target, *, attr: str = "parent", limit: int = 100) -> bool:
    """Whether `target` is `node` or one of its ancestors. Bounded, in case the data already has a
    loop made outside the API."""
    steps = 0
    while node is not None and steps < limit:
        if node.pk == target.pk:
            return True
        node = getattr(node, attr)
        steps += 1
    return False


class AreaSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("In the language of the request; Finnish by default.")
    )

    class Meta:
        model = Area
        fields = ["id", "name", "name_fi", "name_sv", "kind", "code", "parent", "sotkanet_region_id"]

    def validate(self, attrs):
        # The database refuses these with an IntegrityError; checking here gives a field error instead.
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        parent = attrs["parent"] if "parent" in attrs else getattr(self.instance, "parent", None)
        if kind == Area.Kind.WELLBEING_COUNTY and parent is not None:
            raise serializers.ValidationError(
                {"parent": _("A wellbeing services county has no parent area.")}
            )
        if kind != Area.Kind.WELLBEING_COUNTY and parent is None:
            raise serializers.ValidationError({"parent": _("This kind of area needs a parent area.")})
        if self.instance is not None and _ancestors_include(parent, self.instance):
            raise serializers.ValidationError({"parent": _("An area cannot be inside itself.")})
        return attrs


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "area", "business_id"]


class FamilyCentreSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text=_("In the language of the request; Finnish by default.")
    )

    class Meta:
        model = FamilyCentre
        # No list of groups: a limited account must not learn the groups it is not a member of.
        fields = [
            "id",
            "name",
            "name_fi",
            "name_sv",
            "slug",
            "wellbeing_county",
            "municipalities",
            "description",
        ]


class GroupSerializer(serializers.ModelSerializer):
    parent = VisibleGroupField(queryset=Group.objects.all(), allow_null=True, required=False)
    member_count = serializers.IntegerField(read_only=True, help_text=_("Current memberships."))

    class Meta:
        model = Group
        # SECURITY: ical_token is the secret of the calendar feed and is never exposed here.
        fields = [
            "id",
            "name",
            "kind",
            "level",
            "family_centre",
            "area",
            "parent",
            "description",
            "is_active",
            "member_count",
        ]

    def validate_parent(self, value):
        if value is not None and self.instance is not None and _ancestors_include(value, self.instance):
            raise serializers.ValidationError(_("A group cannot be above itself."))
        return value


class MembershipSerializer(serializers.ModelSerializer):
    group = VisibleGroupField(queryset=Group.objects.all())
    user_name = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "group", "user", "user_name", "role", "organisation", "started_on", "ended_on"]
        # DRF's generated validator for the conditional unique constraint skips itself whenever ended_on
        # is None, which is exactly the case the constraint is about; validate() checks it instead.
        validators = []

    def validate(self, attrs):
        def value(name):
            return attrs[name] if name in attrs else getattr(self.instance, name, None)

        started_on, ended_on = value("started_on"), value("ended_on")
        if started_on and ended_on and ended_on < started_on:
            raise serializers.ValidationError({"ended_on": _("A membership cannot end before it starts.")})
        if ended_on is None:
            clash = Membership.objects.current().filter(
                group=value("group"), user=value("user"), role=value("role")
            )
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                # The same answer as services.membership_add gives on the pages.
                raise ConflictError(
                    _("This person already has this role in the group."), code="membership_exists"
                )
        return attrs


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "description", "outcome"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    group = VisibleGroupField(queryset=Group.objects.all())
    agenda_items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "video_url",
            "status",
            "minutes",
            "agenda_items",
        ]
        # Status and minutes change only through their transitions (cancel here; minutes on the page).
        read_only_fields = ["status", "minutes"]

    def validate_group(self, value):
        if self.instance is not None and value.pk != self.instance.group_id:
            raise serializers.ValidationError(_("A meeting cannot be moved to another group."))
        return value


# ---------------------------------------------------------------------------------------------------
# Views

CONFLICT_RESPONSE = OpenApiResponse(
    ErrorSerializer, description=_("The change conflicts with the current state.")
)


@contextmanager
def _database_conflicts_as_409():
    """Turns what the database refuses (a row still referred to, a constraint lost to a concurrent
    write) into a 409 instead of a 500."""
    try:
        yield
    except (ProtectedError, RestrictedError) as exc:
        raise ConflictError(
            _("This item is still referred to by other records and cannot be deleted."), code="in_use"
        ) from exc
    except IntegrityError as exc:
        raise ConflictError(
            _("The change conflicts with existing data. Reload and try again."), code="integrity"
        ) from exc


class NetworkViewSet(viewsets.ModelViewSet):
    """Reads for signed-in users; administrators' writes are saved from the serializer and audited in
    the same transaction. Subclasses set `audit_name` and `get_queryset()`."""

    permission_classes = [SignedInReadsAdminWrites]
    audit_name = ""

    def audit_snapshot(self, obj) -> dict:
        return snapshot(obj)

    def _save_kwargs(self) -> dict:
        model = self.get_serializer_class().Meta.model
        if any(field.name == "created_by" for field in model._meta.concrete_fields):
            return {"created_by": self.request.user}
        return {}

    def _reload(self, obj):
        # Re-read through the list queryset so the response has the same annotations as a read.
        return self.get_queryset().get(pk=obj.pk)

    def perform_create(self, serializer):
        with _database_conflicts_as_409(), transaction.atomic():
            obj = serializer.save(**self._save_kwargs())
            audit_record(
                actor=self.request.user,
                action=f"{self.audit_name}.create",
                obj=obj,
                after=self.audit_snapshot(obj),
            )
        serializer.instance = self._reload(obj)

    def perform_update(self, serializer):
        before = self.audit_snapshot(serializer.instance)
        with _database_conflicts_as_409(), transaction.atomic():
            obj = serializer.save()
            audit_record(
                actor=self.request.user,
                action=f"{self.audit_name}.update",
                obj=obj,
                before=before,
                after=self.audit_snapshot(obj),
            )
        serializer.instance = self._reload(obj)

    def perform_destroy(self, instance):
        with _database_conflicts_as_409(), transaction.atomic():
            # Written first so the row's id and name are still there; rolled back with a refused delete.
            audit_record(
                actor=self.request.user,
                action=f"{self.audit_name}.delete",
                obj=instance,
                before=self.audit_snapshot(instance),
            )
            instance.delete()


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT_RESPONSE}))
class AreaViewSet(NetworkViewSet):
    """The area tree: wellbeing services counties, regions, municipalities and local areas."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    search_fields = ["name_fi", "name_sv", "code"]
    ordering_fields = ["name_fi", "name_sv", "code", "kind"]
    ordering = ["kind", "name_fi", "id"]
    audit_name = "area"

    def get_queryset(self):
        return Area.objects.all()


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT_RESPONSE}))
class OrganisationViewSet(NetworkViewSet):
    """Organisations whose people sit in the network's groups."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    search_fields = ["name", "business_id"]
    ordering_fields = ["name", "kind"]
    ordering = ["name", "id"]
    audit_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.all()


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT_RESPONSE}))
class FamilyCentreViewSet(NetworkViewSet):
    """Family centres and the municipalities they serve."""

    serializer_class = FamilyCentreSerializer
    filterset_class = FamilyCentreFilter
    search_fields = ["name_fi", "name_sv", "slug"]
    ordering_fields = ["name_fi", "name_sv", "slug"]
    ordering = ["name_fi", "id"]
    audit_name = "family_centre"

    def get_queryset(self):
        return FamilyCentre.objects.prefetch_related("municipalities")

    def audit_snapshot(self, obj) -> dict:
        data = snapshot(obj)
        data["municipalities"] = sorted(obj.municipalities.values_list("pk", flat=True))
        return data


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT_RESPONSE}))
class GroupViewSet(NetworkViewSet):
    """Steering groups, teams and coordination groups. A limited account sees only its own groups."""

    serializer_class = GroupSerializer
    filterset_class = GroupFilter
    search_fields = ["name", "description"]
    ordering_fields = ["name", "kind", "level", "member_count"]
    ordering = ["name", "id"]
    audit_name = "group"

    def get_queryset(self):
        # A subquery rather than Count("memberships"): visible_to() of a limited account already joins
        # memberships, and an aggregate over that join would count only the user's own rows.
        current = (
            Membership.objects.filter(group=OuterRef("pk"), ended_on__isnull=True)
            .order_by()
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Group.objects.visible_to(self.request.user).annotate(
            member_count=Coalesce(Subquery(current, output_field=IntegerField()), 0)
        )

    def audit_snapshot(self, obj) -> dict:
        # SECURITY: the calendar secret stays out of the audit trail as well.
        data = snapshot(obj)
        data.pop("ical_token", None)
        return data


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT_RESPONSE}))
class MembershipViewSet(NetworkViewSet):
    """Who is in which group, in which role. A limited account sees the memberships of its own groups."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    search_fields = ["user__full_name", "group__name"]
    ordering_fields = ["started_on", "ended_on", "role", "user__full_name"]
    ordering = ["group__name", "role", "user__full_name", "id"]
    audit_name = "membership"

    def get_queryset(self):
        return Membership.objects.visible_to(self.request.user).select_related("user")


@extend_schema_view(
    update=extend_schema(responses={200: MeetingSerializer, 409: CONFLICT_RESPONSE}),
    partial_update=extend_schema(responses={200: MeetingSerializer, 409: CONFLICT_RESPONSE}),
)
class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Meetings of the groups a user can see, with their agenda. There is no delete: a meeting is
    cancelled, so its history and audit trail stay."""

    serializer_class = MeetingSerializer
    permission_classes = [SignedInReadsAdminWrites]
    filterset_class = MeetingFilter
    search_fields = ["title", "location"]
    ordering_fields = ["starts_at", "ends_at", "title", "status"]
    ordering = ["-starts_at", "id"]

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).prefetch_related("agenda_items")

    def _reload(self, meeting: Meeting) -> Meeting:
        return self.get_queryset().get(pk=meeting.pk)

    def perform_create(self, serializer):
        data = serializer.validated_data
        meeting = services.meeting_create(
            actor=self.request.user,
            group=data["group"],
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data.get("location", ""),
            video_url=data.get("video_url", ""),
        )
        serializer.instance = self._reload(meeting)

    def perform_update(self, serializer):
        # The service takes the whole set of fields; a partial update keeps the current values.
        meeting = serializer.instance
        data = serializer.validated_data
        fields = {name: data.get(name, getattr(meeting, name)) for name in services.MEETING_FIELDS}
        meeting = services.meeting_update(actor=self.request.user, meeting=meeting, **fields)
        serializer.instance = self._reload(meeting)

    @extend_schema(request=None, responses={200: MeetingSerializer, 409: CONFLICT_RESPONSE})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancels a planned meeting."""
        meeting = services.meeting_cancel(actor=request.user, meeting=self.get_object())
        return Response(self.get_serializer(self._reload(meeting)).data)


# ---------------------------------------------------------------------------------------------------
# The service catalogue, the service map and the network map


@extend_schema_field(OpenApiTypes.INT)
class AreaScopeFilter(django_filters.ModelChoiceFilter):
    """An area id; the services covering it or any area under it."""


class ServiceFilter(django_filters.FilterSet):
    area = AreaScopeFilter(
        queryset=Area.objects.all(),
        method="filter_area",
        label=_("Municipality or area covered (with its sub-areas)"),
    )
    service_group = django_filters.ChoiceFilter(choices=ServiceGroup.choices, label=_("Service group"))
    client_group = django_filters.ChoiceFilter(
        choices=ClientGroup.choices, method="filter_client_group", label=_("Client group")
    )
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Provider"))
    language = django_filters.ChoiceFilter(
        choices=ServiceLanguage.choices, method="filter_language", label=_("Language of service")
    )

    class Meta:
        model = Service
        fields = ["area", "service_group", "client_group", "organisation", "language"]

    def filter_area(self, queryset, name, value):
        ids = scope_area_ids(area=value)
        return queryset.filter(
            pk__in=Service.areas.through.objects.filter(area_id__in=ids).values("service_id")
        )

    def filter_client_group(self, queryset, name, value):
        return queryset.filter(client_groups__contains=[value])

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])


class ServiceChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceChannel
        fields = [
            "id",
            "kind",
            "name",
            "address",
            "postal_code",
            "post_office",
            "opening_hours",
            "phone",
            "url",
        ]
        read_only_fields = fields


class ServiceProviderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class ServiceAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "kind", "code", "name_fi", "name_sv"]
        read_only_fields = fields


class ServiceSerializer(serializers.ModelSerializer):
    organisation = ServiceProviderSerializer(read_only=True)
    areas = ServiceAreaSerializer(many=True, read_only=True)
    channels = ServiceChannelSerializer(many=True, read_only=True)
    client_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=ClientGroup.choices), read_only=True
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=ServiceLanguage.choices), read_only=True
    )

    class Meta:
        model = Service
        fields = [
            "id",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "organisation",
            "areas",
            "service_group",
            "client_groups",
            "languages",
            "channels",
            "is_active",
            "source",
            "ptv_id",
            "updated_at",
        ]
        read_only_fields = fields


class ServiceViewSet(viewsets.ReadOnlyModelViewSet):
    """The family-centre network's services. Public: the catalogue is public information (families find
    services with it); withdrawn services are listed only to those who keep the catalogue."""

    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter
    permission_classes = [permissions.AllowAny]
    search_fields = ["name_fi", "name_sv", "name_en", "organisation__name"]
    ordering_fields = ["name_fi", "service_group", "updated_at"]
    ordering = ["name_fi", "id"]

    def get_queryset(self):
        return (
            Service.objects.visible_to(self.request.user)
            .select_related("organisation")
            .prefetch_related("areas", "channels")
        )


class ServiceMapQuerySerializer(serializers.Serializer):
    area = serializers.PrimaryKeyRelatedField(
        queryset=Area.objects.all(), required=False, help_text=_("Area id")
    )
    centre = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=FamilyCentre.objects.all(),
        required=False,
        help_text=_("Family centre's short address"),
    )
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    language = serializers.ChoiceField(choices=ServiceLanguage.choices, required=False)


class ServiceMapCellServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    provider = serializers.CharField()


class ServiceMapOverlapSerializer(serializers.Serializer):
    municipality = serializers.CharField()
    providers = serializers.IntegerField()


class ServiceMapCellSerializer(serializers.Serializer):
    service_group = serializers.CharField()
    client_group = serializers.CharField()
    count = serializers.IntegerField()
    is_gap = serializers.BooleanField()
    is_partial_gap = serializers.BooleanField()
    is_overlap = serializers.BooleanField()
    providers = serializers.ListField(child=serializers.CharField())
    missing_in = serializers.ListField(child=serializers.CharField())
    overlap_in = serializers.SerializerMethodField()
    services = ServiceMapCellServiceSerializer(many=True)

    @extend_schema_field(ServiceMapOverlapSerializer(many=True))
    def get_overlap_in(self, cell) -> list[dict]:
        return [{"municipality": name, "providers": n} for name, n in cell.overlap_in]


class ServiceMapSerializer(serializers.Serializer):
    service_groups = serializers.SerializerMethodField()
    client_groups = serializers.SerializerMethodField()
    municipalities = serializers.ListField(child=serializers.CharField())
    service_count = serializers.IntegerField()
    overlap_threshold = serializers.IntegerField()
    cells = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.DictField(child=serializers.CharField())))
    def get_service_groups(self, matrix) -> list[dict]:
        return [{"code": row.code, "label": row.label} for row in matrix.rows]

    @extend_schema_field(serializers.ListField(child=serializers.DictField(child=serializers.CharField())))
    def get_client_groups(self, matrix) -> list[dict]:
        return [{"code": code, "label": label} for code, label in matrix.columns]

    @extend_schema_field(ServiceMapCellSerializer(many=True))
    def get_cells(self, matrix) -> list[dict]:
        # Written out by hand in the shape of ServiceMapCellSerializer (which documents it): a field object
        # per value for 48 cells of up to 50 services each was most of the response's time.
        return [
            {
                "service_group": str(cell.service_group),
                "client_group": str(cell.client_group),
                "count": int(cell.count),
                "is_gap": cell.is_gap,
                "is_partial_gap": cell.is_partial_gap,
                "is_overlap": cell.is_overlap,
                "providers": [str(p) for p in cell.providers],
                "missing_in": [str(m) for m in cell.missing_in],
                "overlap_in": [
                    {"municipality": str(name), "providers": int(n)} for name, n in cell.overlap_in
                ],
                "services": [
                    {"id": s.pk, "name": str(s.name), "provider": str(s.provider)} for s in cell.services
                ],
            }
            for row in matrix.rows
            for cell in row.cells
        ]


class CanViewServiceMap(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_service_map(request.user)


class ServiceMapView(APIView):
    """The service map of an area, a family centre or the whole network: THL service group × client
    group, each cell with its services (at most 50 listed), providers, gaps and overlaps."""

    permission_classes = [CanViewServiceMap]

    @extend_schema(parameters=[ServiceMapQuerySerializer], responses={200: ServiceMapSerializer})
    def get(self, request):
        query = ServiceMapQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data

        def answer() -> dict:
            matrix = service_map(
                user=request.user,
                area=data.get("area"),
                centre=data.get("centre"),
                organisation=data.get("organisation"),
                language=data.get("language", ""),
                cell_limit=50,
            )
            return ServiceMapSerializer(matrix).data

        if not isinstance(request.accepted_renderer, JSONRenderer):
            return Response(answer())
        # The map counts active services only, whoever looks (withdrawn ones are for the catalogue's
        # editors, not the map), so its JSON is the same for every viewer allowed here: it is kept as
        # written under the map's version (raised by every write to services, areas and organisations)
        # and its query. The whole network's map is 1.5 MB at national scale, most of its time the
        # writing.
        key = repr(
            (
                "api",
                request.accepted_media_type,
                get_language(),
                getattr(data.get("area"), "pk", None),
                getattr(data.get("centre"), "pk", None),
                getattr(data.get("organisation"), "pk", None),
                data.get("language", ""),
            )
        )
        renderer, context = request.accepted_renderer, self.get_renderer_context()
        body = versioned(
            SERVICE_MAP_VERSION, key, lambda: renderer.render(answer(), request.accepted_media_type, context)
        )
        return HttpResponse(body, content_type=renderer.media_type)


class NetworkMapQuerySerializer(serializers.Serializer):
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all(), required=False)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    kind = serializers.ChoiceField(choices=Group.Kind.choices, required=False, help_text=_("Group kind"))
    role = serializers.ChoiceField(choices=Membership.Role.choices, required=False)


class NetworkMapNodeSerializer(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.ChoiceField(choices=["group", "organisation", "person"])
    label = serializers.CharField()
    kind = serializers.CharField(required=False)
    kind_label = serializers.CharField(required=False)
    url = serializers.CharField(required=False)


class NetworkMapEdgeSerializer(serializers.Serializer):
    id = serializers.CharField()
    source = serializers.CharField()
    target = serializers.CharField()
    type = serializers.ChoiceField(choices=["reports_to", "sits_in", "member"])
    role = serializers.CharField(required=False)
    label = serializers.CharField(required=False)


class NetworkMapSerializer(serializers.Serializer):
    nodes = NetworkMapNodeSerializer(many=True)
    edges = NetworkMapEdgeSerializer(many=True)


class NetworkMapView(APIView):
    """The network map as nodes (organisations, groups, people) and edges (a group reports to the next
    level, an organisation sits in a group, a person is a member with a role). Public: anonymous
    callers get organisations and groups only; people come through the memberships the caller may see."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[NetworkMapQuerySerializer], responses={200: NetworkMapSerializer})
    def get(self, request):
        query = NetworkMapQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        result = network_map(
            user=request.user,
            area=data.get("area"),
            organisation=data.get("organisation"),
            group_kind=data.get("kind", ""),
            role=data.get("role", ""),
        )
        return Response(result.as_json())
