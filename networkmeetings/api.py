"""The network-meetings REST API (published paths, keep them):

- `GET /api/v1/network-processes/` the caller's processes only; `GET /api/v1/network-processes/{id}/`
  with meetings, roles and plan steps; `GET /api/v1/network-processes/{id}/access-log/` (the responsible
  worker or pair). Every list and read writes access-log rows, as the pages do; a process the caller does
  not take part in is a 404, for administrators too. Two-factor authentication is required.
- `GET /api/v1/lp/qualifications/`, `POST /api/v1/lp/feedback-imports/` (multipart `file`, `family_centre`)
  and `GET /api/v1/lp/feedback-summary/?family_centre=ID&from=YYYY-MM-DD&to=YYYY-MM-DD` (aggregates
  only) for coordinators of the family centre."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import authentication, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from accounts.mfa import mfa_satisfied
from core.models import AccessLogEntry
from familycentres.models import FamilyCentre

from .models import LPQualification, NetworkMeeting, NetworkProcess, PlanStep
from .permissions import (
    can_import_feedback,
    can_manage_qualifications,
    can_view_access_log,
    can_view_feedback_summary,
    has_mfa,
)
from .selectors.counts import feedback_summary
from .selectors.processes import access_log_entries
from .services.access import process_access_log, processes_access_log
from .services.feedback import feedback_import


class NoStoreMixin:
    """SECURITY: responses with client data are never stored by browsers or proxies."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class HasMFA(permissions.BasePermission):
    message = _("Network meetings contain client data: turn on two-factor authentication first.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated and has_mfa(request.user)):
            return False
        # SECURITY: a browser session must have passed two-factor authentication too; a token is issued
        # only to an account and has no session to check.
        if isinstance(request.successful_authenticator, authentication.SessionAuthentication):
            return mfa_satisfied(request._request)
        return True


class NetworkPlanStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanStep
        fields = ["id", "what", "owner", "pair", "family_member", "due_on", "done_at"]
        read_only_fields = fields


class NetworkMeetingSerializer(serializers.ModelSerializer):
    steps = NetworkPlanStepSerializer(many=True, read_only=True)

    class Meta:
        model = NetworkMeeting
        fields = [
            "id",
            "kind",
            "structure",
            "service_setting",
            "starts_at",
            "status",
            "chair",
            "recorder",
            "next_meeting_on",
            "evaluation_family",
            "evaluation_workers",
            "steps",
        ]
        read_only_fields = fields


class NetworkProcessListSerializer(serializers.ModelSerializer):
    class Meta:
        model = NetworkProcess
        fields = [
            "id",
            "label",
            "family_centre",
            "convener",
            "responsible_worker",
            "responsible_pair",
            "status",
            "created_at",
            "closed_at",
        ]
        read_only_fields = fields


class NetworkProcessSerializer(NetworkProcessListSerializer):
    meetings = NetworkMeetingSerializer(many=True, read_only=True)

    class Meta(NetworkProcessListSerializer.Meta):
        fields = [*NetworkProcessListSerializer.Meta.fields, "meetings"]
        read_only_fields = fields


class ProcessAccessLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLogEntry
        fields = ["at", "user", "kind", "purpose", "recipient"]
        read_only_fields = fields


class NetworkProcessViewSet(NoStoreMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated, HasMFA]
    filter_backends: list = []

    def get_queryset(self):
        qs = NetworkProcess.objects.visible_to(self.request.user).order_by("-created_at", "-id")
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("meetings", queryset=NetworkMeeting.objects.prefetch_related("steps"))
            )
        return qs

    def get_serializer_class(self):
        return NetworkProcessSerializer if self.action == "retrieve" else NetworkProcessListSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        processes_access_log(
            user=request.user, processes=page, kind="list", purpose="API: my network processes"
        )
        return self.get_paginated_response(NetworkProcessListSerializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        process = self.get_object()
        process_access_log(user=request.user, process=process, kind="read", purpose="API: process")
        return Response(NetworkProcessSerializer(process).data)

    @extend_schema(responses=ProcessAccessLogSerializer(many=True))
    @action(detail=True, url_path="access-log")
    def access_log(self, request, pk=None):
        process = self.get_object()
        if not can_view_access_log(request.user, process):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied
        process_access_log(user=request.user, process=process, kind="read", purpose="API: access-log report")
        page = self.paginate_queryset(access_log_entries(process=process))
        return self.get_paginated_response(ProcessAccessLogSerializer(page, many=True).data)


class LPQualificationSerializer(serializers.ModelSerializer):
    booster_due_on = serializers.DateField(read_only=True)

    class Meta:
        model = LPQualification
        fields = ["id", "user", "level", "trained_on", "booster_on", "booster_due_on", "organisation", "area"]
        read_only_fields = fields


class QualificationViewSet(NoStoreMixin, viewsets.ReadOnlyModelViewSet):
    """Coordinators and staff see the registry; everyone else their own qualifications."""

    serializer_class = LPQualificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LPQualification.objects.none()
        qs = LPQualification.objects.order_by("id")
        if not can_manage_qualifications(self.request.user):
            qs = qs.filter(user=self.request.user)
        return qs


def _centre(request, value) -> FamilyCentre:
    try:
        return FamilyCentre.objects.get(pk=int(value))
    except (TypeError, ValueError, FamilyCentre.DoesNotExist):
        raise ValidationError({"family_centre": [_("Give an existing family centre id.")]}) from None


class FeedbackImportViewSet(NoStoreMixin, viewsets.ViewSet):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=inline_serializer(
            "LPFeedbackImportRequest",
            {"file": serializers.FileField(), "family_centre": serializers.IntegerField()},
        ),
        responses={
            201: inline_serializer(
                "LPFeedbackImportRun",
                {
                    "id": serializers.IntegerField(),
                    "status": serializers.CharField(),
                    "rows_read": serializers.IntegerField(),
                    "rows_written": serializers.IntegerField(),
                    "rows_rejected": serializers.IntegerField(),
                    "error": serializers.CharField(),
                },
            )
        },
    )
    def create(self, request):
        centre = _centre(request, request.data.get("family_centre"))
        if not can_import_feedback(request.user, centre.pk):
            raise Http404
        upload = request.data.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise ValidationError({"file": [_("Attach the CSV file.")]})
        from .services.feedback import MAX_IMPORT_BYTES

        run = feedback_import(actor=request.user, family_centre=centre, raw=upload.read(MAX_IMPORT_BYTES + 1))
        body = {
            "id": run.pk,
            "status": run.status,
            "rows_read": run.rows_read,
            "rows_written": run.rows_created,
            "rows_rejected": run.detail.get("rows_rejected", 0),
            "error": run.error,
        }
        return Response(
            body, status=status.HTTP_201_CREATED if run.status == "succeeded" else status.HTTP_400_BAD_REQUEST
        )


def _date(value, name):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: [_("Use the form YYYY-MM-DD.")]}) from None


class FeedbackSummaryViewSet(NoStoreMixin, viewsets.ViewSet):
    @extend_schema(
        parameters=[
            OpenApiParameter("family_centre", OpenApiTypes.INT, required=True),
            OpenApiParameter("from", OpenApiTypes.DATE),
            OpenApiParameter("to", OpenApiTypes.DATE),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request):
        centre = _centre(request, request.query_params.get("family_centre"))
        if not can_view_feedback_summary(request.user, centre.pk):
            raise Http404
        summary = feedback_summary(
            date_from=_date(request.query_params.get("from"), "from"),
            date_to=_date(request.query_params.get("to"), "to"),
            family_centre_ids=[centre.pk],
        )
        return Response(summary)
