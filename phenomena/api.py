"""The phenomena REST API under /api/v1/phenomena/.

List and detail through Phenomenon.objects.visible_to (what a user may not see is a 404); opening one goes
through services.phenomenon_create (its rules and audit trail), for professionals only, as on the pages.
Domain errors come back as 400/409 through core.api.exception_handler."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from familycentres.api import ErrorSerializer, Professionals
from familycentres.models import Area, FamilyCentre, Group
from observations.permissions import member_centre_ids

from . import services
from .models import Phenomenon

MAX_OBSERVATIONS = 500


# The one rule of who is a professional, shared with the pages (familycentres.roles.is_professional).
def _request_user(field):
    request = field.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(OpenApiTypes.INT)
class ColleagueField(serializers.PrimaryKeyRelatedField):
    """A professional who works in the requesting user's family centres (or the user). SECURITY: other ids
    are a 400, so the field reveals nothing about accounts elsewhere."""

    def get_queryset(self):
        user = _request_user(self)
        users = get_user_model().objects.filter(is_active=True)
        if user is None or not user.is_authenticated:
            return users.none()
        if user.is_staff:
            return users
        ids = member_centre_ids(user)
        return users.filter(
            Q(pk=user.pk)
            | Q(memberships__group__family_centre_id__in=ids, memberships__ended_on__isnull=True)
        ).distinct()


@extend_schema_field(OpenApiTypes.INT)
class AnalyserGroupField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        user = _request_user(self)
        groups = Group.objects.filter(is_active=True)
        if user is None or not user.is_authenticated:
            return groups.none()
        if user.is_staff:
            return groups
        ids = member_centre_ids(user)
        return groups.filter(Q(family_centre_id__in=ids) | Q(family_centre__isnull=True))


@extend_schema_field(OpenApiTypes.INT)
class MemberCentreField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        user = _request_user(self)
        if user is None or not user.is_authenticated:
            return FamilyCentre.objects.none()
        if user.is_staff:
            return FamilyCentre.objects.all()
        return FamilyCentre.objects.filter(pk__in=member_centre_ids(user))


class PhenomenonSerializer(serializers.ModelSerializer):
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all(), required=False, allow_null=True)
    family_centre = MemberCentreField(
        required=False,
        allow_null=True,
        help_text=_("Taken from the observations when not given (none when they are from several centres)."),
    )
    family_centre_name = serializers.CharField(
        source="family_centre.name", read_only=True, default=None, allow_null=True
    )
    analyser_user = ColleagueField(required=False, allow_null=True)
    analyser_group = AnalyserGroupField(required=False, allow_null=True)
    observation_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        write_only=True,
        max_length=MAX_OBSERVATIONS,
        help_text=_("Observations the phenomenon is opened from; each must be visible to you."),
    )
    observation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Phenomenon
        # Listed explicitly: no mass assignment. Status and analysis change through their own actions.
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "scale",
            "area",
            "family_centre",
            "family_centre_name",
            "analyser_kind",
            "analyser_user",
            "analyser_group",
            "analyser_other",
            "further_information",
            "analysis_understanding",
            "analysis_root_causes",
            "analysis_open_questions",
            "status",
            "close_reason",
            "observation_ids",
            "observation_count",
            "created_at",
        ]
        read_only_fields = [
            "analysis_understanding",
            "analysis_root_causes",
            "analysis_open_questions",
            "status",
            "close_reason",
            "created_at",
        ]


BAD_REQUEST = OpenApiResponse(ErrorSerializer, description=_("The input was not accepted."))


@extend_schema_view(
    create=extend_schema(responses={201: PhenomenonSerializer, 400: BAD_REQUEST}),
)
class PhenomenonViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Phenomena visible to the signed-in professional, newest first; filter by status and family centre."""

    serializer_class = PhenomenonSerializer
    permission_classes = [Professionals]
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["status", "family_centre"]

    def get_queryset(self):
        return (
            Phenomenon.objects.visible_to(self.request.user)
            .select_related("family_centre")
            .annotate(observation_count=Count("links", distinct=True))
            .order_by("-created_at", "-id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        phenomenon = services.phenomenon_create(
            actor=self.request.user,
            title=data["title"],
            description=data["description"],
            kind=data["kind"],
            scale=data["scale"],
            analyser_kind=data["analyser_kind"],
            area=data.get("area"),
            family_centre=data.get("family_centre"),
            analyser_user=data.get("analyser_user"),
            analyser_group=data.get("analyser_group"),
            analyser_other=data.get("analyser_other", ""),
            further_information=data.get("further_information", ""),
            observation_ids=data.get("observation_ids") or [],
        )
        serializer.instance = self.get_queryset().get(pk=phenomenon.pk)
