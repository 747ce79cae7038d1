"""Meeting pages: planning a meeting, the meeting page with the open shared record and the plan, the
presentation view for a screen in the room, and the plan as a PDF."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, render_page
from core.pdf import pdf_response

from ..forms.meetings import ConcludeForm, MeetingForm, RecordForm, StepForm
from ..models import NetworkMeeting
from ..permissions import can_edit_process, can_plan, can_write_record
from ..selectors.processes import process_people
from ..services import meetings as services
from ..services import plans
from .common import client_data_view, get_meeting, get_process, log_read, require


@client_data_view
@require_http_methods(["GET", "POST"])
def meeting_new(request, pk):
    process = get_process(request, pk)
    require(can_edit_process(request.user, process))
    people = process_people(process)
    form = MeetingForm(request.POST or None, people=people)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.meeting_plan(actor=request.user, process=process, **form.cleaned_data),
                form=form,
                success=_("The meeting was planned."),
            )
            if outcome.ok:
                return redirect("networkmeetings:meeting", pk=outcome.result.pk)
            status = outcome.status
        else:
            status = 400
    log_read(request, process, "meeting planning")
    return render_page(
        request, "networkmeetings/meeting_new.html", {"process": process, "form": form}, status=status
    )


def _meeting_context(request, meeting, **extra):
    people = process_people(meeting.process)
    context = {
        "meeting": meeting,
        "process": meeting.process,
        "can_write": can_write_record(request.user, meeting),
        "can_plan": can_plan(request.user, meeting),
        "record_form": RecordForm(initial={"text": meeting.record, "base_version": meeting.record_version}),
        "step_form": StepForm(people=people),
        "conclude_form": ConcludeForm(
            initial={
                "next_meeting_on": meeting.next_meeting_on,
                "evaluation_family": meeting.evaluation_family,
                "evaluation_workers": meeting.evaluation_workers,
            }
        ),
        "languages": settings.LANGUAGES,
    }
    context.update(extra)
    return context


@client_data_view
def meeting_detail(request, pk):
    meeting = get_meeting(request, pk)
    log_read(request, meeting.process, "meeting record and plan")
    return render_page(request, "networkmeetings/meeting.html", _meeting_context(request, meeting))


@client_data_view
@require_POST
def record_save(request, pk):
    meeting = get_meeting(request, pk)
    require(can_write_record(request.user, meeting))
    form = RecordForm(request.POST)
    conflict = None
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.record_save(actor=request.user, meeting=meeting, **form.cleaned_data),
            form=form,
            success=_("The record was saved."),
        )
        if outcome.ok:
            return redirect(reverse("networkmeetings:meeting", args=[meeting.pk]) + "#record")
        status = outcome.status
        if isinstance(outcome.error, services.RecordConflict):
            # Both versions are shown; the form keeps what this writer typed and now builds on the stored one.
            conflict = {"theirs": outcome.error.current_text}
            data = request.POST.copy()
            data["base_version"] = str(outcome.error.current_version)
            form = RecordForm(data)
            form.is_valid()
            form.add_error("text", outcome.error.message)
    else:
        status = 400
    meeting.refresh_from_db()
    log_read(request, meeting.process, "meeting record and plan")
    return render_page(
        request,
        "networkmeetings/meeting.html",
        _meeting_context(request, meeting, record_form=form, conflict=conflict),
        status=status,
    )


@client_data_view
def presentation(request, pk):
    """The shared record on a screen in the room; htmx refreshes it every few seconds."""
    meeting = get_meeting(request, pk)
    log_read(request, meeting.process, "presentation view of the record")
    return render_page(request, "networkmeetings/presentation.html", {"meeting": meeting}, partial="record")


@client_data_view
@require_POST
def step_add(request, pk):
    meeting = get_meeting(request, pk)
    require(can_plan(request.user, meeting))
    form = StepForm(request.POST, people=process_people(meeting.process))
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: plans.plan_step_add(actor=request.user, meeting=meeting, **form.cleaned_data),
            form=form,
            success=_("The step was added to the plan."),
        )
        if outcome.ok:
            return redirect(reverse("networkmeetings:meeting", args=[meeting.pk]) + "#plan")
        status = outcome.status
    else:
        status = 400
    meeting = get_meeting(request, pk)
    log_read(request, meeting.process, "meeting record and plan")
    return render_page(
        request,
        "networkmeetings/meeting.html",
        _meeting_context(request, meeting, step_form=form),
        status=status,
    )


@client_data_view
@require_POST
def step_done(request, pk, step_pk):
    meeting = get_meeting(request, pk)
    step = next((s for s in meeting.steps.all() if s.pk == step_pk), None)
    if step is None:
        raise Http404
    attempt(
        request,
        lambda: plans.plan_step_done(actor=request.user, step=step),
        success=_("The step was marked done."),
    )
    return redirect(reverse("networkmeetings:meeting", args=[meeting.pk]) + "#plan")


@client_data_view
@require_POST
def meeting_conclude(request, pk):
    meeting = get_meeting(request, pk)
    require(can_plan(request.user, meeting))
    form = ConcludeForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.meeting_conclude(actor=request.user, meeting=meeting, **form.cleaned_data),
            form=form,
            success=_("The meeting was marked held."),
        )
        if outcome.ok:
            return redirect(reverse("networkmeetings:meeting", args=[meeting.pk]) + "#conclude")
        status = outcome.status
    else:
        status = 400
    meeting = get_meeting(request, pk)
    log_read(request, meeting.process, "meeting record and plan")
    return render_page(
        request,
        "networkmeetings/meeting.html",
        _meeting_context(request, meeting, conclude_form=form),
        status=status,
    )


def plan_pdf_context(meeting: NetworkMeeting) -> dict:
    process = meeting.process
    return {
        "meeting": meeting,
        "process": process,
        "steps": list(meeting.steps.all()),
        "responsible": [p for p in (process.responsible_worker, process.responsible_pair) if p],
    }


@client_data_view
def plan_pdf(request, pk):
    """The written plan for the parents, in their language (fi, sv or en)."""
    meeting = get_meeting(request, pk)
    language = request.GET.get("lang") or translation.get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    log_read(request, meeting.process, f"plan PDF ({language})", kind="pdf")
    with translation.override(language):
        response = pdf_response(
            "networkmeetings/plan_pdf.html",
            plan_pdf_context(meeting),
            f"plan-{meeting.pk}-{language}.pdf",
            request=request,
        )
    return response
