"""The process pages: my processes, convening, the process page, preparation with the family and the
invitees, the genogram and timeline, closing, the family's code and the access-log report."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, render_page

from ..diagrams import genogram_layout, timeline_layout
from ..forms.processes import (
    AnswerForm,
    CloseForm,
    ConveneForm,
    GenogramPersonForm,
    GenogramRelationForm,
    InviteForm,
    PreparationForm,
    TimelineEventForm,
)
from ..models import GenogramPerson, GenogramRelation, NetworkProcess, TimelineEvent
from ..permissions import (
    can_close_process,
    can_convene,
    can_edit_process,
    can_issue_family_code,
    can_view_access_log,
    can_view_full_process,
)
from ..selectors.processes import access_log_entries, my_invitations, my_processes
from ..services import preparation as prep
from ..services import processes as services
from ..services.access import process_access_log, processes_access_log
from .common import client_data_view, get_process, log_read, page_of, require


@client_data_view
def process_list(request):
    status = request.GET.get("status", "open")
    if status not in NetworkProcess.Status.values:
        status = "open"
    page = page_of(request, my_processes(user=request.user, status=status))
    processes_access_log(
        user=request.user, processes=page.object_list, kind="list", purpose="my network processes"
    )
    invitations = list(my_invitations(user=request.user)[:20])
    processes_access_log(
        user=request.user, processes=[i.process for i in invitations], kind="list", purpose="my invitations"
    )
    return render_page(
        request,
        "networkmeetings/list.html",
        {
            "page": page,
            "status": status,
            "invitations": invitations,
            "can_convene": can_convene(request.user),
        },
        partial="results",
    )


@client_data_view
@require_http_methods(["GET", "POST"])
def process_convene(request):
    require(can_convene(request.user))
    form = ConveneForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            request,
            lambda: services.process_convene(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("The network process was opened."),
        )
        if outcome.ok:
            return redirect("networkmeetings:preparation", pk=outcome.result.pk)
        status = outcome.status
    elif request.method == "POST":
        status = 400
    return render_page(request, "networkmeetings/convene.html", {"form": form}, status=status)


@client_data_view
def process_detail(request, pk):
    process = get_process(request, pk)
    log_read(request, process, "process page")
    full = can_view_full_process(request.user, process)
    mine = next((p for p in process.current_participants if p.user_id == request.user.pk), None)
    return render_page(
        request,
        "networkmeetings/detail.html",
        {
            "process": process,
            "full": full,
            "can_edit": can_edit_process(request.user, process),
            "can_close": can_close_process(request.user, process),
            "can_issue_code": can_issue_family_code(request.user, process),
            "can_view_log": can_view_access_log(request.user, process),
            "my_participation": mine,
            "meetings": list(process.meetings.all()),
        },
    )


@client_data_view
@require_http_methods(["GET", "POST"])
def preparation(request, pk):
    process = get_process(request, pk)
    require(can_view_full_process(request.user, process))
    can_edit = can_edit_process(request.user, process)
    status = 200
    initial = {f: getattr(process, f) for f in prep.PREPARATION_FIELDS}
    form = PreparationForm(request.POST or None, initial=initial)
    invite_form = InviteForm(user=request.user)
    if request.method == "POST":
        require(can_edit)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: prep.preparation_update(actor=request.user, process=process, **form.cleaned_data),
                form=form,
                success=_("The preparation was saved."),
            )
            if outcome.ok:
                return redirect("networkmeetings:preparation", pk=process.pk)
            status = outcome.status
        else:
            status = 400
    log_read(request, process, "preparation")
    return render_page(
        request,
        "networkmeetings/preparation.html",
        {"process": process, "form": form, "invite_form": invite_form, "can_edit": can_edit},
        status=status,
    )


@client_data_view
@require_POST
def participant_invite(request, pk):
    process = get_process(request, pk)
    require(can_edit_process(request.user, process))
    invite_form = InviteForm(request.POST, user=request.user)
    if invite_form.is_valid():
        data = invite_form.cleaned_data
        outcome = attempt(
            request,
            lambda: prep.participant_invite(
                actor=request.user,
                process=process,
                kind=data["kind"],
                description=data["description"],
                user=data["user"],
            ),
            form=invite_form,
            success=_("The invitee was added."),
        )
        if outcome.ok:
            return redirect(reverse("networkmeetings:preparation", args=[process.pk]) + "#invitees")
        status = outcome.status
    else:
        status = 400
    log_read(request, process, "preparation")
    initial = {f: getattr(process, f) for f in prep.PREPARATION_FIELDS}
    return render_page(
        request,
        "networkmeetings/preparation.html",
        {
            "process": process,
            "form": PreparationForm(initial=initial),
            "invite_form": invite_form,
            "can_edit": True,
        },
        status=status,
    )


@client_data_view
@require_POST
def participant_remove(request, pk, participant_pk):
    process = get_process(request, pk)
    require(can_edit_process(request.user, process))
    participant = next((p for p in process.current_participants if p.pk == participant_pk), None)
    if participant is None:
        raise Http404
    attempt(
        request,
        lambda: prep.participant_remove(actor=request.user, participant=participant),
        success=_("The invitee was removed."),
    )
    return redirect(reverse("networkmeetings:preparation", args=[process.pk]) + "#invitees")


@client_data_view
@require_http_methods(["GET", "POST"])
def participant_answer(request, pk):
    process = get_process(request, pk)
    participant = next((p for p in process.current_participants if p.user_id == request.user.pk), None)
    if participant is None:
        raise Http404
    form = AnswerForm(
        request.POST or None, initial={"answer": participant.answer, "message": participant.message}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: prep.participant_answer(
                    actor=request.user, participant=participant, **form.cleaned_data
                ),
                form=form,
                success=_("Your answer was sent."),
            )
            if outcome.ok:
                return redirect("networkmeetings:detail", pk=process.pk)
            status = outcome.status
        else:
            status = 400
    log_read(request, process, "invitation")
    return render_page(
        request, "networkmeetings/answer.html", {"process": process, "form": form}, status=status
    )


def _tools_context(request, process, **forms):
    people = list(process.genogram_people.all())
    relations = list(process.genogram_relations.all())
    events = list(process.timeline_events.all())
    names = {p.pk: p.name for p in people}
    return {
        "process": process,
        "can_edit": can_edit_process(request.user, process),
        "people": people,
        "relations": [
            {"obj": r, "source": names.get(r.source_id), "target": names.get(r.target_id)} for r in relations
        ],
        "events": events,
        "genogram": genogram_layout(people, relations),
        "timeline": timeline_layout(events),
        "person_form": forms.get("person_form") or GenogramPersonForm(),
        "relation_form": forms.get("relation_form") or GenogramRelationForm(people=people),
        "event_form": forms.get("event_form") or TimelineEventForm(),
    }


@client_data_view
@require_http_methods(["GET", "POST"])
def tools(request, pk):
    """The genogram and the timeline: entered as lists, drawn as SVG, readable as lists."""
    process = get_process(request, pk)
    require(can_view_full_process(request.user, process))
    status = 200
    forms = {}
    if request.method == "POST":
        require(can_edit_process(request.user, process))
        action = request.POST.get("action")
        if action == "person":
            form = forms["person_form"] = GenogramPersonForm(request.POST)
            call = lambda: prep.genogram_person_add(actor=request.user, process=process, **form.cleaned_data)  # noqa: E731
        elif action == "relation":
            form = forms["relation_form"] = GenogramRelationForm(
                request.POST, people=process.genogram_people.all()
            )
            call = lambda: prep.genogram_relation_add(  # noqa: E731
                actor=request.user,
                process=process,
                source_id=form.cleaned_data["source"],
                target_id=form.cleaned_data["target"],
                kind=form.cleaned_data["kind"],
            )
        elif action == "event":
            form = forms["event_form"] = TimelineEventForm(request.POST)
            call = lambda: prep.timeline_event_add(actor=request.user, process=process, **form.cleaned_data)  # noqa: E731
        elif action == "delete":
            model = {"person": GenogramPerson, "relation": GenogramRelation, "event": TimelineEvent}.get(
                request.POST.get("kind")
            )
            raw_id = request.POST.get("id", "")
            entry = (
                model.objects.filter(process=process, pk=int(raw_id)).first()
                if model and raw_id.isdigit()
                else None
            )
            if entry is None:
                raise Http404
            attempt(
                request,
                lambda: prep.tool_entry_delete(actor=request.user, process=process, entry=entry),
                success=_("Removed."),
            )
            return redirect("networkmeetings:tools", pk=process.pk)
        else:
            raise Http404
        if form.is_valid():
            outcome = attempt(request, call, form=form, success=_("Saved."))
            if outcome.ok:
                return redirect("networkmeetings:tools", pk=process.pk)
            status = outcome.status
        else:
            status = 400
        process = get_process(request, pk)
    log_read(request, process, "genogram and timeline")
    return render_page(
        request, "networkmeetings/tools.html", _tools_context(request, process, **forms), status=status
    )


@client_data_view
@require_http_methods(["GET", "POST"])
def process_close(request, pk):
    process = get_process(request, pk)
    require(can_close_process(request.user, process))
    form = CloseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.process_close(actor=request.user, process=process, **form.cleaned_data),
                form=form,
                success=_("The process was closed."),
            )
            if outcome.ok:
                return redirect("networkmeetings:detail", pk=process.pk)
            status = outcome.status
        else:
            status = 400
    log_read(request, process, "closing")
    return render_page(
        request, "networkmeetings/close.html", {"process": process, "form": form}, status=status
    )


@client_data_view
@require_POST
def family_code(request, pk):
    """Shows a new code once, on the response to the POST (the code is never in a URL)."""
    process = get_process(request, pk)
    require(can_issue_family_code(request.user, process))
    outcome = attempt(request, lambda: services.family_code_issue(actor=request.user, process=process))
    if not outcome.ok:
        return redirect("networkmeetings:detail", pk=process.pk)
    log_read(request, process, "family code issued")
    process.refresh_from_db()
    return render_page(
        request, "networkmeetings/family_code.html", {"process": process, "code": outcome.result}
    )


@client_data_view
def access_log(request, pk):
    process = get_process(request, pk)
    require(can_view_access_log(request.user, process))
    # Reading the report is itself a read of the client's data.
    log_read(request, process, "access-log report")
    page = page_of(request, access_log_entries(process=process))
    return render_page(
        request, "networkmeetings/access_log.html", {"process": process, "page": page}, partial="results"
    )


@never_cache
@require_http_methods(["GET", "POST"])
def guest_invitation(request, token):
    """An invitee without an account: through their expiring link, only the shared part of this process
    (what the family agreed to share, the coming meetings' times) and the answer form. Every opening is
    logged as a disclosure to the invitee."""
    participant = prep.participant_for_guest_token(token)
    if participant is None:
        raise Http404
    process = participant.process
    form = AnswerForm(
        request.POST or None, initial={"answer": participant.answer, "message": participant.message}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: prep.participant_answer_as_guest(participant=participant, **form.cleaned_data),
                form=form,
                success=_("Your answer was sent."),
            )
            if outcome.ok:
                return redirect("networkmeetings:guest", token=token)
            status = outcome.status
    process_access_log(
        user=None,
        process=process,
        kind="disclosure",
        purpose="shared part, invitation link",
        recipient=participant.description,
    )
    from django.utils import timezone as tz

    meetings = list(process.meetings.filter(starts_at__gte=tz.now()).order_by("starts_at")[:5])
    response = render_page(
        request,
        "networkmeetings/guest.html",
        {"process": process, "participant": participant, "meetings": meetings, "form": form},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
