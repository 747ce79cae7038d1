"""Writing the audit trail and the access log. Services call these inside their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AccessLogEntry, AuditEvent


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of an object's concrete fields (foreign keys as ids)."""
    import json

    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password"}:
            continue
        data[field.attname] = field.value_from_object(obj)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
    )


def access_log_record(
    *,
    user,
    kind: str,
    obj: models.Model,
    purpose: str,
    client_ref: str = "",
    recipient: str = "",
) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        client_ref=client_ref,
        purpose=purpose,
        recipient=recipient,
    )
