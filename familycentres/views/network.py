from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import attempt
from core.pages import page_of as core_page_of

from .. import selectors, services
from ..agenda_links import link_choices
from ..forms import AgendaItemForm, MeetingForm, MinutesForm
from ..ical import group_calendar
from ..models import AgendaItem, Area, Attendance, FamilyCentre, Group, Meeting
from ..permissions import can_manage_meetings, can_see_calendar_feed, can_view_representation
from ..selectors.rhythm import team_rhythm

PAGE_SIZE = 25


def _page(request, qs, size: int = PAGE_SIZE):
    return core_page_of(request, qs, size)


@login_required
def centre_list(request):
    return render(request, "familycentres/centre_list.html", {"centres": selectors.centre_list()})


@login_required
def centre_detail(request, slug: str):
    try:
        centre = selectors.centre_detail(slug=slug)
    except FamilyCentre.DoesNotExist as exc:
        raise Http404 from exc
    groups = (
        [g for g in centre.groups.all() if Group.objects.visible_to(request.user).filter(pk=g.pk).exists()]
        if not request.user.is_staff
        else list(centre.groups.all())
    )
    return render(request, "familycentres/centre_detail.html", {"centre": centre, "groups": groups})


@login_required
def area_list(request):
    counties = Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY).prefetch_related(
        "children__children__children"
    )
    return render(request, "familycentres/area_list.html", {"counties": counties})


@login_required
def group_list(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    kind = kind if kind in Group.Kind.values else ""
    ordering = request.GET.get("sort", "name")
    groups = selectors.group_list(user=request.user, query=query, kind=kind, ordering=ordering)
    page = _page(request, groups)
    context = {
        "page": page,
        "query": query,
        "kind": kind,
        "sort": ordering,
        "kinds": Group.Kind.choices,
        "can_view_representation": can_view_representation(request.user),
    }
    if request.htmx:
        return render(request, "familycentres/group_list.html#results", context)
    return render(request, "familycentres/group_list.html", context)


@login_required
def group_detail(request, pk: int):
    try:
        group = selectors.group_detail(user=request.user, pk=pk)
    except Group.DoesNotExist as exc:
        raise Http404 from exc
    upcoming, past = selectors.group_meetings(group=group)
    context = {
        "group": group,
        "upcoming": upcoming[:20],
        "past_page": _page(request, past, 10),
        "can_manage": can_manage_meetings(request.user, group),
        "show_feed": can_see_calendar_feed(request.user, group),
        "rhythm": team_rhythm(group) if group.kind == Group.Kind.LOCAL_TEAM else None,
    }
    if context["show_feed"]:
        from django.urls import reverse

        path = reverse("group-ical", args=[group.pk, group.ical_token])
        context["feed_url"] = request.build_absolute_uri(path)
        context["webcal_url"] = "webcal://" + context["feed_url"].split("://", 1)[1]
    return render(request, "familycentres/group_detail.html", context)


@login_required
@require_POST
def group_calendar_rotate(request, pk: int):
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    services.group_calendar_token_rotate(actor=request.user, group=group)
    messages.success(request, _("A new calendar link was made. The old link no longer works."))
    return redirect(group)


@require_GET
def group_ical(request, pk: int, token: str):
    # SECURITY: calendar apps cannot sign in, so the feed is addressed by the group's secret token;
    # a wrong token is a 404, never a hint that the group exists.
    group = Group.objects.filter(pk=pk, is_active=True).first()
    if group is None or not constant_time_compare(token, group.ical_token):
        raise Http404
    response = HttpResponse(group_calendar(group), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="group-{group.pk}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _get_meeting(request, pk: int) -> Meeting:
    try:
        return selectors.meeting_detail(user=request.user, pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk: int):
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    if not can_manage_meetings(request.user, group):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            request,
            lambda: services.meeting_create(actor=request.user, group=group, **form.cleaned_data),
            form=form,
            success=_("The meeting was added. Members were invited."),
        )
        if outcome.ok:
            return redirect(outcome.result)
    return render(request, "familycentres/meeting_form.html", {"form": form, "group": group})


def _meeting_context(request, meeting: Meeting, **overrides) -> dict:
    """The meeting page: the minutes form asks for attendance once the meeting has started (what was chosen
    is kept on a refused submit); before it, the agenda can be edited and reordered."""
    posted = overrides.pop("posted_attendance", {})
    attendances = list(meeting.attendances.all())
    context = {
        "meeting": meeting,
        "can_manage": can_manage_meetings(request.user, meeting.group),
        "started": meeting.starts_at <= timezone.now(),
        "agenda_form": AgendaItemForm(links=link_choices(request.user, meeting)),
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
        "attendance_choices": Attendance.Status.choices,
        "attendance_rows": [(a, posted.get(a.user_id, a.status)) for a in attendances],
        "attendance_missing": any(a.status == Attendance.Status.INVITED for a in attendances),
    }
    context.update(overrides)
    return context


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = _get_meeting(request, pk)
    return render(request, "familycentres/meeting_detail.html", _meeting_context(request, meeting))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = _get_meeting(request, pk)
    if not can_manage_meetings(request.user, meeting.group):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            request,
            lambda: services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data),
            form=form,
            success=_("The meeting was saved."),
        )
        if outcome.ok:
            return redirect(meeting)
    return render(
        request, "familycentres/meeting_form.html", {"form": form, "group": meeting.group, "meeting": meeting}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = _get_meeting(request, pk)
    if not can_manage_meetings(request.user, meeting.group):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        outcome = attempt(
            request,
            lambda: services.meeting_cancel(actor=request.user, meeting=meeting),
            success=_("The meeting was cancelled."),
        )
        if outcome.ok:
            return redirect(meeting)
        status = outcome.status
    return render(request, "familycentres/meeting_cancel.html", {"meeting": meeting}, status=status)


def _posted_attendance(request, meeting: Meeting) -> dict[int, str]:
    """The attendance selects of a form: one `attendance-<user id>` per invited person."""
    posted = {}
    for attendance in meeting.attendances.all():
        status = request.POST.get(f"attendance-{attendance.user_id}")
        if status is not None:
            posted[attendance.user_id] = status
    return posted


@login_required
@require_POST
def meeting_minutes(request, pk: int):
    meeting = _get_meeting(request, pk)
    if not can_manage_meetings(request.user, meeting.group):
        raise PermissionDenied
    form = MinutesForm(request.POST)
    posted = _posted_attendance(request, meeting)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.meeting_record_minutes(
                actor=request.user,
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                attendance=posted,
            ),
            form=form,
            success=_("The minutes were saved."),
        )
        if outcome.ok:
            return redirect(meeting)
        status = outcome.status
    context = _meeting_context(request, meeting, minutes_form=form, posted_attendance=posted)
    return render(request, "familycentres/meeting_detail.html", context, status=status)


