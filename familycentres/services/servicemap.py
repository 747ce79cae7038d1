"""Writes to the service catalogue: coordinators add and edit services and their channels, and choose
between their own edit and the national catalogue's version when both changed a field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.text import clean_input

from ..models import Area, ClientGroup, Organisation, Service, ServiceChannel, ServiceGroup, ServiceLanguage
from ..permissions import can_edit_service, can_edit_services

TEXT_LIMITS = {
    "name_fi": 300,
    "name_sv": 300,
    "name_en": 300,
    "description_fi": 5000,
    "description_sv": 5000,
    "description_en": 5000,
}
# The fields an import from the national catalogue fills; a coordinator's edit of one of them is kept
# (and shown beside the catalogue's version when that changes too).
SYNCED_FIELDS = [
    *TEXT_LIMITS,
    "organisation",
    "areas",
    "service_group",
    "client_groups",
    "languages",
]
COVERAGE_KINDS = {Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA}


def field_value(service: Service, field: str) -> Any:
    """A synced field's value in the JSON-safe form that imports compare and conflicts keep."""
    if field == "organisation":
        return service.organisation_id
    if field == "areas":
        return sorted(service.areas.values_list("pk", flat=True)) if service.pk else []
    if field in {"client_groups", "languages"}:
        return sorted(getattr(service, field) or [])
    return getattr(service, field)


def field_set(service: Service, field: str, value: Any) -> None:
    """Sets a synced field from its JSON-safe value (areas only once the service is saved)."""
    if field == "organisation":
        service.organisation_id = value
    elif field == "areas":
        service.areas.set(value)
    elif field in {"client_groups", "languages"}:
        setattr(service, field, sorted(value))
    else:
        setattr(service, field, value)


def _clean_fields(
    *,
    texts: dict[str, str],
    organisation: Organisation | None,
    areas,
    service_group: str,
    client_groups: list[str],
    languages: list[str],
) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for field, limit in TEXT_LIMITS.items():
        cleaned[field] = clean_input(texts.get(field, ""), limit=limit)
    if not cleaned["name_fi"]:
        raise DomainError(_("A service needs a name in Finnish."), code="name_fi")
    if organisation is None:
        raise DomainError(_("Choose the organisation that provides the service."), code="organisation")
    if service_group not in ServiceGroup.values:
        raise DomainError(_("Choose a service group."), code="service_group")
    client_groups = sorted(set(client_groups))
    if not client_groups or not set(client_groups) <= set(ClientGroup.values):
        raise DomainError(_("Choose at least one client group."), code="client_groups")
    languages = sorted(set(languages))
    if not set(languages) <= set(ServiceLanguage.values):
        raise DomainError(_("Unknown language of service."), code="languages")
    areas = list(areas)
    if not areas:
        raise DomainError(_("Choose at least one municipality or area the service covers."), code="areas")
    if any(area.kind not in COVERAGE_KINDS for area in areas):
        raise DomainError(_("A service covers municipalities or local areas."), code="areas")
    cleaned.update(
        organisation=organisation.pk,
        areas=sorted(area.pk for area in areas),
        service_group=service_group,
        client_groups=client_groups,
        languages=languages,
    )
    return cleaned


def _audit_values(service: Service) -> dict[str, Any]:
    return {field: field_value(service, field) for field in SYNCED_FIELDS} | {"is_active": service.is_active}


@transaction.atomic
def service_create(
    *,
    actor,
    texts: dict[str, str],
    organisation: Organisation | None,
    areas,
    service_group: str,
    client_groups: list[str],
    languages: list[str],
) -> Service:
    if not can_edit_services(actor):
        raise PermissionDenied
    cleaned = _clean_fields(
        texts=texts,
        organisation=organisation,
        areas=areas,
        service_group=service_group,
        client_groups=client_groups,
        languages=languages,
    )
    service = Service(created_by=actor if actor.is_authenticated else None)
    for field in SYNCED_FIELDS:
        if field != "areas":
            field_set(service, field, cleaned[field])
    service.save()
    service.areas.set(cleaned["areas"])
    audit_record(actor=actor, action="service.create", obj=service, after=_audit_values(service))
    return service


