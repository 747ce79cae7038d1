"""The family's own pages, opened with their personal code: the plan, the shared records, the LP
feedback survey. The code is typed into a form (never in a URL); the session then remembers the
process for a short while."""

from __future__ import annotations

import time

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt
from observations import spam

from ..forms.feedback import FamilyCodeForm, FeedbackForm
from ..models import NetworkMeeting, NetworkProcess
from ..services.access import process_access_log
from ..services.feedback import feedback_submit
from ..services.processes import process_for_family_code

SESSION_KEY = "networkmeetings_family"
SESSION_SECONDS = 30 * 60
SCOPE = "nm_family_code"


def _family_process(request) -> NetworkProcess | None:
    data = request.session.get(SESSION_KEY)
    if not data or data.get("until", 0) < time.time():
        request.session.pop(SESSION_KEY, None)
        return None
    return (
        NetworkProcess.objects.filter(
            pk=data["pk"], status=NetworkProcess.Status.OPEN, family_code_hash=data["hash"]
        )
        .select_related("responsible_worker", "responsible_pair", "family_centre")
        .first()
    )


@never_cache
@require_http_methods(["GET", "POST"])
def family_enter(request):
    form = FamilyCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        limit, window = spam.limits("PUBLIC_LOOKUP_RATE_LIMIT")
        if spam.rate_exceeded(request, SCOPE, limit):
            form.add_error(
                None, _("Too many codes were tried from your network. Wait ten minutes and try again.")
            )
            response = render(request, "networkmeetings/family_enter.html", {"form": form}, status=429)
            response["Retry-After"] = str(window)
            return response
        status = 400
        if form.is_valid():
            process = process_for_family_code(form.cleaned_data["code"])
            if process is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "pk": process.pk,
                    "hash": process.family_code_hash,
                    "until": time.time() + SESSION_SECONDS,
                }
                return redirect("networkmeetings:family_plan")
            status = 404
            form.add_error(
                "code", _("The code is not valid. Check it, or ask your responsible worker for a new one.")
            )
        spam.rate_count(request, SCOPE, window)
    return render(request, "networkmeetings/family_enter.html", {"form": form}, status=status)


@never_cache
def family_plan(request):
    process = _family_process(request)
    if process is None:
        return redirect("networkmeetings:family_enter")
    process_access_log(
        user=None, process=process, kind="read", purpose="the family's own plan, with their code"
    )
    meetings = list(
        process.meetings.filter(status=NetworkMeeting.Status.HELD).prefetch_related(
            "steps__owner", "steps__pair"
        )
    )
    has_lp = any(m.is_lp for m in meetings)
    return render(
        request,
        "networkmeetings/family_plan.html",
        {"process": process, "meetings": meetings, "has_lp": has_lp},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def family_feedback(request):
    process = _family_process(request)
    if process is None:
        return redirect("networkmeetings:family_enter")
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            free_text = data.pop("free_text", "")
            outcome = attempt(
                request,
                lambda: feedback_submit(process=process, answers=data, free_text=free_text),
                form=form,
            )
            if outcome.ok:
                return render(request, "networkmeetings/family_thanks.html", {})
            status = outcome.status
    return render(request, "networkmeetings/family_feedback.html", {"form": form}, status=status)


@require_POST
def family_leave(request):
    request.session.pop(SESSION_KEY, None)
    return redirect("networkmeetings:family_enter")
