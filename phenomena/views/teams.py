"""A local family-centre team raises a matter to its steering group from its meeting record: one page, one
step (a phenomenon and an initiative in the steering group's queue). The team's meeting page links here
through the `team_raise_link` tag, so familycentres does not import this app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pages import attempt
from familycentres.models import Group, Meeting
from familycentres.permissions import is_member

from .. import services
from ..permissions import can_raise_from_team
from ..team_forms import TeamRaiseForm


def _team_meeting(request, meeting_pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("group", "group__parent"), pk=meeting_pk
    )
    team = meeting.group
    # SECURITY: only the team's own members learn that this page exists; others get a 404.
    if team.kind != Group.Kind.LOCAL_TEAM or not (request.user.is_staff or is_member(request.user, team)):
        raise Http404
    if not can_raise_from_team(request.user, team):
        raise PermissionDenied
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def team_raise(request, meeting_pk: int):
    meeting = _team_meeting(request, meeting_pk)
    team = meeting.group
    form = TeamRaiseForm(request.POST or None, user=request.user, team=team)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.initiative_raise_from_team(
                    actor=request.user,
                    team=team,
                    meeting=meeting,
                    phenomenon=data["phenomenon"],
                    title=data["title"],
                    description=data["description"],
                    kind=data["kind"],
                    scale=data["scale"],
                    proposal=data["proposal"],
                    rationale=data["rationale"],
                ),
                form=form,
                success=_("The matter was raised to %(group)s.")
                % {"group": getattr(team.parent, "name", "")},
            )
            if outcome.ok:
                return redirect(outcome.result)
            status = outcome.status
        else:
            status = 400
    context = {"meeting": meeting, "team": team, "steering": team.parent, "form": form}
    return render(request, "phenomena/team_raise.html", context, status=status)
