"""Fixtures for the browser suite: Debian's Chromium driven by Playwright, pages checked with axe-core.

The suite never downloads a browser (no `playwright install`): it drives /usr/bin/chromium. Without it
the suite is skipped with a reason, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# The WCAG 2.1 A and AA rules: the level the Act on the Provision of Digital Services requires.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only the violations are reported in detail: the passes and inapplicable rules are not needed.
    "resultTypes": ["violations"],
}
IN_CI = os.environ.get("CI", "").strip().lower() == "true"


def _browser_unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(
            f"{reason}; in CI (CI=true) the browser suite must run, so this is a failure", pytrace=False
        )
    pytest.skip(f"{reason}; browser tests skipped")


def pytest_collection_modifyitems(config, items):
    """Without Chromium the whole suite is skipped up front (no test database is set up for it). In CI
    nothing is skipped here: the `browser` fixture then fails every test instead."""
    if IN_CI or os.access(CHROMIUM, os.X_OK):
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (install Debian's `chromium` package)")
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole run."""
    if not os.access(CHROMIUM, os.X_OK):
        _browser_unavailable(f"Chromium not found at {CHROMIUM} (install Debian's `chromium` package)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("the Python package `playwright` is not installed (it is a dev dependency)")
    # Playwright's sync API keeps an asyncio event loop in this thread; Django would otherwise refuse
    # every ORM call made by the tests (data set-up, sign-in) while it runs. The calls are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                yield instance
            finally:
                instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Sign-in rate limits live in the cache; one test's sign-ins must not throttle the next test."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable]:
    """Makes browser contexts (separate cookie jars) against the live server; closes them afterwards.

    `bypass_csp=True` by default so that axe-core can be injected as a script: our Content Security
    Policy forbids inline scripts. `test_content_security_policy_allows_our_pages` runs with it off."""
    contexts = []

    def make(*, bypass_csp: bool = True, width: int = 1280, height: int = 900, **kwargs):
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=bypass_csp,
            viewport={"width": width, "height": height},
            locale="fi-FI",
            timezone_id="Europe/Helsinki",
            **kwargs,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh, signed-out context."""
    return new_context().new_page()


@pytest.fixture
def sign_in(live_server) -> Callable:
    """Signs `user` in for a browser context: posts allauth's real sign-in form with Django's test client
    (so allauth records the authentication, which the two-factor pages ask for) and hands the session
    cookie to the browser. Faster than typing into the form; test_flows.py does that part for real.
    `reauthenticate=True` also confirms the password again, as the two-factor settings require."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.tests.factories import DEFAULT_PASSWORD

    def do(context, user, password: str = DEFAULT_PASSWORD, *, reauthenticate: bool = False) -> None:
        client = Client()
        response = client.post(reverse("account_login"), {"login": user.email, "password": password})
        assert response.status_code == 302, f"test sign-in of {user.email} failed ({response.status_code})"
        if reauthenticate:
            # Security settings such as two-factor activation ask for the password again first.
            response = client.post(reverse("account_reauthenticate"), {"password": password})
            assert response.status_code == 302, f"test re-authentication failed ({response.status_code})"
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": live_server.url}]
        )

    return do


