"""Saved dashboards: a named selection kept for a family centre or a group."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import DomainError
from core.text import clean_input
from familycentres.models import FamilyCentre

from ..models import SavedDashboard
from ..permissions import can_delete_dashboard, can_save_dashboard

SELECTION_KEYS = ("indicator", "area", "year_from", "year_to", "gender")


def clean_selection(query: str) -> str:
    """Only the dashboard's own parameters are kept (no format, no page), in a stable order."""
    pairs = [(k, v[:20]) for k, v in parse_qsl(query or "", keep_blank_values=False) if k in SELECTION_KEYS]
    pairs.sort(key=lambda kv: SELECTION_KEYS.index(kv[0]))
    return urlencode(pairs[:30])


@transaction.atomic
def dashboard_save(*, actor, name: str, owner, query: str) -> SavedDashboard:
    if not can_save_dashboard(actor, owner):
        raise PermissionDenied
    name = clean_input(name, limit=200)
    if not name:
        raise DomainError(_("Give the dashboard a name."), code="name")
    selection = clean_selection(query)
    if "indicator=" not in selection:
        raise DomainError(_("Choose at least one indicator before saving."), code="query")
    owner_field = "family_centre" if isinstance(owner, FamilyCentre) else "group"
    dashboard = SavedDashboard.objects.create(
        name=name, query=selection, created_by=actor, **{owner_field: owner}
    )
    audit_record(
        actor=actor,
        action="indicators.dashboard_save",
        obj=dashboard,
        after={"name": name, "query": selection},
    )
    return dashboard


@transaction.atomic
def dashboard_delete(*, actor, dashboard: SavedDashboard) -> None:
    dashboard = SavedDashboard.objects.select_for_update().get(pk=dashboard.pk)
    if not can_delete_dashboard(actor, dashboard):
        raise PermissionDenied
    audit_record(
        actor=actor, action="indicators.dashboard_delete", obj=dashboard, before={"name": dashboard.name}
    )
    dashboard.delete()
