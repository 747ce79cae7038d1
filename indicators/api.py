"""The indicators REST API: `/api/v1/indicators/` (the catalogue), `/api/v1/indicators/{id}/values/`
(filters `area` as the official code, e.g. 837, 08 or FI; `year_from`, `year_to`, `gender`; `?format=csv`
as well as JSON; the platform's own figures also by `month` (1–12 or `all`; without it the whole years) and
`group` (a group's id or `all`; without it the figures of no single group)) and `/api/v1/indicator-imports/` (the runs; POST a multipart `file` with `source` one of
sotkanet-json, sotkanet-csv, pxweb-jsonstat2, csv imports it and answers the run record).

Figures resting on fewer than 5 persons come back without their value (`suppressed`) and are left out of
the CSV."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.csv import csv_response
from core.models import ImportRun

from .forms import FILE_KIND_CHOICES
from .models import Indicator, Region, Value
from .permissions import can_run_imports, can_view_import_runs, can_view_indicators
from .selectors.dashboard import EXPORT_HEADER
from .selectors.figures import Point, wilson
from .services.imports import RUN_SOURCES, file_import


class Readers(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_indicators(request.user)


class Importers(permissions.BasePermission):
    """SECURITY: imports change the figures every family centre reads; only collectors and administrators
    list or start them."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return can_view_import_runs(request.user)
        return can_run_imports(request.user)


class IndicatorSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    interpretation = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "source",
            "source_id",
            "title",
            "title_fi",
            "title_sv",
            "title_en",
            "description",
            "interpretation",
            "value_type",
            "decimals",
            "has_genders",
            "in_default_package",
            "schedule",
            "last_imported_at",
        ]
        read_only_fields = fields


class ValueSerializer(serializers.Serializer):
    area = serializers.CharField(
        help_text="The official code: FI, a wellbeing services county (08) or a municipality (837)."
    )
    area_name = serializers.CharField()
    year = serializers.IntegerField()
    month = serializers.IntegerField(help_text="1–12, or 0 for the whole year.")
    group = serializers.IntegerField(allow_null=True, help_text="The group's id for a group's figure.")
    gender = serializers.ChoiceField(choices=Value.Gender.choices)
    value = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True)
    absolute_value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    ci_low = serializers.FloatField(
        allow_null=True, help_text="95 % Wilson interval, where the count is known."
    )
    ci_high = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField(help_text="Rests on fewer than 5 persons: the value is not given.")


class ValuePagination(PageNumberPagination):
    page_size = 500
    page_size_query_param = "page_size"
    max_page_size = 5000


class CSVRenderer(renderers.BaseRenderer):
    """Lets `?format=csv` reach the values action; the action answers with core's CSV response."""

    media_type = "text/csv"
    format = "csv"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


