"""The signed-in person's own data through the API."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from .selectors import personal_data_export


@extend_schema(
    responses={200: OpenApiTypes.OBJECT},
    description="Everything the service holds about the signed-in person (the same JSON as the profile's download).",
    operation_id="me_export",
    tags=["me"],
)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated])
def my_export(request):
    return Response(personal_data_export(request.user))