@pytest.fixture
def network(transactional_db) -> SimpleNamespace:
    """A small family-centre network: an area tree, a family centre, groups of several kinds, members
    (a chair who manages meetings and an ordinary member), meetings with an agenda, and a notification."""
    from django.utils import timezone

    from accounts.tests.factories import UserFactory
    from core.models import Notification
    from familycentres.models import Area, Attendance, Group, Meeting, Membership, Organisation
    from familycentres.tests.factories import (
        AgendaItemFactory,
        AreaFactory,
        AttendanceFactory,
        FamilyCentreFactory,
        GroupFactory,
        MeetingFactory,
        MembershipFactory,
        OrganisationFactory,
    )

    county = AreaFactory(
        name_fi="Pohjois-Savon hyvinvointialue", name_sv="Norra Savolax välfärdsområde", code="12"
    )
    region = AreaFactory(
        kind=Area.Kind.REGION, parent=county, name_fi="Kuopion seutu", name_sv="Kuopio region"
    )
    municipality = AreaFactory(
        kind=Area.Kind.MUNICIPALITY, parent=region, code="297", name_fi="Kuopio", name_sv="Kuopio"
    )
    local_area = AreaFactory(
        kind=Area.Kind.LOCAL_AREA, parent=municipality, name_fi="Petonen", name_sv="Petonen"
    )
    centre = FamilyCentreFactory(
        name_fi="Kuopion perhekeskus",
        name_sv="Kuopio familjecentral",
        slug="kuopio",
        wellbeing_county=county,
        municipalities=[municipality, local_area],
        description="Lapsiperheiden palvelut yhdessä paikassa.",
    )
    organisation = OrganisationFactory(
        name="Kuopion kaupunki", kind=Organisation.Kind.MUNICIPALITY, area=municipality
    )

    county_group = GroupFactory(
        name="Pohjois-Savon perhekeskusten ohjausryhmä",
        kind=Group.Kind.COUNTY_STEERING,
        level=Group.Level.COUNTY,
        family_centre=None,
        area=county,
    )
    steering = GroupFactory(
        name="Kuopion perhekeskuksen ohjausryhmä",
        kind=Group.Kind.LOCAL_STEERING,
        level=Group.Level.LOCAL,
        family_centre=centre,
        area=municipality,
        parent=county_group,
        description="Ohjaa Kuopion perhekeskuksen kehittämistä.",
    )
    team = GroupFactory(
        name="Petosen perhekeskustiimi",
        kind=Group.Kind.LOCAL_TEAM,
        level=Group.Level.LOCAL,
        family_centre=centre,
        area=local_area,
        parent=steering,
    )
    GroupFactory(
        name="LP-koordinaatioryhmä",
        kind=Group.Kind.LP_COORDINATION,
        level=Group.Level.REGIONAL,
        family_centre=None,
    )

    chair = UserFactory(
        email="hanna.koordinaattori@example.test",
        full_name="Hanna Koordinaattori",
        title="Perhekeskuskoordinaattori",
    )
    member = UserFactory(
        email="mikko.sosiaaliohjaaja@example.test", full_name="Mikko Sosiaaliohjaaja", title="Sosiaaliohjaaja"
    )
    MembershipFactory(group=steering, user=chair, role=Membership.Role.CHAIR, organisation=organisation)
    MembershipFactory(group=steering, user=member, role=Membership.Role.MEMBER, organisation=organisation)
    MembershipFactory(group=team, user=member, role=Membership.Role.COORDINATOR)
    MembershipFactory(group=county_group, user=chair, role=Membership.Role.MEMBER)

    now = timezone.now().replace(second=0, microsecond=0)
    meeting = MeetingFactory(
        group=steering,
        title="Ohjausryhmän kevätkokous",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        location="Kaupungintalo, kokoushuone 2",
        video_url="https://meet.example.test/ohjausryhma",
    )
    for order, title in enumerate(["Kokouksen avaus", "Havaitut ilmiöt", "Seuraava kokous"], start=1):
        AgendaItemFactory(meeting=meeting, order=order, title=title, description="Esittelijä: koordinaattori")
    AttendanceFactory(meeting=meeting, user=chair, status=Attendance.Status.INVITED)
    AttendanceFactory(meeting=meeting, user=member, status=Attendance.Status.INVITED)
    MeetingFactory(
        group=steering,
        title="Peruttu työpaja",
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=20, hours=1),
        location="Petosen perhekeskus",
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(
        group=steering,
        title="Syyskokous",
        starts_at=now - timedelta(days=60),
        ends_at=now - timedelta(days=60) + timedelta(hours=2),
        location="Kaupungintalo",
        status=Meeting.Status.HELD,
        minutes="1. Kokous avattiin.\n2. Päätettiin jatkaa.",
    )
    Notification.objects.create(
        recipient=member,
        verb="meeting_invited",
        text="Sinut kutsuttiin kokoukseen.",
        url=meeting.get_absolute_url(),
    )
    return SimpleNamespace(
        county=county,
        municipality=municipality,
        centre=centre,
        steering=steering,
        team=team,
        county_group=county_group,
        chair=chair,
        member=member,
        meeting=meeting,
    )


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def format_violations(violations: list[dict]) -> str:
    """One readable block per rule: id, impact, help and each failing node's selector and markup."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}\n  {v.get('helpUrl', '')}")
        for node in v["nodes"]:
            lines.append(f"    target: {json.dumps(node['target'], ensure_ascii=False)}")
            lines.append(f"    html:   {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n            ")
            if summary:
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


@pytest.fixture
def check_axe(axe_source) -> Callable:
    """Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now and fails on any violation."""

    def run(page, label: str) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=axe_source)
        result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        violations = result["violations"]
        assert not violations, (
            f"axe found {len(violations)} WCAG violation(s) on {label} ({page.url}):\n"
            + format_violations(violations)
        )

    return run
