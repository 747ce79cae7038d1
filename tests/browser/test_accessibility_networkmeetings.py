"""The network-meetings pages in Finnish, Swedish and English, checked with axe-core (WCAG 2.1 A and AA),
for a plain page title and for no sideways scrolling at 320 px; forms also after a failed submit."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
CONVENER, INVITED, COORDINATOR, FAMILY = "convener", "invited", "coordinator", "family"
GUEST_TOKEN = "guest-token-for-the-accessibility-tests"


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[SimpleNamespace], str]
    who: str
    status: int = 200
    then: Callable | None = None


@pytest.fixture
def nm(transactional_db) -> SimpleNamespace:
    from django.utils import timezone

    from familycentres.models import Membership
    from familycentres.tests.factories import FamilyCentreFactory
    from networkmeetings.models import GenogramPerson, GenogramRelation, TimelineEvent
    from networkmeetings.tests.factories import (
        LPFeedbackFactory,
        LPQualificationFactory,
        NetworkMeetingFactory,
        NetworkProcessFactory,
        ParticipantFactory,
        PlanStepFactory,
        centre_worker,
    )

    centre = FamilyCentreFactory(name_fi="Kuopion perhekeskus", name_sv="Kuopio familjecentral")
    convener = centre_worker(centre)
    pair = centre_worker(centre)
    invited = centre_worker(centre)
    coordinator = centre_worker(centre, role=Membership.Role.COORDINATOR)
    process = NetworkProcessFactory(
        family_centre=centre,
        convener=convener,
        responsible_worker=convener,
        responsible_pair=pair,
        label="Perhe A 2026",
        core_issue="Aamut ovat raskaita.",
        shared_with_invitees="Aamujen hankaluus.",
    )
    ParticipantFactory(process=process, user=invited, description="luokanopettaja")
    from networkmeetings.models import Participant
    from networkmeetings.services.preparation import guest_token_hash

    Participant.objects.create(
        process=process,
        kind="family_network",
        description="isoäiti",
        email="isoaiti@example.test",
        token_hash=guest_token_hash(GUEST_TOKEN),
        token_expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    meeting = NetworkMeetingFactory(
        process=process, chair=convener, recorder=convener, record="Mistä on kyse?\n"
    )
    lp = NetworkMeetingFactory(
        process=process,
        kind="lp_discussion",
        structure="lp_discussion",
        service_setting="school",
        chair=convener,
        recorder=convener,
        status="held",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    PlanStepFactory(meeting=meeting, owner=convener, pair=invited, what="Soitetaan koululle")
    PlanStepFactory(meeting=lp, owner=convener, what="Iltarutiini")
    mother = GenogramPerson.objects.create(process=process, name="äiti", gender="female", generation=-1)
    child = GenogramPerson.objects.create(
        process=process, name="A", gender="male", generation=0, is_child=True
    )
    GenogramRelation.objects.create(process=process, source=mother, target=child, kind="parent")
    TimelineEvent.objects.create(process=process, year=2024, month=8, text="Koulu alkoi")
    for _ in range(6):
        LPFeedbackFactory(family_centre=centre)
    LPQualificationFactory(user=convener)
    return SimpleNamespace(
        centre=centre,
        convener=convener,
        invited=invited,
        coordinator=coordinator,
        process=process,
        meeting=meeting,
    )


def _submit(page, form: str = "main form") -> None:
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def _failed_convene(page, net) -> None:
    page.fill("input[name=label]", "")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def _failed_step(page, net) -> None:
    page.fill("input[name=what]", "Askel ilman päivää")
    _submit(page, "main form[action$='/steps/']")
    assert page.locator("main .errorlist").count() >= 1


def _failed_person(page, net) -> None:
    _submit(page, "main form:has(input[name=action][value=person])")
    assert page.locator("main .errorlist").count() >= 1


def _failed_code(page, net) -> None:
    page.fill("input[name=code]", "ACEFH-34679")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


PAGES = [
    Page("my processes", lambda n: "/network-meetings/", CONVENER),
    Page("convene", lambda n: "/network-meetings/new/", CONVENER),
    Page("convene, failed", lambda n: "/network-meetings/new/", CONVENER, then=_failed_convene),
    Page("process", lambda n: f"/network-meetings/{n.process.pk}/", CONVENER),
    Page("process, invitee", lambda n: f"/network-meetings/{n.process.pk}/", INVITED),
    Page("answer", lambda n: f"/network-meetings/{n.process.pk}/answer/", INVITED),
    Page("preparation", lambda n: f"/network-meetings/{n.process.pk}/preparation/", CONVENER),
    Page(
        "genogram and timeline",
        lambda n: f"/network-meetings/{n.process.pk}/genogram-and-timeline/",
        CONVENER,
    ),
    Page(
        "genogram, failed",
        lambda n: f"/network-meetings/{n.process.pk}/genogram-and-timeline/",
        CONVENER,
        then=_failed_person,
    ),
    Page("access log", lambda n: f"/network-meetings/{n.process.pk}/access-log/", CONVENER),
    Page("close", lambda n: f"/network-meetings/{n.process.pk}/close/", CONVENER),
    Page("plan a meeting", lambda n: f"/network-meetings/{n.process.pk}/meetings/new/", CONVENER),
    Page("meeting", lambda n: f"/network-meetings/meetings/{n.meeting.pk}/", CONVENER),
    Page(
        "meeting, failed step",
        lambda n: f"/network-meetings/meetings/{n.meeting.pk}/",
        CONVENER,
        then=_failed_step,
    ),
    Page("meeting, invitee", lambda n: f"/network-meetings/meetings/{n.meeting.pk}/", INVITED),
    Page("presentation", lambda n: f"/network-meetings/meetings/{n.meeting.pk}/screen/", INVITED),
    Page("feedback summary", lambda n: "/lp/feedback/", COORDINATOR),
    Page("feedback import", lambda n: "/lp/feedback/import/", COORDINATOR),
    Page("qualifications", lambda n: "/lp/qualifications/", COORDINATOR),
    Page("guest invitation", lambda n: f"/network-meetings/invitation/{GUEST_TOKEN}/", FAMILY),
    Page("family code", lambda n: "/family/", FAMILY),
    Page("family code, failed", lambda n: "/family/", FAMILY, then=_failed_code),
]


def force_sign_in(context, user, live_server) -> None:
    """Signs in a user who has two-factor authentication on: the session is made directly (the shared
    sign-in helper posts the password form, which then asks for the TOTP code); it passed two-factor
    authentication."""
    from django.conf import settings
    from django.test import Client

    from accounts.tests.factories import force_login_with_mfa

    client = Client()
    force_login_with_mfa(client, user)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url}])


def _context(new_context, live_server, net, who, **kwargs):
    context = new_context(**kwargs)
    if who != FAMILY:
        force_sign_in(
            context,
            {CONVENER: net.convener, INVITED: net.invited, COORDINATOR: net.coordinator}[who],
            live_server,
        )
    return context


def _assert_no_horizontal_scrolling(page) -> None:
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    width = page.viewport_size["width"]
    if scroll_width > width:
        too_wide = page.evaluate(
            """width => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .filter(el => !el.closest('.table-wrap, .visually-hidden, svg'))
                .slice(0, 5).map(el => el.outerHTML.slice(0, 200))""",
            width,
        )
        assert not too_wide, (
            f"{page.url} is {scroll_width}px wide on a {width}px screen; too wide: {too_wide}"
        )


@pytest.mark.parametrize(
    ("entry", "lang"),
    [pytest.param(e, lang, id=f"{e.name} ({e.who})-{lang}") for e in PAGES for lang in LANGUAGES],
)
def test_page_has_no_accessibility_violations(entry, lang, nm, new_context, live_server, check_axe):
    page = _context(new_context, live_server, nm, entry.who).new_page()
    url = f"/{lang}{entry.path(nm)}"
    response = page.goto(url)
    assert response is not None and response.status == entry.status, (
        f"{url} answered {response and response.status}"
    )
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} redirected to {page.url}"
    if entry.then:
        entry.then(page, nm)
    assert page.get_attribute("html", "lang") == lang
    title = page.title()
    assert title.endswith("– Ilmiö") and len(title) > len("– Ilmiö") + 1 and "<" not in title, repr(title)
    check_axe(page, f"{entry.name} in {lang}")
    page.set_viewport_size({"width": 320, "height": 640})
    _assert_no_horizontal_scrolling(page)


def test_family_plan_page_is_accessible(nm, new_context, check_axe):
    from networkmeetings.services.processes import family_code_issue

    code = family_code_issue(actor=nm.convener, process=nm.process)
    for lang in LANGUAGES:
        page = new_context().new_page()
        page.goto(f"/{lang}/family/")
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert urlsplit(page.url).path == f"/{lang}/family/plan/"
        check_axe(page, f"family plan in {lang}")
        page.goto(f"/{lang}/family/feedback/")
        check_axe(page, f"family feedback in {lang}")
