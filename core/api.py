from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


def exception_handler(exc, context):
    """DRF's handler, plus our domain errors as 400/409 with the same body shape."""
    if isinstance(exc, DomainError):
        return Response({"detail": str(exc.message), "code": exc.code}, status=exc.status_code)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, ValueError) and "NUL" in str(exc):
        return Response({"detail": "Invalid characters in input."}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
