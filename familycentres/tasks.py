"""Scheduled and on-demand jobs of the network."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task
def service_catalogue_import_task(user_id: int | None = None) -> int:
    """One import of the national service catalogue; returns the run's id. Safe to re-run: an import
    brings the catalogue's current state, it never adds a service twice."""
    from .services.ptv import service_catalogue_import

    actor = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return service_catalogue_import(actor=actor).pk


@shared_task
def remind_quiet_local_teams() -> int:
    """Daily: the coordinators of a local team that has not met for two months are reminded, once per gap
    (the notifications' keys make a re-run send nothing twice)."""
    from .services.rhythm import quiet_teams_remind

    return quiet_teams_remind()
