from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import finnish, panels
from .models import Heartbeat, Notification
from .pages import personal_data_check_response
from .panels import render_panels
from .services import notifications_mark_read

log = logging.getLogger(__name__)


def home(request):
    if not request.user.is_authenticated:
        return render(
            request, "core/home_public.html", {"panels": render_panels(request, panels.HOME_PUBLIC)}
        )
    unread = request.user.notifications.filter(read_at__isnull=True)[:10]
    context = {"panels": render_panels(request, panels.HOME), "notifications": unread}
    return render(request, "core/home.html", context)


# Rows of about a hundred characters each: ?kb=30 gives a page of the size of a typical list page.
CEILING_ROW_BYTES = 100


def bench_ceiling(request):
    """The load test's ceiling: the same middleware and base template as every page and a body of the
    asked size (?kb=, 1–1000, default 30), without a database query. Routed only when BENCH_CEILING is on."""
    try:
        kb = min(max(int(request.GET.get("kb", "30")), 1), 1000)
    except ValueError:
        kb = 30
    return render(request, "core/bench_ceiling.html", {"rows": range(kb * 1024 // CEILING_ROW_BYTES)})


def accessibility(request):
    return render(request, "core/accessibility.html")


def _check_broker() -> tuple[bool, str]:
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True, "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        log.warning("health: broker check failed: %s", exc)
        return False, "unavailable"


@never_cache
@require_GET
def health(request):
    checks: dict[str, str] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001
        log.warning("health: database check failed: %s", exc)
        checks["database"] = "unavailable"
        healthy = False
    try:
        cache.set("health-probe", "1", 10)
        checks["cache"] = "ok" if cache.get("health-probe") == "1" else "unavailable"
    except Exception as exc:  # noqa: BLE001
        log.warning("health: cache check failed: %s", exc)
        checks["cache"] = "unavailable"
    healthy = healthy and checks["cache"] == "ok"
    broker_ok, checks["broker"] = _check_broker()
    healthy = healthy and broker_ok
    # Informational: the site works without Voikko, with name detection and base-form search off.
    checks["finnish"] = "ok" if finnish.available() else "unavailable"
    body: dict = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if checks["database"] == "ok":
        beat = Heartbeat.objects.filter(name="scheduler").first()
        body["scheduler_last_seen"] = beat.last_seen.isoformat() if beat else None
    body["time"] = timezone.now().isoformat()
    return JsonResponse(body, status=200 if healthy else 503)


def _error(request, status: int, title: str, message: str):
    # API clients get JSON whatever layer refused the request (e.g. Django's limit on the number of
    # fields, raised before DRF's own handler can answer).
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(message), "code": f"http_{status}"}, status=status)
    response = render(
        request, "core/error.html", {"status": status, "title": title, "message": message}, status=status
    )
    return response


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("The request could not be handled"),
        _("The address or the data sent was not in a form we can handle. Check the address and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("You do not have access to this page"),
        _(
            "Your account does not have the rights to see this page. If you think you should, ask the group's coordinator or an administrator."
        ),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page not found"),
        _(
            "We could not find the page you were looking for. It may have been moved or removed, or you may not have access to it."
        ),
    )


def server_error(request):
    # A minimal context: the database may be the cause of the error.
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("An error occurred on our side and it has been logged. Please try again in a moment."),
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("The form had expired"),
        _(
            "For your security the form could not be sent, because the page was open too long or cookies are blocked. Go back, reload the page and send the form again; what you typed is still on the previous page."
        ),
    )


@login_required
def notifications(request):
    qs = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    notifications_mark_read(actor=request.user)
    return redirect("notifications")


@login_required
@require_POST
def personal_data_check(request):
    """The personal-data check of a text being typed (htmx, as the writer pauses): the text with what
    looks like personal data marked, or nothing. The service checks again on save; this only warns.
    Reads the first field among text, body, reasons, answer that was sent."""
    return personal_data_check_response(request)
