"""Data and browser steps for a local team raising a matter to its steering group, used by the accessibility
suite: the team (Petosen perhekeskustiimi) meets; its coordinator (MEMBER) raises matters from the meeting
record to the local steering group."""

from __future__ import annotations


def team_meeting(n):
    from datetime import timedelta

    from django.utils import timezone

    from familycentres.models import Meeting
    from familycentres.tests.factories import MeetingFactory

    if getattr(n, "_team_meeting", None):
        return n._team_meeting
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=3)
    meeting = MeetingFactory(
        group=n.team,
        title="Tiimin havaintotapaaminen",
        starts_at=start,
        ends_at=start + timedelta(hours=1, minutes=30),
        status=Meeting.Status.HELD,
        minutes="Käytiin läpi havainnot; iltapäivätoiminnan jonot nostetaan ohjausryhmälle.",
    )
    n._team_meeting = meeting
    return meeting


def raise_page(n) -> str:
    return f"/meetings/{team_meeting(n).pk}/raise/"


def meeting_with_raised(n) -> str:
    from phenomena import services

    meeting = team_meeting(n)
    services.initiative_raise_from_team(
        actor=n.member,
        team=n.team,
        meeting=meeting,
        title="Iltapäivätoiminnan jonot",
        description="Moni ekaluokkalainen jää ilman iltapäiväkerhon paikkaa.",
        kind="concern",
        scale="local_area",
        proposal="local_action",
        rationale="Asiaan voidaan vastata paikallisesti.",
    )
    return f"/network/meetings/{meeting.pk}/"


def failed_raise(page, n) -> None:
    page.fill("textarea[name=rationale]", "Perustelu säilyy.")
    page.eval_on_selector("main form[method=post]", "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator("main .errorlist").count() >= 1
