"""The steering-group pages: one initiative and its history, a group's queue, recording a decision, the
agenda and minutes as PDFs, the meeting invitation as iCal, and the public decision register.

Every write goes through phenomena.services; a broken rule (DomainError / ConflictError) comes back as a
form error with what was typed kept."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import attempt
from core.pdf import pdf_response
from core.pii import redact
from core.search import search_query
from familycentres.ical import meeting_event
from familycentres.models import Attendance, FamilyCentre, Group, Meeting, Membership
from familycentres.permissions import is_member

from .. import services
from ..models import (
    Decision,
    Initiative,
    LocalActionReport,
    OtherBodyDecision,
    Phenomenon,
    Responsibility,
)
from ..permissions import (
    can_decide,
    can_edit_phenomenon,
    can_manage_routes,
    can_put_on_agenda,
    can_record_other_decision,
    can_report_local_action,
)
from ..selectors import initiative_history
from ..steering_forms import AgendaForm, DecisionForm, RegisterSearchForm

PAGE_SIZE = 25
REGISTER_PAGE_SIZE = 30


# Reading ------------------------------------------------------------------------------------------------


def _get_initiative(request, pk: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.visible_to(request.user).select_related(
            "phenomenon",
            "phenomenon__family_centre",
            "phenomenon__area",
            "group",
            "created_by",
            "raised_by_team",
        ),
        pk=pk,
    )


def _history(initiative: Initiative):
    return list(
        initiative.decisions.select_related(
            "group", "meeting", "forwarded_to", "working_group", "follow_up_owner"
        )
        .prefetch_related(
            "responsible_users",
            Prefetch("responsibilities", queryset=Responsibility.objects.select_related("user")),
            Prefetch(
                "local_action_reports",
                queryset=LocalActionReport.objects.select_related("created_by").order_by("created_at", "pk"),
            ),
        )
        .order_by("created_at", "pk")
    )


def _detail_context(request, initiative: Initiative, **extra) -> dict:
    user = request.user
    group = initiative.group
    open_ = initiative.status in (Initiative.Status.SUBMITTED, Initiative.Status.ON_AGENDA)
    can_agenda = bool(
        group and initiative.status == Initiative.Status.SUBMITTED and can_put_on_agenda(user, group)
    )
    agenda_entries = list(
        initiative.agenda_entries.select_related("agenda_item__meeting").order_by(
            "-agenda_item__meeting__starts_at"
        )
    )
    history = _history(initiative)
    for decision in history:
        decision.can_report = can_report_local_action(user, decision) and not any(
            r.done for r in decision.local_action_reports.all()
        )
    other_decision = (
        OtherBodyDecision.objects.filter(initiative=initiative).first() if group is None else None
    )
    context = {
        "initiative": initiative,
        "phenomenon": initiative.phenomenon,
        "observation_count": initiative.phenomenon.links.count(),
        "history": history,
        "steps": initiative_history(initiative),
        "other_decision": other_decision,
        "can_record_other": other_decision is None and open_ and can_record_other_decision(user, initiative),
        "agenda_entries": agenda_entries,
        "can_withdraw": open_
        and (
            user.is_staff
            or initiative.created_by_id == user.pk
            or can_edit_phenomenon(user, initiative.phenomenon)
        ),
        "can_agenda": can_agenda,
        "can_decide": bool(group and open_ and can_decide(user, group)),
        "agenda_form": AgendaForm(group=group) if can_agenda else None,
        "phenomenon_visible": Phenomenon.objects.visible_to(user)
        .filter(pk=initiative.phenomenon_id)
        .exists(),
    }
    context.update(extra)
    return context


@login_required
@require_GET
@never_cache
def initiative_detail(request, pk: int):
    initiative = _get_initiative(request, pk)
    return render(request, "phenomena/initiative_detail.html", _detail_context(request, initiative))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_withdraw(request, pk: int):
    initiative = _get_initiative(request, pk)
    context = _detail_context(request, initiative)
    if not context["can_withdraw"] and initiative.status in (
        Initiative.Status.SUBMITTED,
        Initiative.Status.ON_AGENDA,
    ):
        raise PermissionDenied
    if request.method == "POST":
        attempt(
            request,
            lambda: services.initiative_withdraw(actor=request.user, initiative=initiative),
            success=_("The initiative was withdrawn."),
        )
        return redirect(initiative)
    return render(request, "phenomena/initiative_withdraw.html", context)


@login_required
@require_http_methods(["POST"])
def initiative_agenda(request, pk: int):
    initiative = _get_initiative(request, pk)
    if initiative.group is None or not can_put_on_agenda(request.user, initiative.group):
        raise PermissionDenied
    form = AgendaForm(request.POST, group=initiative.group)
    if form.is_valid():
        meeting = form.cleaned_data["meeting"]
        outcome = attempt(
            request,
            lambda: services.initiative_put_on_agenda(
                actor=request.user, initiative=initiative, meeting=meeting
            ),
            form=form,
            success=_("The initiative was put on the agenda of %(meeting)s.") % {"meeting": meeting},
        )
        if outcome.ok:
            return redirect(initiative)
    context = _detail_context(request, initiative)
    context["agenda_form"] = form
    context["can_agenda"] = True
    return render(request, "phenomena/initiative_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def decide(request, pk: int):
    initiative = _get_initiative(request, pk)
    group = initiative.group
    # SECURITY: only the handling group's chair or secretary; the service checks again under a lock.
    if group is None or not can_decide(request.user, group):
        raise PermissionDenied
    initial = {}
    planned = (
        Meeting.objects.filter(group=group, agenda_items__initiative_entry__initiative=initiative)
        .order_by("-starts_at")
        .first()
    )
    if planned:
        initial["meeting"] = planned.pk
    form = DecisionForm(request.POST or None, group=group, initiative=initiative, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.decision_record(
                    actor=request.user,
                    initiative=initiative,
                    kind=data["kind"],
                    reasons=data["reasons"],
                    meeting=data["meeting"],
                    scope=data["scope"],
                    responsible_progress=data["responsible_progress"],
                    responsible_coordination=data["responsible_coordination"],
                    responsible_facilitation=data["responsible_facilitation"],
                    responsible_users=list(data["responsible_users"]),
                    working_group=data["working_group"],
                    follow_up_owner=data["follow_up_owner"],
                    responsibilities={
                        Responsibility.Role.PROGRESS: data["progress_user"],
                        Responsibility.Role.COORDINATION: data["coordination_user"],
                        Responsibility.Role.FACILITATION: data["facilitation_user"],
                        Responsibility.Role.WORK_PAIR: data["work_pair_user"],
                    },
                    work_pair_organisation=data["work_pair_organisation"],
                    forward_to=data["forward_to"],
                    new_working_group=data["new_working_group"],
                ),
                form=form,
            )
            if outcome.ok:
                decision = outcome.result
                messages.success(
                    request,
                    _("Decision %(number)s was recorded: %(kind)s.")
                    % {"number": decision.label, "kind": decision.get_kind_display()},
                )
                return redirect(initiative)
        status = 400
    context = {
        "initiative": initiative,
        "phenomenon": initiative.phenomenon,
        "group": group,
        "form": form,
        "can_forward": bool(form.forward_targets),
        "is_implementation": initiative.proposal == Initiative.Proposal.IMPLEMENTATION,
        "history": _history(initiative),
    }
    return render(request, "phenomena/decide.html", context, status=status)


@login_required
@require_GET
@never_cache
def group_queue(request, group_pk: int):
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=group_pk)
    if not (request.user.is_staff or is_member(request.user, group)):
        raise PermissionDenied
    qs = (
        Initiative.objects.filter(
            group=group, status__in=[Initiative.Status.SUBMITTED, Initiative.Status.ON_AGENDA]
        )
        .select_related("phenomenon", "phenomenon__family_centre", "raised_by_team")
        .annotate(history_count=Count("decisions", distinct=True))
        .order_by("status", "created_at", "pk")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "group": group,
        "page": page,
        "can_decide": can_decide(request.user, group),
        "can_manage_routes": can_manage_routes(request.user, group),
        "recent": group.decisions.select_related("initiative__phenomenon").order_by("-created_at", "-pk")[
            :10
        ],
    }
    return render(request, "phenomena/group_queue.html", context)


# Meeting documents ---------------------------------------------------------------------------------------


def _get_meeting(request, meeting_pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(request.user).select_related("group"), pk=meeting_pk)


def _meeting_document_context(meeting: Meeting, *, minutes: bool) -> dict:
    decisions = {
        d.initiative_id: d
        for d in Decision.objects.filter(meeting=meeting).select_related(
            "forwarded_to", "working_group", "follow_up_owner"
        )
    }
    items = list(
        meeting.agenda_items.select_related("initiative_entry__initiative__phenomenon").order_by("order")
    )
    for item in items:
        entry = getattr(item, "initiative_entry", None)
        item.initiative = entry.initiative if entry else None
        item.decision = decisions.get(item.initiative.pk) if item.initiative else None
    attendances = list(meeting.attendances.select_related("user").order_by("user__full_name"))
    roles = {
        m.role: m.user
        for m in Membership.objects.current()
        .filter(group=meeting.group, role__in=[Membership.Role.CHAIR, Membership.Role.SECRETARY])
        .select_related("user")
    }
    return {
        "meeting": meeting,
        "group": meeting.group,
        "items": items,
        "present": [a for a in attendances if a.status == Attendance.Status.PRESENT],
        "absent": [
            a for a in attendances if a.status in (Attendance.Status.ABSENT, Attendance.Status.EXCUSED)
        ],
        "invited": attendances,
        "chair": roles.get(Membership.Role.CHAIR),
        "secretary": roles.get(Membership.Role.SECRETARY),
        "minutes": minutes,
        "printed": timezone.localtime(),
    }


@login_required
@require_GET
def agenda_pdf(request, meeting_pk: int):
    meeting = _get_meeting(request, meeting_pk)
    context = _meeting_document_context(meeting, minutes=False)
    name = f"esityslista-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"
    response = pdf_response("phenomena/agenda_pdf.html", context, name, request=request)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def minutes_pdf(request, meeting_pk: int):
    meeting = _get_meeting(request, meeting_pk)
    if meeting.status != Meeting.Status.HELD:
        raise Http404
    context = _meeting_document_context(meeting, minutes=True)
    name = f"poytakirja-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"
    response = pdf_response("phenomena/minutes_pdf.html", context, name, request=request)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def meeting_ics(request, meeting_pk: int):
    from icalendar import Calendar

    meeting = _get_meeting(request, meeting_pk)
    cal = Calendar()
    cal.add("prodid", "-//Ilmiö//Family-centre network//FI")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = meeting_event(meeting)
    description = "\n".join(f"{item.order} § {item.title}" for item in meeting.agenda_items.order_by("order"))
    if description:
        event.add("description", description)
    cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# Public register -----------------------------------------------------------------------------------------


@require_GET
def register(request, centre: str | None = None):
    """Recorded decisions are public; this page shows no personal data (no names of responsible people)."""
    family_centre = get_object_or_404(FamilyCentre, slug=centre) if centre else None
    qs = (
        Decision.objects.exclude(kind=Decision.Kind.FORWARD)
        .select_related("group", "initiative__phenomenon", "working_group")
        .annotate(responsible_named=Count("responsible_users", distinct=True))
        .order_by("-year", "-created_at", "-pk")
    )
    if family_centre is not None:
        qs = qs.filter(
            Q(initiative__phenomenon__family_centre=family_centre) | Q(group__family_centre=family_centre)
        )
    form = RegisterSearchForm(request.GET or None)
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            match = re.fullmatch(r"(\d{1,6})/(\d{4})", query)
            if match:
                qs = qs.filter(number=int(match[1]), year=int(match[2]))
            else:
                qs = qs.filter(
                    Q(initiative__phenomenon__title__icontains=query)
                    | Q(reasons__icontains=query)
                    | Q(search=search_query(query))
                    | Q(group__name__icontains=query)
                )
    page = Paginator(qs, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    for decision in page.object_list:
        decision.responsible_roles = _responsible_texts(decision)
        decision.named_count = decision.responsible_named + sum(
            1
            for text in (
                decision.responsible_progress,
                decision.responsible_coordination,
                decision.responsible_facilitation,
            )
            if text
        )
    context = {
        "family_centre": family_centre,
        "centres": FamilyCentre.objects.order_by("name_fi"),
        "form": form,
        "query": query,
        "page": page,
    }
    if getattr(request, "htmx", False):
        return render(request, "phenomena/register.html#results", context)
    return render(request, "phenomena/register.html", context)


def _responsible_texts(decision: Decision) -> list[tuple[str, str]]:
    """Who is responsible, as the decision names it: roles and groups (for example "the county's family-centre
    coordinator"). The texts are free: what looks like personal data is masked, since the register is public."""
    rows = [
        (_("Responsible for progress"), decision.responsible_progress),
        (_("Responsible for coordination"), decision.responsible_coordination),
        (_("Responsible for facilitation"), decision.responsible_facilitation),
    ]
    return [(label, redact(text)) for label, text in rows if text]


@require_GET
def register_decision(request, pk: int):
    """One decision of the public register: what was decided, why, and the roles responsible (never names:
    named people appear as their role in the deciding group)."""
    decision = get_object_or_404(
        Decision.objects.exclude(kind=Decision.Kind.FORWARD).select_related(
            "group", "initiative__phenomenon__family_centre", "working_group"
        ),
        pk=pk,
    )
    named = set(decision.responsible_users.values_list("pk", flat=True))
    if decision.follow_up_owner_id:
        named.add(decision.follow_up_owner_id)
    role_values = (
        Membership.objects.filter(group=decision.group, user_id__in=named)
        .values_list("role", flat=True)
        .distinct()
    )
    labels = dict(Membership.Role.choices)
    context = {
        "d": decision,
        "responsible": _responsible_texts(decision),
        "roles": sorted({str(labels.get(r, r)) for r in role_values}),
        "centre": decision.initiative.phenomenon.family_centre,
    }
    return render(request, "phenomena/register_decision.html", context)
