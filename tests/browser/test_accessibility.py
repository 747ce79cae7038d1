"""Every page in Finnish, Swedish and English, anonymous and signed in, checked with axe-core (WCAG 2.1 A
and AA), for a plain page title, and for no sideways scrolling at 320 px (WCAG 1.4.10 reflow); the keyboard
basics (skip link); and that our Content Security Policy lets the pages run.

A new page is one row in its app's table: (name, path after the language prefix, who looks at it, and
optionally the expected status and browser steps to take before checking, such as a failed form submit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from tests.browser import (
    codevelopment_steps,
    family_steps,
    flows_steps,
    lifecycle_steps,
    phenomena_steps,
    reach_steps,
    steering_steps,
    survey_steps,
    team_raise_steps,
    triage_steps,
    workspace_steps,
)

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
ANONYMOUS, MEMBER, MANAGER = "anonymous", "member", "manager"


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[SimpleNamespace], str]  # the path after /<lang>, given the test network
    who: str  # ANONYMOUS; MEMBER (an ordinary group member); MANAGER (the chair, who manages meetings)
    status: int = 200
    then: Callable | None = None  # steps taken in the browser after loading, before axe runs
    reauthenticated: bool = False  # the password was just confirmed again (two-factor settings need it)


def _submit(page, form: str = "main form") -> None:
    """Submits the form the way a browser without client-side validation would, so the server's error
    messages show (our forms must be usable and accessible in that state too)."""
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def _failed_sign_in(page, net) -> None:
    page.fill("input[name=login]", net.member.email)
    page.fill("input[name=password]", "not-the-password")
    _submit(page)
    assert page.locator("main [role=alert]").count() == 1


def _failed_meeting_submit(page, net) -> None:
    page.fill("input[name=title]", "")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def _failed_agenda_item(page, net) -> None:
    _submit(page, "main form[action$='/agenda/']")
    assert page.locator("main .errorlist").count() >= 1


def _saved_meeting(page, net) -> None:
    page.fill("input[name=location]", "Kaupungintalo, kokoushuone 3")
    _submit(page)
    assert page.locator("main .messages").count() == 1


def _failed_password_change(page, net) -> None:
    page.fill("input[name=oldpassword]", "not-the-password")
    page.fill("input[name=password1]", "short")
    page.fill("input[name=password2]", "different")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def _failed_password_reset(page, net) -> None:
    page.fill("input[name=email]", "not an address")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def _member_observation(n, **kwargs):
    """An observation logged by the member (the observations pages); held text shows its notice."""
    from observations.tests.factories import ObservationFactory

    kwargs.setdefault("themes", ["yksinäisyys", "iltapäivät"])
    return ObservationFactory(family_centre=n.centre, area=n.municipality, author=n.member, **kwargs)


def _first_item(n) -> int:
    return n.meeting.agenda_items.first().pk


def _failed_observation_submit(page, net) -> None:
    page.fill("textarea[name=text]", "")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def table(*rows) -> list[Page]:
    """One app's pages, a row each: (name, path, who, *options). The path is the part after /<lang>, with
    `{n.…}` filled in from the test network, or a function of the network; an option is the expected
    status (an int), REAUTHENTICATED, or the browser steps to take before checking."""
    pages = []
    for name, path, who, *options in rows:
        page = Page(name, path if callable(path) else (lambda n, path=path: path.format(n=n)), who)
        for option in options:
            if option is REAUTHENTICATED:
                page = replace(page, reauthenticated=True)
            elif isinstance(option, int):
                page = replace(page, status=option)
            else:
                page = replace(page, then=option)
        pages.append(page)
    return pages


REAUTHENTICATED = "reauthenticated"  # the password was just confirmed again (two-factor settings need it)
MEETING, STEERING = "/network/meetings/{n.meeting.pk}/", "/network/groups/{n.steering.pk}/"

CORE = table(
    ("front page", "/", ANONYMOUS),
    ("accessibility statement", "/accessibility/", ANONYMOUS),
    ("not found", "/no-such-page/", ANONYMOUS, 404),
    ("front page", "/", MEMBER),
    ("accessibility statement", "/accessibility/", MEMBER),
    ("not found", "/network/groups/999999/", MEMBER, 404),
    ("forbidden", MEETING + "edit/", MEMBER, 403),
)
ACCOUNTS = table(
    ("sign-in", "/accounts/login/", ANONYMOUS),
    ("sign-in after a failed attempt", "/accounts/login/", ANONYMOUS, _failed_sign_in),
    ("password reset", "/accounts/password/reset/", ANONYMOUS),
    ("password reset with errors", "/accounts/password/reset/", ANONYMOUS, _failed_password_reset),
    ("password reset sent", "/accounts/password/reset/done/", ANONYMOUS),
    ("password reset with a bad link", "/accounts/password/reset/key/1-not-a-valid-key/", ANONYMOUS),
    ("sign-up closed", "/accounts/signup/", ANONYMOUS),
    ("my account", "/accounts/profile/", MEMBER),
    ("change password", "/accounts/password/change/", MEMBER),
    ("change password with errors", "/accounts/password/change/", MEMBER, _failed_password_change),
    ("two-factor authentication", "/accounts/2fa/", MEMBER),
    ("confirm password", "/accounts/reauthenticate/", MEMBER),
    ("activate authenticator app", "/accounts/2fa/totp/activate/", MEMBER, REAUTHENTICATED),
    ("sign out", "/accounts/logout/", MEMBER),
)
FAMILYCENTRES = table(
    ("family centres", "/network/", MEMBER),
    ("family centre", "/network/centres/{n.centre.slug}/", MEMBER),
    ("areas", "/network/areas/", MEMBER),
    ("groups", "/network/groups/", MEMBER),
    ("groups, nothing found", "/network/groups/?q=zzzz-no-such-group", MEMBER),
    ("group", STEERING, MEMBER),
    ("group", STEERING, MANAGER),
    ("meeting", MEETING, MEMBER),
    ("meeting", MEETING, MANAGER),
    ("meeting, agenda item with errors", MEETING, MANAGER, _failed_agenda_item),
    ("new meeting", STEERING + "meetings/new/", MANAGER),
    ("new meeting with errors", STEERING + "meetings/new/", MANAGER, _failed_meeting_submit),
    ("edit meeting", MEETING + "edit/", MANAGER),
    ("meeting saved, with a message", MEETING + "edit/", MANAGER, _saved_meeting),
    ("cancel meeting", MEETING + "cancel/", MANAGER),
    (
        "edit an agenda item",
        lambda n: f"/network/meetings/{n.meeting.pk}/agenda/{_first_item(n)}/edit/",
        MANAGER,
    ),
)
OBSERVATIONS = table(
    # Professionals
    ("log an observation", "/observations/new/", MEMBER),
    ("log an observation with errors", "/observations/new/", MEMBER, _failed_observation_submit),
    ("my observations, none yet", "/observations/", MEMBER),
    ("my observations", lambda n: _member_observation(n) and "/observations/", MEMBER),
    (
        "my observations, searched and nothing found",
        lambda n: _member_observation(n) and "/observations/?q=zzzz-no-such&sort=oldest",
        MEMBER,
    ),
    (
        "observation, held for review",
        lambda n: f"/observations/{_member_observation(n, text='Soita 040 123 4567', held=True).pk}/",
        MEMBER,
    ),
    ("edit observation", lambda n: f"/observations/{_member_observation(n).pk}/edit/", MEMBER),
    # Families, without an account: the open form, its thanks page, the code look-up and the status page
    ("family form", "/kerro/", ANONYMOUS),
    ("family form of a centre", "/kerro/{n.centre.slug}/", ANONYMOUS),
    ("family form with errors", "/kerro/", ANONYMOUS, family_steps.failed_family_form),
    ("family form sent, thanks", "/kerro/{n.centre.slug}/", ANONYMOUS, family_steps.sent_family_form),
    ("follow-up code look-up", "/seuranta/", ANONYMOUS),
    ("follow-up code look-up with errors", "/seuranta/", ANONYMOUS, family_steps.failed_lookup),
    ("follow-up status", lambda n: f"/seuranta/{family_steps.followup_code(n)}/", ANONYMOUS),
    (
        "follow-up status, closed",
        lambda n: f"/seuranta/{family_steps.followup_code(n, archived=True)}/",
        ANONYMOUS,
    ),
    ("follow-up status, unknown code", "/seuranta/ACEFH-ACEFH/", ANONYMOUS, 404),
    # The collector's triage (the member is made the family centre's collector) and the local team's pages
    ("triage queue", triage_steps.queue, MEMBER),
    ("triage queue, all", lambda n: triage_steps.queue(n, "?status=all&sort=oldest"), MEMBER),
    ("triage queue, nothing new", triage_steps.empty_queue, MEMBER),
    ("triage queue with bad filters", lambda n: triage_steps.queue(n, "?date_from=nope&area=abc"), MEMBER),
    ("observation as collector, held, with actions", triage_steps.held_observation, MEMBER),
    ("merge a duplicate", triage_steps.merge, MEMBER),
    ("merge with errors", triage_steps.merge, MEMBER, triage_steps.merge_with_errors),
    ("merge confirmation", triage_steps.merge, MEMBER, triage_steps.merge_confirmation),
    ("archive", triage_steps.archive, MEMBER),
    ("archive with errors", triage_steps.archive, MEMBER, triage_steps.archive_with_errors),
    ("archive confirmation", triage_steps.archive, MEMBER, triage_steps.archive_confirmation),
    ("redact", triage_steps.redact, MEMBER),
    ("redact with errors", triage_steps.redact, MEMBER, triage_steps.redact_with_errors),
    ("team view", triage_steps.team_view, MEMBER),
    ("team review form", triage_steps.team_review, MEMBER),
    ("team review with errors", triage_steps.team_review, MEMBER, triage_steps.review_with_errors),
    ("team meeting with a review", triage_steps.team_meeting_with_review, MEMBER),
    ("team group page", triage_steps.team_group, MEMBER),
)
PHENOMENA = table(
    # The member opened the phenomenon, so sees every action
    ("phenomena", lambda n: phenomena_steps.phenomenon(n) and "/phenomena/", MEMBER),
    ("phenomena, nothing found", "/phenomena/?q=zzzz-no-such&status=closed", MEMBER),
    ("phenomenon", phenomena_steps.detail, MEMBER),
    (
        "phenomenon, add observations with errors",
        phenomena_steps.detail,
        MEMBER,
        phenomena_steps.failed_add_observations,
    ),
    ("open a phenomenon from an observation", phenomena_steps.create_from_observation, MEMBER),
    (
        "open a phenomenon with errors",
        phenomena_steps.create_from_observation,
        MEMBER,
        phenomena_steps.failed_create,
    ),
    ("edit a phenomenon", phenomena_steps.edit, MEMBER),
    ("close a phenomenon", phenomena_steps.close, MEMBER),
    ("close a phenomenon with errors", phenomena_steps.close, MEMBER, phenomena_steps.failed_close),
    ("make an initiative", phenomena_steps.initiative, MEMBER),
    ("make an initiative with errors", phenomena_steps.initiative, MEMBER, phenomena_steps.failed_initiative),
    ("observation with phenomenon suggestions", phenomena_steps.observation_with_suggestions, MEMBER),
    # Initiatives and steering-group decisions (the chair of the local steering group decides)
    ("initiative, member", steering_steps.detail, MEMBER),
    ("initiative, chair", steering_steps.detail, MANAGER),
    ("initiative with history", steering_steps.forwarded_detail, MEMBER),
    ("withdraw an initiative", steering_steps.withdraw, MEMBER),
    ("initiatives of a group", steering_steps.queue, MEMBER),
    ("initiatives of a group, none", steering_steps.empty_queue, MANAGER),
    ("record a decision", steering_steps.decide, MANAGER),
    ("record a decision with errors", steering_steps.decide, MANAGER, steering_steps.failed_decision),
    ("raise a matter from a team meeting", team_raise_steps.raise_page, MEMBER),
    ("raise a matter with errors", team_raise_steps.raise_page, MEMBER, team_raise_steps.failed_raise),
    ("team meeting with raised matters", team_raise_steps.meeting_with_raised, MEMBER),
    (
        "record a decision, forwarding routes",
        lambda n: flows_steps.routes(n) and steering_steps.decide(n),
        MANAGER,
    ),
    ("forwarding routes", flows_steps.routes, MANAGER),
    ("decision of another body", flows_steps.other_decision, MEMBER),
    (
        "decision of another body with errors",
        flows_steps.other_decision,
        MEMBER,
        steering_steps.failed_decision,
    ),
    ("initiative with another body's decision", flows_steps.other_decision_recorded, MEMBER),
    ("report on a local action", flows_steps.local_action_report, MEMBER),
    (
        "report on a local action with errors",
        flows_steps.local_action_report,
        MEMBER,
        steering_steps.failed_decision,
    ),
    ("initiative with a report on a local action", flows_steps.reported_detail, MEMBER),
    ("decision register", steering_steps.register_with_decisions, ANONYMOUS),
    ("decision register of a centre", steering_steps.register_centre, ANONYMOUS),
    ("public decision", steering_steps.public_decision, ANONYMOUS),
    ("decision register, nothing found", "/paatokset/?q=zzzz-no-such", ANONYMOUS),
)
CODEVELOPMENT = table(
    ("start a developer group", codevelopment_steps.open_form, MANAGER),
    ("developer group workspace", codevelopment_steps.workspace, MANAGER),
    ("developer groups", codevelopment_steps.listing, MANAGER),
    # The workspace's tools
    ("workspace meetings", workspace_steps.meetings, MANAGER),
    ("workspace meeting memo", workspace_steps.memo, MANAGER),
    ("workspace dialogues", workspace_steps.dialogues, MANAGER),
    ("workspace documents", workspace_steps.documents, MANAGER),
    ("workspace invitations", workspace_steps.invitations, MANAGER),
    ("workspace invitation accept", workspace_steps.accept, ANONYMOUS),
    (
        "workspace invitation accept with errors",
        workspace_steps.accept,
        ANONYMOUS,
        workspace_steps.failed_accept,
    ),
    (
        "workspace seen by a client representative",
        workspace_steps.rep_sign_in,
        ANONYMOUS,
        workspace_steps.workspace_as_client_representative,
    ),
    # Experience surveys: the developer group's pages and the families' answer page
    ("experience surveys list", survey_steps.listing, MANAGER),
    ("experience survey editor", survey_steps.editor, MANAGER),
    ("experience survey poster", survey_steps.poster, MANAGER),
    ("experience survey results", survey_steps.results, MANAGER),
    ("experience survey public page", survey_steps.public, ANONYMOUS),
    (
        "experience survey public page with errors",
        survey_steps.public,
        ANONYMOUS,
        survey_steps.failed_public_submit,
    ),
    ("experience survey thanks", survey_steps.thanks, ANONYMOUS),
    # Reach, the public pages and the end of the loop
    ("consultation rounds", reach_steps.consultation_list, MANAGER),
    ("consultation round with answers", reach_steps.consultation_detail, MANAGER),
    ("developer group updates", reach_steps.update_list, MANAGER),
    ("developing now in a centre", reach_steps.public_page, ANONYMOUS),
    ("developer group proposal", lifecycle_steps.proposal, MANAGER),
    ("developer group follow-up with a chart", lifecycle_steps.follow_up, MANAGER),
    ("close a developer group", lifecycle_steps.close, MANAGER),
    ("whom a dialogue reached", lifecycle_steps.reach, MANAGER),
    ("developer group workspace before root causes", lifecycle_steps.before_root_causes, MANAGER),
    ("learning network follow-up with evaluations", lifecycle_steps.follow_up_network, MANAGER),
    ("developing now with follow-up results", lifecycle_steps.public_results, ANONYMOUS),
)
PAGES = [*CORE, *ACCOUNTS, *FAMILYCENTRES, *OBSERVATIONS, *PHENOMENA, *CODEVELOPMENT]


def label(entry: Page) -> str:
    return f"{entry.name} ({entry.who})"


def localized(lang: str, path: str) -> str:
    """The page's address in `lang`: the public paths are in the page's language (/fi/kerro/, /sv/beratta/,
    /en/tell/), so the Finnish path is translated the way the language switcher does it."""
    from django.urls import translate_url

    translated = translate_url(f"/fi{path}", lang)
    # An address no pattern matches (the not-found page) keeps its path under the language's prefix.
    return translated if translated != f"/fi{path}" or lang == "fi" else f"/{lang}{path}"


def signed_in_context(new_context, sign_in, net, who: str, reauthenticated: bool = False, **kwargs):
    context = new_context(**kwargs)
    if who != ANONYMOUS:
        sign_in(context, {MEMBER: net.member, MANAGER: net.chair}[who], reauthenticate=reauthenticated)
    return context


@pytest.mark.parametrize(
    ("entry", "lang"),
    [pytest.param(entry, lang, id=f"{label(entry)}-{lang}") for entry in PAGES for lang in LANGUAGES],
)
def test_page_has_no_accessibility_violations(
    entry: Page, lang: str, network, new_context, sign_in, check_axe
):
    page = signed_in_context(new_context, sign_in, network, entry.who, entry.reauthenticated).new_page()
    url = localized(lang, entry.path(network))

    response = page.goto(url)

    assert response is not None and response.status == entry.status, (
        f"{url} answered {response and response.status}"
    )
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} redirected to {page.url}"
    if entry.then:
        entry.then(page, network)
    assert page.get_attribute("html", "lang") == lang
    # WCAG 2.4.2: a title naming the page (plain text: markup there means a broken title block).
    title = page.title()
    assert title.endswith("– Ilmiö") and len(title) > len("– Ilmiö") + 1 and "<" not in title, repr(title)
    check_axe(page, f"{label(entry)} in {lang}")
    # The same page, in the same state, on a narrow screen.
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scrolling(page)


def assert_no_horizontal_scrolling(page) -> None:
    """WCAG 1.4.10 Reflow: at 320 CSS pixels wide (a 1280 px window at 400 % zoom) nothing but data
    tables may need scrolling sideways, and those scroll inside their own .table-wrap."""
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    width = page.viewport_size["width"]
    if scroll_width > width:
        too_wide = page.evaluate(
            """width => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .filter(el => !el.closest('.table-wrap, .visually-hidden'))
                .slice(0, 5).map(el => el.outerHTML.slice(0, 200))""",
            width,
        )
        pytest.fail(f"{page.url} is {scroll_width}px wide on a {width}px screen; too wide: {too_wide}")


def test_axe_check_reports_violations(page, check_axe):
    """The harness itself: a page with known faults must fail, with the rule and the element named."""
    page.set_content('<html><body><main><img src="data:,"><a href="#"></a></main></body></html>')

    with pytest.raises(AssertionError) as failure:
        check_axe(page, "a broken page")

    message = str(failure.value)
    assert "html-has-lang" in message and "image-alt" in message and "link-name" in message
    assert '<img src="data:,">' in message


KEY_PAGES = [
    Page("front page", lambda n: "/", ANONYMOUS),
    Page("front page", lambda n: "/", MEMBER),
    Page("group", lambda n: f"/network/groups/{n.steering.pk}/", MANAGER),
]


@pytest.mark.parametrize("entry", [pytest.param(e, id=label(e)) for e in KEY_PAGES])
def test_narrow_screen_has_no_horizontal_scrolling(entry: Page, network, new_context, sign_in):
    # Every page is also checked after resizing (above); these are loaded narrow from the start.
    context = signed_in_context(new_context, sign_in, network, entry.who, width=320, height=640)
    page = context.new_page()
    for lang in LANGUAGES:
        page.goto(localized(lang, entry.path(network)))
        assert_no_horizontal_scrolling(page)


@pytest.mark.parametrize("entry", [pytest.param(e, id=label(e)) for e in KEY_PAGES])
def test_skip_link_is_first_and_moves_focus_to_main(entry: Page, network, new_context, sign_in):
    page = signed_in_context(new_context, sign_in, network, entry.who).new_page()
    page.goto(f"/fi{entry.path(network)}")

    page.keyboard.press("Tab")

    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')"), page.evaluate(
        "() => document.activeElement.outerHTML"
    )
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"
    # Visible when focused (it sits above the top edge otherwise).
    assert page.locator(".skip-link").bounding_box()["y"] >= 0

    page.keyboard.press("Enter")

    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")


def test_content_security_policy_allows_our_pages(network, new_context, sign_in):
    """The other tests bypass the CSP to inject axe; this one keeps it on and watches for violations."""
    context = new_context(bypass_csp=False)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(f"{page.url}: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: violations.append(f"{page.url}: uncaught {exc}"))

    for path in ["/fi/", "/fi/accounts/login/", "/fi/accessibility/"]:
        page.goto(path, wait_until="networkidle")
    sign_in(context, network.chair, reauthenticate=True)
    for path in [
        "/fi/",
        f"/fi/network/groups/{network.steering.pk}/",
        f"/fi/network/meetings/{network.meeting.pk}/",
        f"/fi/network/groups/{network.steering.pk}/meetings/new/",
        "/fi/accounts/2fa/totp/activate/",
        "/fi/network/groups/",
    ]:
        page.goto(path, wait_until="networkidle")
    # Exercise htmx too: the group search updates the results in place.
    with page.expect_response(
        lambda r: "/fi/network/groups/" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.fill("#id_q", "perhekeskus")
    page.wait_for_load_state("networkidle")

    assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not load under the CSP"
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)
