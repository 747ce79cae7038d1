"""Done means, on the demo network as seed_demo loads it and in Finnish: a professional of the Tampere local
team raises a matter from the team's meeting record; the local steering group's chair forwards it to the
regional coordination group, whose chair forwards it to the county steering group; the county group's chair
is told, decides to start co-development naming a coordinator and a facilitator, who see their roles in the
developer group's workspace; the county group asks three local teams a question and sees their answers; the
follow-up owner records a follow-up point. The raising team is told of every step, each member in their own
language (a Swedish-speaking member reads it in Swedish); the initiative page lists every step; the pages
pass axe, and the key pages render in Swedish and English too. Driven in Chromium."""

from __future__ import annotations

import pytest

from tests.browser import demo_steps
from tests.browser.demo_steps import text

pytestmark = pytest.mark.browser

TITLE = "Ekaluokkalaisten pitkät iltapäivät"


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name, exact=True).click()


def test_a_matter_travels_the_levels_of_the_demo_network(transactional_db, new_context, sign_in, check_axe):
    from django.utils import timezone
    from playwright.sync_api import expect

    from codevelopment.models import DevelopmentProcess
    from familycentres.models import Meeting
    from familycentres.tests.factories import meeting_starts_now
    from phenomena.models import Decision, Initiative, Referral, Responsibility

    demo = demo_steps.load()
    users, groups = demo.users, demo.groups
    team, steering, regional, county = (
        groups["team1.1"],
        groups["steering1"],
        groups["regional1"],
        groups["county"],
    )
    member, swedish = users["professional"], users["fc1_ecec"]
    swedish.language = "sv"
    swedish.save(update_fields=["language"])

    def browser_for(user):
        context = new_context()
        sign_in(context, user, demo.password)
        return context.new_page()

    # 1. The team member raises the matter from the record of the team's last meeting.
    page = browser_for(member)
    team_meeting = (
        Meeting.objects.filter(group=team, status=Meeting.Status.HELD).order_by("-starts_at").first()
    )
    page.goto(f"/fi/network/meetings/{team_meeting.pk}/")
    check_axe(page, "the team's meeting record")
    with page.expect_navigation():
        page.get_by_role("link", name=text("fi", "Raise a matter to %(group)s", group=steering.name)).click()
    check_axe(page, "raising a matter")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=description]", "Moni ekaluokkalainen on iltapäivät yksin, kun kerhoon ei mahdu.")
    page.check("input[name=kind][value=concern]")
    page.select_option("select[name=scale]", "local_area")
    page.check("input[name=proposal][value=codevelopment]")
    page.fill("textarea[name=rationale]", "Asia koskee koko maakuntaa; tarvitaan yhteistä kehittämistä.")
    _submit(page, text("fi", "Raise the matter"))
    initiative = Initiative.objects.get(phenomenon__title=TITLE)
    assert initiative.raised_by_team == team and initiative.group == steering
    expect(page.locator("main dl.facts").first).to_contain_text(team.name)

    # 2. The local steering group's chair finds it in the queue, puts it on the agenda and forwards it.
    page = browser_for(users["fc1_chair"])
    page.goto(f"/fi/groups/{steering.pk}/initiatives/")
    check_axe(page, "the steering group's queue")
    page.get_by_role("link", name=TITLE).click()
    next_meeting = (
        Meeting.objects.filter(group=steering, status=Meeting.Status.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    page.select_option("select[name=meeting]", str(next_meeting.pk))
    _submit(page, text("fi", "Put on the agenda"))
    # The meeting day comes: decisions are recorded once the meeting has started.
    meeting_starts_now(next_meeting)
    page.goto(f"/fi/initiatives/{initiative.pk}/decide/")
    check_axe(page, "recording a decision")
    page.check("input[name=kind][value=forward]")
    page.fill("textarea[name=reasons]", "Asia koskee koko aluetta.")
    _submit(page, text("fi", "Record decision"))
    expect(page.locator("main")).to_contain_text(
        text("fi", "%(group)s forwarded it to %(to)s", group=steering.name, to=regional.name)
    )

    # 3. The regional group's chair is told and forwards it on to the county steering group.
    page = browser_for(users["r1_chair"])
    page.goto("/fi/notifications/")
    page.get_by_role(
        "link", name=text("fi", "New initiative for %(group)s: %(title)s", group=regional.name, title=TITLE)
    ).click()
    expect(page.locator("h1")).to_contain_text(TITLE)
    page.goto(f"/fi/initiatives/{initiative.pk}/decide/")
    page.check("input[name=kind][value=forward]")
    page.select_option("select[name=forward_to]", str(county.pk))
    page.fill("textarea[name=reasons]", "Koko maakunnan asia.")
    _submit(page, text("fi", "Record decision"))

    # 4. The county chair is told, decides to start co-development and names the people responsible.
    chair = browser_for(users["county_chair"])
    chair.goto("/fi/notifications/")
    check_axe(chair, "the county chair's notifications")
    chair.get_by_role(
        "link", name=text("fi", "New initiative for %(group)s: %(title)s", group=county.name, title=TITLE)
    ).click()
    expect(chair.locator("main dl.facts").first).to_contain_text(team.name)
    chair.goto(f"/fi/initiatives/{initiative.pk}/decide/")
    chair.check("input[name=kind][value=start_codevelopment]")
    chair.fill("textarea[name=reasons]", "Käynnistetään yhteiskehittäminen koko maakunnassa.")
    chair.select_option("select[name=scope]", "county")
    coordinator, facilitator = users["county_coordinator"], users["fc1_facilitator"]
    chair.select_option("select[name=progress_user]", str(users["county_chair"].pk))
    chair.select_option("select[name=coordination_user]", str(coordinator.pk))
    chair.select_option("select[name=facilitation_user]", str(facilitator.pk))
    _submit(chair, text("fi", "Record decision"))
    expect(chair.locator("main")).to_contain_text(coordinator.full_name)
    check_axe(chair, "the initiative after the decision")
    with chair.expect_navigation():
        chair.get_by_role("link", name=text("fi", "Start the developer group")).click()
    check_axe(chair, "starting the developer group")
    _submit(chair, text("fi", "Start the developer group"))
    decision = Decision.objects.get(initiative=initiative, group=county)
    process = DevelopmentProcess.objects.get(decision=decision)

    # 5. The coordinator and the facilitator see their roles in the developer group's workspace.
    for user, role in (
        (coordinator, Responsibility.Role.COORDINATION),
        (facilitator, Responsibility.Role.FACILITATION),
    ):
        workspace = browser_for(user)
        workspace.goto(f"/fi/codevelopment/{process.pk}/")
        responsibilities = workspace.locator("#responsibilities")
        expect(responsibilities).to_contain_text(demo_steps.label("fi", role.label).capitalize())
        expect(responsibilities).to_contain_text(user.full_name)
        check_axe(workspace, "the developer group's workspace")
    workspace.goto(f"/en/codevelopment/{process.pk}/")
    expect(workspace.locator("#responsibilities")).to_contain_text("Facilitator")

    # 6. The county group sends a question down to three local teams and sees their answers.
    chair.goto(f"/fi/groups/{county.pk}/referrals/new/")
    check_axe(chair, "sending a matter to the teams")
    chair.check("input[name=subject][value=question]")
    chair.fill("input[name=title]", "Iltapäiväkerhojen paikat syksyllä")
    chair.fill("textarea[name=question]", "Riittävätkö iltapäiväkerhojen paikat alueellanne syksyllä?")
    asked = [(team, member), (groups["team1.2"], users["fc1_social"]), (groups["team3.1"], users["fc3_ecec"])]
    for asked_team, _person in asked:
        chair.check(f"input[name=teams][value='{asked_team.pk}']")
    _submit(chair, text("fi", "Send to the teams"))
    referral = Referral.objects.get(title="Iltapäiväkerhojen paikat syksyllä")
    answers = {a.team_id: a for a in referral.answers.select_related("agenda_item__meeting")}
    for number, (asked_team, person) in enumerate(asked, start=1):
        professional = browser_for(person)
        professional.goto(f"/fi/network/meetings/{answers[asked_team.pk].agenda_item.meeting_id}/")
        with professional.expect_navigation():
            professional.get_by_role(
                "link", name=text("fi", "Record the team's answer") + " – " + referral.title
            ).click()
        if number == 1:
            check_axe(professional, "answering for the team")
        professional.fill("main form textarea", f"Vastaus {number}: paikkoja puuttuu {number * 5}.")
        _submit(professional, text("fi", "Send the answer"))
    chair.goto(f"/fi/referrals/{referral.pk}/")
    for number in (1, 2, 3):
        expect(chair.locator("main")).to_contain_text(f"Vastaus {number}: paikkoja puuttuu {number * 5}.")
    check_axe(chair, "the teams' answers")

    # 7. The developer group does its work (set up here) up to the approved proposal and a follow-up point;
    # the follow-up owner records the point in the browser.
    follow_up_point = _to_follow_up(process, coordinator, users["county_chair"])
    owner = browser_for(coordinator)
    owner.goto(f"/fi/codevelopment/{process.pk}/follow-up/points/{follow_up_point.pk}/record/")
    check_axe(owner, "recording a follow-up point")
    owner.fill("input[name=value]", "26")
    owner.fill("textarea[name=evaluation_families]", "Perheet kokevat jonojen lyhentyneen.")
    owner.check("input[name=more_development_needed][value=no]")
    _submit(owner, text("fi", "Record the follow-up"))
    assert f"/codevelopment/{process.pk}/follow-up/" in owner.url

    # 8. The team member was told of every step, in Finnish; the Swedish-speaking member in Swedish.
    approval = Decision.objects.get(initiative__codevelopment_proposal__process=process)
    for language, person in (("fi", member), ("sv", swedish)):
        page = browser_for(person)
        page.goto(f"/{language}/notifications/")
        main = page.locator("main")
        steps = [
            text(
                language,
                "%(team)s raised “%(title)s” to %(group)s.",
                team=team.name,
                title=TITLE,
                group=steering.name,
            ),
            text(
                language,
                "“%(title)s” is on the agenda of %(group)s on %(date)s.",
                title=TITLE,
                group=steering.name,
                date=_date(language, next_meeting.starts_at),
            ),
            text(
                language,
                "%(group)s forwarded the initiative on “%(title)s” to %(to)s.",
                group=steering.name,
                title=TITLE,
                to=regional.name,
            ),
            text(
                language,
                "%(group)s forwarded the initiative on “%(title)s” to %(to)s.",
                group=regional.name,
                title=TITLE,
                to=county.name,
            ),
            text(
                language,
                "%(group)s decided on “%(title)s”: %(decision)s (%(number)s).",
                group=county.name,
                title=TITLE,
                decision=demo_steps.label(language, Decision.Kind.START_CODEVELOPMENT.label),
                number=decision.label,
            ),
            text(
                language,
                "The developer group %(group)s started its work on “%(title)s”.",
                group=process.group.name,
                title=TITLE,
            ),
            text(
                language,
                "%(group)s decided on the developer group's proposal on “%(title)s”: %(decision)s (%(number)s).",
                group=county.name,
                title=TITLE,
                decision=demo_steps.label(language, Decision.Kind.APPROVE_IMPLEMENTATION.label),
                number=approval.label,
            ),
            text(
                language,
                "Follow-up result of “%(title)s” recorded: %(name)s %(value)s %(unit)s.",
                title=TITLE,
                name="Iltapäiväkerhon paikat",
                value="26",
                unit="paikkaa",
            ),
        ]
        # The one who raised the matter is not told of their own act; their colleagues are.
        for step in steps[1:] if person == member else steps:
            expect(main).to_contain_text(step)
        check_axe(page, f"the team member's notifications ({language})")

    # 9. The initiative page lists every step of its handling; it renders in all three languages.
    for language in ("fi", "sv", "en"):
        page.goto(f"/{language}/initiatives/{initiative.pk}/")
        steps = page.locator("#initiative-steps")
        expect(steps).to_contain_text(
            text(language, "Raised by %(team)s to %(group)s", team=team.name, group=steering.name)
        )
        expect(steps).to_contain_text(text(language, "Forwarded to %(group)s", group=regional.name))
        expect(steps).to_contain_text(text(language, "Forwarded to %(group)s", group=county.name))
        expect(steps).to_contain_text(
            f"{demo_steps.label(language, Responsibility.Role.COORDINATION.label)}: {coordinator.full_name}"
        )
        check_axe(page, f"the initiative page ({language})")
    for language in ("sv", "en"):
        chair.goto(f"/{language}/referrals/{referral.pk}/")
        expect(chair.locator("main")).to_contain_text("Vastaus 3: paikkoja puuttuu 15.")
        check_axe(chair, f"the teams' answers ({language})")
        chair.goto(f"/{language}/codevelopment/{process.pk}/")
        expect(chair.locator("#responsibilities")).to_contain_text(coordinator.full_name)
        check_axe(chair, f"the workspace ({language})")


def _date(language: str, moment) -> str:
    from django.utils import formats, translation
    from django.utils.timezone import localtime

    with translation.override(language):
        return formats.date_format(localtime(moment), "SHORT_DATE_FORMAT")


def _to_follow_up(process, coordinator, deciding_chair):
    """The developer group's work up to a follow-up point due today, by the demo's own steps."""
    from django.utils import timezone

    from codevelopment.demo import develop_to_follow_up
    from codevelopment.services import lifecycle

    # Fresh objects: the ones the demo loader used hold the roles they had then in their role cache.
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    deciding_chair = type(deciding_chair).objects.get(pk=deciding_chair.pk)
    metric = develop_to_follow_up(
        process=process, coordinator=coordinator, decider=deciding_chair, today=timezone.localdate()
    )
    return lifecycle.point_schedule(actor=coordinator, metric=metric, due_on=timezone.localdate())