@transaction.atomic
def service_update(
    *,
    actor,
    service: Service,
    texts: dict[str, str],
    organisation: Organisation | None,
    areas,
    service_group: str,
    client_groups: list[str],
    languages: list[str],
    is_active: bool = True,
) -> Service:
    """A coordinator's edit. For an imported service the catalogue's values stay in `ptv_values`, so the
    next import sees which fields were edited here and keeps them."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if not can_edit_service(actor, service):
        raise PermissionDenied
    cleaned = _clean_fields(
        texts=texts,
        organisation=organisation,
        areas=areas,
        service_group=service_group,
        client_groups=client_groups,
        languages=languages,
    )
    before = _audit_values(service)
    for field in SYNCED_FIELDS:
        if field != "areas":
            field_set(service, field, cleaned[field])
    service.is_active = bool(is_active)
    service.save()
    service.areas.set(cleaned["areas"])
    after = _audit_values(service)
    if before != after:
        changed = {key for key in after if before.get(key) != after[key]}
        audit_record(
            actor=actor,
            action="service.update",
            obj=service,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
    return service


@transaction.atomic
def service_conflict_resolve(*, actor, service: Service, field: str, keep: str) -> Service:
    """Chooses between the local edit (`keep="local"`) and the catalogue's version (`keep="ptv"`) of one
    field that changed on both sides. Choosing the catalogue makes the field follow later imports again;
    keeping the local edit keeps it local."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if not can_edit_service(actor, service):
        raise PermissionDenied
    if keep not in {"local", "ptv"}:
        raise DomainError(_("Choose which version to keep."), code="keep")
    conflict = (service.conflicts or {}).get(field)
    if conflict is None:
        raise ConflictError(_("This difference has already been resolved."), code="resolved")
    before = field_value(service, field)
    if keep == "ptv":
        value = conflict["ptv"]
        if field == "organisation" and not Organisation.objects.filter(pk=value).exists():
            raise ConflictError(_("The catalogue's organisation no longer exists here."), code="organisation")
        if field == "areas":
            value = list(Area.objects.filter(pk__in=value).values_list("pk", flat=True))
        field_set(service, field, value)
    conflicts = dict(service.conflicts)
    del conflicts[field]
    service.conflicts = conflicts
    service.save()
    audit_record(
        actor=actor,
        action="service.conflict_resolve",
        obj=service,
        before={field: before},
        after={field: field_value(service, field), "kept": keep},
    )
    return service


CHANNEL_LIMITS = {
    "name": 300,
    "address": 300,
    "postal_code": 10,
    "post_office": 100,
    "opening_hours": 2000,
    "phone": 40,
    "url": 200,
}


@transaction.atomic
def channel_add(*, actor, service: Service, kind: str, **values: str) -> ServiceChannel:
    if not can_edit_service(actor, service):
        raise PermissionDenied
    if kind not in ServiceChannel.Kind.values:
        raise DomainError(_("Choose how the service is reached."), code="kind")
    cleaned = {key: clean_input(values.get(key, ""), limit=limit) for key, limit in CHANNEL_LIMITS.items()}
    required = {
        ServiceChannel.Kind.PLACE: ("address", _("A place needs a street address.")),
        ServiceChannel.Kind.PHONE: ("phone", _("A phone channel needs a phone number.")),
        ServiceChannel.Kind.E_SERVICE: ("url", _("An e-service needs a web address.")),
    }
    key, message = required[ServiceChannel.Kind(kind)]
    if not cleaned[key]:
        raise DomainError(message, code=key)
    if cleaned["url"] and not cleaned["url"].startswith(("https://", "http://")):
        raise DomainError(_("A web address starts with https://."), code="url")
    channel = ServiceChannel.objects.create(
        service=service, kind=kind, created_by=actor if actor.is_authenticated else None, **cleaned
    )
    audit_record(
        actor=actor, action="service.channel_add", obj=service, after={"channel": channel.pk, "kind": kind}
    )
    return channel


@transaction.atomic
def channel_remove(*, actor, channel: ServiceChannel) -> None:
    if not can_edit_service(actor, channel.service):
        raise PermissionDenied
    audit_record(
        actor=actor,
        action="service.channel_remove",
        obj=channel.service,
        before={"channel": channel.pk, "kind": channel.kind, "name": str(channel)},
    )
    channel.delete()