VALUE_PARAMETERS = [
    OpenApiParameter("area", str, description="Official code: FI, a county (08) or a municipality (837)."),
    OpenApiParameter("year_from", int),
    OpenApiParameter("year_to", int),
    OpenApiParameter("gender", str, enum=Value.Gender.values),
    OpenApiParameter(
        "month", str, description="1–12 or `all` for monthly figures; without it the whole years."
    ),
    OpenApiParameter(
        "group", str, description="A group's id or `all` for group figures; without it no single group's."
    ),
    OpenApiParameter("format", str, enum=["json", "csv"]),
]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("source", str, enum=Indicator.Source.values),
            OpenApiParameter("search", str),
        ]
    ),
)
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    permission_classes = [Readers]
    filter_backends: list = []

    def get_queryset(self):
        qs = Indicator.objects.visible_to(self.request.user).order_by("source", "title_fi", "pk")
        source = self.request.query_params.get("source", "")
        if source:
            qs = qs.filter(source=source)
        search = self.request.query_params.get("search", "").replace("\x00", "").strip()[:200]
        if search:
            qs = qs.filter(
                Q(title_fi__icontains=search)
                | Q(title_sv__icontains=search)
                | Q(title_en__icontains=search)
                | Q(source_id=search)
            )
        return qs

    @extend_schema(
        parameters=VALUE_PARAMETERS,
        responses={
            200: ValueSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            400: OpenApiResponse(description="A bad filter."),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[renderers.JSONRenderer, renderers.BrowsableAPIRenderer, CSVRenderer],
        pagination_class=ValuePagination,
    )
    def values(self, request, pk=None):
        indicator = self.get_object()
        params = request.query_params
        qs = (
            Value.objects.filter(indicator=indicator)
            .select_related("region")
            .order_by("region__code", "year", "month", "gender", "group_id")
        )
        errors = {}
        month = params.get("month", "").strip()
        if not month:
            qs = qs.filter(month=0)
        elif month == "all":
            qs = qs.filter(month__gt=0)
        elif month.isdigit() and 1 <= int(month) <= 12:
            qs = qs.filter(month=int(month))
        else:
            errors["month"] = "A month 1–12 or all."
        group = params.get("group", "").strip()
        if not group:
            qs = qs.filter(group__isnull=True)
        elif group == "all":
            qs = qs.filter(group__isnull=False)
        elif group.isdigit() and len(group) < 12:
            qs = qs.filter(group_id=int(group))
        else:
            errors["group"] = "A group's id or all."
        area = params.get("area", "").strip()
        if area:
            region = Region.objects.filter(code=area).first()
            if region is None:
                errors["area"] = "Unknown area code."
            qs = qs.filter(region=region)
        for name, lookup in (("year_from", "year__gte"), ("year_to", "year__lte")):
            raw = params.get(name, "")
            if raw:
                if not raw.isdigit():
                    errors[name] = "A year is a number."
                else:
                    qs = qs.filter(**{lookup: int(raw)})
        gender = params.get("gender", "")
        if gender:
            if gender not in Value.Gender.values:
                errors["gender"] = f"One of {', '.join(Value.Gender.values)}."
            qs = qs.filter(gender=gender)
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)

        def rows(values):
            for v in values:
                point = Point(v.region, v.year, v.gender, v.value, v.abs_value)
                point.month, point.group_id = v.month, v.group_id
                interval = None if point.suppressed else wilson(indicator, v.value, v.abs_value)
                yield point, interval

        breakdown = bool(month or group)

        if request.accepted_renderer.format == "csv":
            out = (
                [
                    indicator.source,
                    indicator.source_id,
                    indicator.title,
                    p.region.code,
                    p.region.name,
                    p.year,
                    p.gender,
                    p.value,
                    p.abs_value if p.abs_value is not None else "",
                    round(i[0], 4) if i else "",
                    round(i[1], 4) if i else "",
                    *((p.month, p.group_id or "") if breakdown else ()),
                ]
                for p, i in rows(qs.iterator(chunk_size=2000))
                if not p.suppressed
            )
            header = [*EXPORT_HEADER, "month", "group"] if breakdown else EXPORT_HEADER
            return csv_response(f"indicator-{indicator.source}-{indicator.source_id}.csv", header, out)
        page = self.paginate_queryset(qs)
        data = [
            {
                "area": p.region.code,
                "area_name": p.region.name,
                "year": p.year,
                "month": p.month,
                "group": p.group_id,
                "gender": p.gender,
                "value": None if p.suppressed else p.value,
                "absolute_value": None if p.suppressed else p.abs_value,
                "ci_low": i[0] if i else None,
                "ci_high": i[1] if i else None,
                "suppressed": p.suppressed,
            }
            for p, i in rows(page)
        ]
        return self.get_paginated_response(ValueSerializer(data, many=True).data)


class ImportRunSerializer(serializers.ModelSerializer):
    unchanged = serializers.SerializerMethodField()
    skipped = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField()
    triggered_by = serializers.SerializerMethodField()

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "source",
            "kind",
            "status",
            "started_at",
            "finished_at",
            "triggered_by",
            "rows_read",
            "rows_created",
            "rows_updated",
            "unchanged",
            "skipped",
            "error",
            "errors",
        ]
        read_only_fields = fields

    def get_unchanged(self, run) -> int:
        return int((run.detail or {}).get("unchanged", 0))

    def get_skipped(self, run) -> int:
        return int((run.detail or {}).get("skipped", 0))

    def get_errors(self, run) -> list[dict]:
        """The rows that failed, with their line numbers."""
        return list((run.detail or {}).get("errors", []))

    def get_triggered_by(self, run) -> str | None:
        return run.triggered_by.email if run.triggered_by_id else None


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    source = serializers.ChoiceField(choices=FILE_KIND_CHOICES)
    indicator = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.filter(source=Indicator.Source.STATFIN),
        required=False,
        allow_null=True,
        help_text="For a json-stat2 dataset that does not name a Statistics Finland indicator of the catalogue.",
    )

    def validate_file(self, upload):
        if upload.size > settings.INDICATORS_UPLOAD_MAX_BYTES:
            raise serializers.ValidationError("The file is too large.")
        return upload


class ImportRunViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [Importers]
    parser_classes = [MultiPartParser, FormParser]
    filter_backends: list = []

    def get_queryset(self):
        return (
            ImportRun.objects.filter(source__in=RUN_SOURCES)
            .select_related("triggered_by")
            .order_by("-started_at", "-id")
        )

    def get_serializer_class(self):
        return ImportUploadSerializer if self.action == "create" else ImportRunSerializer

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportRunSerializer, 400: ImportRunSerializer},
        description="Imports the file all-or-nothing. 201 with the run when it succeeded; 400 with the failed "
        "run (its error and the bad rows' line numbers) when the file was refused, and nothing was written.",
    )
    def create(self, request, *args, **kwargs):
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        run = file_import(
            actor=request.user,
            kind=upload.validated_data["source"],
            data=upload.validated_data["file"].read(),
            indicator=upload.validated_data.get("indicator"),
        )
        code = (
            status.HTTP_201_CREATED
            if run.status == ImportRun.Status.SUCCEEDED
            else status.HTTP_400_BAD_REQUEST
        )
        return Response(ImportRunSerializer(run).data, status=code)
