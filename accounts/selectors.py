"""Reads about a person's own account (their data export). Dates stay date objects: the page formats
them for its language, the JSON (DjangoJSONEncoder, DRF) writes them in ISO 8601."""

from __future__ import annotations

from django.utils import timezone

from core.models import AuditEvent, Notification

from .personal_data import export_parts

SIGN_IN_ACTION = "account.sign_in"


def account_data(user) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "title": user.title,
        "language": user.language,
        "language_label": str(user.get_language_display()),
        "date_joined": (user.date_joined),
        "last_login": (user.last_login),
        "is_active": user.is_active,
    }


def notifications_data(user) -> list[dict]:
    rows = Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
    return [{"at": (n.created_at), "text": n.text, "url": n.url, "read_at": (n.read_at)} for n in rows]


def sign_in_history(user) -> list[dict]:
    rows = AuditEvent.objects.filter(actor=user, action=SIGN_IN_ACTION).order_by("-at", "-id")
    return [{"at": (e.at), "address": (e.after or {}).get("address", "")} for e in rows]


def personal_data_export(user) -> dict:
    """Everything the platform holds about the person, in one JSON-serialisable dict."""
    data = {
        "account": account_data(user),
        "notifications": notifications_data(user),
        "sign_in_history": sign_in_history(user),
    }
    for name, part in sorted(export_parts().items()):
        data[name] = part(user)
    data["exported_at"] = timezone.now()
    return data