@login_required
@require_POST
def agenda_item_add(request, pk: int):
    meeting = _get_meeting(request, pk)
    if not can_manage_meetings(request.user, meeting.group):
        raise PermissionDenied
    form = AgendaItemForm(request.POST, links=link_choices(request.user, meeting))
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data),
            form=form,
            success=_("The item was added to the agenda."),
        )
        if outcome.ok:
            return redirect(meeting)
        status = outcome.status
    context = _meeting_context(request, meeting, agenda_form=form)
    return render(request, "familycentres/meeting_detail.html", context, status=status)


def _get_agenda_item(request, pk: int, item_pk: int) -> AgendaItem:
    meeting = _get_meeting(request, pk)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__group"), pk=item_pk, meeting=meeting)
    if not can_manage_meetings(request.user, meeting.group):
        raise PermissionDenied
    return item


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int, item_pk: int):
    item = _get_agenda_item(request, pk, item_pk)
    form = AgendaItemForm(
        request.POST or None, initial={"title": item.title, "description": item.description}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.agenda_item_update(actor=request.user, item=item, **form.cleaned_data),
                form=form,
                success=_("The agenda item was saved."),
            )
            if outcome.ok:
                return redirect(item.meeting)
            status = outcome.status
    return render(
        request,
        "familycentres/agenda_item_form.html",
        {"form": form, "item": item, "meeting": item.meeting},
        status=status,
    )


@login_required
@require_POST
def agenda_item_move(request, pk: int, item_pk: int):
    item = _get_agenda_item(request, pk, item_pk)
    attempt(
        request,
        lambda: services.agenda_item_move(
            actor=request.user, item=item, direction=request.POST.get("direction", "")
        ),
        success=_("The agenda order was changed."),
    )
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    """Records who was present: one select per invited person; unchanged rows are left alone."""
    meeting = _get_meeting(request, pk)
    if not can_manage_meetings(request.user, meeting.group):
        raise PermissionDenied
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("A cancelled meeting has no attendance."))
        return redirect(meeting)
    for attendance in meeting.attendances.all():
        status = request.POST.get(f"attendance-{attendance.user_id}")
        if status is None or status == attendance.status:
            continue
        if status not in Attendance.Status.values:
            messages.error(request, _("Unknown attendance status."))
            return redirect(meeting)
        services.attendance_set(actor=request.user, meeting=meeting, user=attendance.user, status=status)
    messages.success(request, _("Attendance was saved."))
    return redirect(meeting)
