"""The co-development REST API under /api/v1/codevelopment/.

Processes are read through DevelopmentProcess.objects.visible_to (what a user may not see is a 404): the
stage, the stage timeline, and the follow-up metrics with their points. The one write is recording a
follow-up point, through codevelopment.services.point_record (its rules and audit trail): its owner, the
coordinator or staff; after closing the follow-up owner. Domain errors come back as 400/409."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from familycentres.api import ErrorSerializer

from . import services
from .models import DevelopmentProcess, FollowUpMetric, FollowUpPoint, StageChange


class StageChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageChange
        fields = ["stage", "changed_at"]


class FollowUpPointSerializer(serializers.ModelSerializer):
    new_phenomenon = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = FollowUpPoint
        fields = [
            "id",
            "due_on",
            "value",
            "evaluation_families",
            "evaluation_professionals",
            "more_development_needed",
            "new_phenomenon",
            "recorded_at",
        ]
        read_only_fields = fields


class FollowUpMetricSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(read_only=True)
    points = FollowUpPointSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUpMetric
        fields = ["id", "name", "unit", "baseline", "target", "method", "owner", "points"]
        read_only_fields = fields


class ProcessSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="group.name", read_only=True)
    phenomenon_title = serializers.CharField(source="phenomenon.title", read_only=True)
    stage_changes = StageChangeSerializer(many=True, read_only=True)
    metrics = FollowUpMetricSerializer(many=True, read_only=True)
    follow_up_owner = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = DevelopmentProcess
        fields = [
            "id",
            "name",
            "group",
            "phenomenon",
            "phenomenon_title",
            "decision",
            "stage",
            "stage_changes",
            "is_learning_network",
            "follow_up_owner",
            "closed_at",
            "closing_summary",
            "metrics",
            "created_at",
        ]
        read_only_fields = fields


class PointRecordSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    evaluation_families = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20_000
    )
    evaluation_professionals = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20_000
    )
    more_development_needed = serializers.BooleanField(
        help_text=_("When true, a new draft phenomenon continues from this process.")
    )


class ProcessViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Co-development processes visible to the signed-in user, newest first; filter by stage."""

    serializer_class = ProcessSerializer
    filterset_fields = ["stage"]
    search_fields = []
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return (
            DevelopmentProcess.objects.visible_to(self.request.user)
            .select_related("group", "phenomenon")
            .prefetch_related(
                "stage_changes",
                Prefetch("metrics", queryset=FollowUpMetric.objects.prefetch_related("points")),
            )
            .order_by("-created_at", "-id")
        )


class FollowUpPointViewSet(viewsets.GenericViewSet):
    """Follow-up points of the processes visible to the user; recording one is the only write."""

    serializer_class = FollowUpPointSerializer
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return FollowUpPoint.objects.filter(
            metric__process__in=DevelopmentProcess.objects.visible_to(self.request.user).values("pk")
        ).select_related("metric")

    @extend_schema(
        request=PointRecordSerializer,
        responses={
            200: FollowUpPointSerializer,
            400: OpenApiResponse(ErrorSerializer, description=_("The input was not accepted.")),
            403: OpenApiResponse(ErrorSerializer, description=_("You may not record this point.")),
            409: OpenApiResponse(ErrorSerializer, description=_("The point has already been recorded.")),
        },
    )
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        point = self.get_object()
        data = PointRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recorded = services.point_record(actor=request.user, point=point, **data.validated_data)
        return Response(FollowUpPointSerializer(recorded).data)
