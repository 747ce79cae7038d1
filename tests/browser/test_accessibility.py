"""Every page in Finnish, Swedish and English, anonymous and signed in, checked with axe-core (WCAG 2.1 A
and AA), for a plain page title, and for no sideways scrolling at 320 px (WCAG 1.4.10 reflow); the keyboard
basics (skip link); and that our Content Security Policy lets the pages run.

A new page is one line in PAGES: (name, path after the language prefix, who looks at it, and optionally
the expected status and browser steps to take before checking, such as a failed form submit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def _failed_observation_submit(page, net) -> None:
    page.fill("textarea[name=text]", "")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


PAGES = [
    # Public pages
    Page("front page", lambda n: "/", ANONYMOUS),
    Page("accessibility statement", lambda n: "/accessibility/", ANONYMOUS),
    Page("sign-in", lambda n: "/accounts/login/", ANONYMOUS),
    Page("sign-in after a failed attempt", lambda n: "/accounts/login/", ANONYMOUS, then=_failed_sign_in),
    Page("password reset", lambda n: "/accounts/password/reset/", ANONYMOUS),
    Page(
        "password reset with errors",
        lambda n: "/accounts/password/reset/",
        ANONYMOUS,
        then=_failed_password_reset,
    ),
    Page("password reset sent", lambda n: "/accounts/password/reset/done/", ANONYMOUS),
    Page(
        "password reset with a bad link",
        lambda n: "/accounts/password/reset/key/1-not-a-valid-key/",
        ANONYMOUS,
    ),
    Page("sign-up closed", lambda n: "/accounts/signup/", ANONYMOUS),
    Page("not found", lambda n: "/no-such-page/", ANONYMOUS, status=404),
    # Signed in
    Page("front page", lambda n: "/", MEMBER),
    Page("accessibility statement", lambda n: "/accessibility/", MEMBER),
    Page("not found", lambda n: "/network/groups/999999/", MEMBER, status=404),
    Page("forbidden", lambda n: f"/network/meetings/{n.meeting.pk}/edit/", MEMBER, status=403),
    Page("family centres", lambda n: "/network/", MEMBER),
    Page("family centre", lambda n: f"/network/centres/{n.centre.slug}/", MEMBER),
    Page("areas", lambda n: "/network/areas/", MEMBER),
    Page("groups", lambda n: "/network/groups/", MEMBER),
    Page("groups, nothing found", lambda n: "/network/groups/?q=zzzz-no-such-group", MEMBER),
    Page("group", lambda n: f"/network/groups/{n.steering.pk}/", MEMBER),
    Page("group", lambda n: f"/network/groups/{n.steering.pk}/", MANAGER),
    Page("meeting", lambda n: f"/network/meetings/{n.meeting.pk}/", MEMBER),
    Page("meeting", lambda n: f"/network/meetings/{n.meeting.pk}/", MANAGER),
    Page(
        "meeting, agenda item with errors",
        lambda n: f"/network/meetings/{n.meeting.pk}/",
        MANAGER,
        then=_failed_agenda_item,
    ),
    Page("new meeting", lambda n: f"/network/groups/{n.steering.pk}/meetings/new/", MANAGER),
    Page(
        "new meeting with errors",
        lambda n: f"/network/groups/{n.steering.pk}/meetings/new/",
        MANAGER,
        then=_failed_meeting_submit,
    ),
    Page("edit meeting", lambda n: f"/network/meetings/{n.meeting.pk}/edit/", MANAGER),
    Page(
        "meeting saved, with a message",
        lambda n: f"/network/meetings/{n.meeting.pk}/edit/",
        MANAGER,
        then=_saved_meeting,
    ),
    Page("cancel meeting", lambda n: f"/network/meetings/{n.meeting.pk}/cancel/", MANAGER),
    Page(
        "edit an agenda item",
        lambda n: f"/network/meetings/{n.meeting.pk}/agenda/{n.meeting.agenda_items.first().pk}/edit/",
        MANAGER,
    ),
    Page("my account", lambda n: "/accounts/profile/", MEMBER),
    Page("change password", lambda n: "/accounts/password/change/", MEMBER),
    Page(
        "change password with errors",
        lambda n: "/accounts/password/change/",
        MEMBER,
        then=_failed_password_change,
    ),
    Page("two-factor authentication", lambda n: "/accounts/2fa/", MEMBER),
    Page("confirm password", lambda n: "/accounts/reauthenticate/", MEMBER),
    Page(
        "activate authenticator app", lambda n: "/accounts/2fa/totp/activate/", MEMBER, reauthenticated=True
    ),
    Page("sign out", lambda n: "/accounts/logout/", MEMBER),
    # Observations (professionals)
    Page("log an observation", lambda n: "/observations/new/", MEMBER),
    Page(
        "log an observation with errors",
        lambda n: "/observations/new/",
        MEMBER,
        then=_failed_observation_submit,
    ),
    Page("my observations, none yet", lambda n: "/observations/", MEMBER),
    Page("my observations", lambda n: _member_observation(n) and "/observations/", MEMBER),
    Page(
        "my observations, searched and nothing found",
        lambda n: _member_observation(n) and "/observations/?q=zzzz-no-such&sort=oldest",
        MEMBER,
    ),
    Page(
        "observation, held for review",
        lambda n: f"/observations/{_member_observation(n, text='Soita 040 123 4567', held=True).pk}/",
        MEMBER,
    ),
    Page("edit observation", lambda n: f"/observations/{_member_observation(n).pk}/edit/", MEMBER),
    # Families, without an account: the open form, its thanks page, the code look-up and the status page
    Page("family form", lambda n: "/kerro/", ANONYMOUS),
    Page("family form of a centre", lambda n: f"/kerro/{n.centre.slug}/", ANONYMOUS),
    Page("family form with errors", lambda n: "/kerro/", ANONYMOUS, then=family_steps.failed_family_form),
    Page(
        "family form sent, thanks",
        lambda n: f"/kerro/{n.centre.slug}/",
        ANONYMOUS,
        then=family_steps.sent_family_form,
    ),
    Page("follow-up code look-up", lambda n: "/seuranta/", ANONYMOUS),
    Page(
        "follow-up code look-up with errors",
        lambda n: "/seuranta/",
        ANONYMOUS,
        then=family_steps.failed_lookup,
    ),
    Page("follow-up status", lambda n: f"/seuranta/{family_steps.followup_code(n)}/", ANONYMOUS),
    Page(
        "follow-up status, closed",
        lambda n: f"/seuranta/{family_steps.followup_code(n, archived=True)}/",
        ANONYMOUS,
    ),
    Page("follow-up status, unknown code", lambda n: "/seuranta/ACEFH-ACEFH/", ANONYMOUS, status=404),
    # The collector's triage (the member is made the family centre's collector) and the local team's pages
    Page("triage queue", triage_steps.queue, MEMBER),
    Page("triage queue, all", lambda n: triage_steps.queue(n, "?status=all&sort=oldest"), MEMBER),
    Page("triage queue, nothing new", triage_steps.empty_queue, MEMBER),
    Page(
        "triage queue with bad filters", lambda n: triage_steps.queue(n, "?date_from=nope&area=abc"), MEMBER
    ),
    Page("observation as collector, held, with actions", triage_steps.held_observation, MEMBER),
    Page("merge a duplicate", triage_steps.merge, MEMBER),
    Page("merge with errors", triage_steps.merge, MEMBER, then=triage_steps.merge_with_errors),
    Page("merge confirmation", triage_steps.merge, MEMBER, then=triage_steps.merge_confirmation),
    Page("archive", triage_steps.archive, MEMBER),
    Page("archive with errors", triage_steps.archive, MEMBER, then=triage_steps.archive_with_errors),
    Page("archive confirmation", triage_steps.archive, MEMBER, then=triage_steps.archive_confirmation),
    Page("redact", triage_steps.redact, MEMBER),
    Page("redact with errors", triage_steps.redact, MEMBER, then=triage_steps.redact_with_errors),
    Page("team view", triage_steps.team_view, MEMBER),
    Page("team review form", triage_steps.team_review, MEMBER),
    Page("team review with errors", triage_steps.team_review, MEMBER, then=triage_steps.review_with_errors),
    Page("team meeting with a review", triage_steps.team_meeting_with_review, MEMBER),
    Page("team group page", triage_steps.team_group, MEMBER),
    # Phenomena (the member opened the phenomenon, so sees every action)
    Page("phenomena", lambda n: phenomena_steps.phenomenon(n) and "/phenomena/", MEMBER),
    Page("phenomena, nothing found", lambda n: "/phenomena/?q=zzzz-no-such&status=closed", MEMBER),
    Page("phenomenon", phenomena_steps.detail, MEMBER),
    Page(
        "phenomenon, add observations with errors",
        phenomena_steps.detail,
        MEMBER,
        then=phenomena_steps.failed_add_observations,
    ),
    Page("open a phenomenon from an observation", phenomena_steps.create_from_observation, MEMBER),
    Page(
        "open a phenomenon with errors",
        phenomena_steps.create_from_observation,
        MEMBER,
        then=phenomena_steps.failed_create,
    ),
    Page("edit a phenomenon", phenomena_steps.edit, MEMBER),
    Page("close a phenomenon", phenomena_steps.close, MEMBER),
    Page("close a phenomenon with errors", phenomena_steps.close, MEMBER, then=phenomena_steps.failed_close),
    Page("make an initiative", phenomena_steps.initiative, MEMBER),
    Page(
        "make an initiative with errors",
        phenomena_steps.initiative,
        MEMBER,
        then=phenomena_steps.failed_initiative,
    ),
    Page("observation with phenomenon suggestions", phenomena_steps.observation_with_suggestions, MEMBER),
    # Initiatives and steering-group decisions (the chair of the local steering group decides)
    Page("initiative, member", steering_steps.detail, MEMBER),
    Page("initiative, chair", steering_steps.detail, MANAGER),
    Page("initiative with history", steering_steps.forwarded_detail, MEMBER),
    Page("withdraw an initiative", steering_steps.withdraw, MEMBER),
    Page("initiatives of a group", steering_steps.queue, MEMBER),
    Page("initiatives of a group, none", steering_steps.empty_queue, MANAGER),
    Page("record a decision", steering_steps.decide, MANAGER),
    Page(
        "record a decision with errors", steering_steps.decide, MANAGER, then=steering_steps.failed_decision
    ),
    Page("raise a matter from a team meeting", team_raise_steps.raise_page, MEMBER),
    Page(
        "raise a matter with errors",
        team_raise_steps.raise_page,
        MEMBER,
        status=200,
        then=team_raise_steps.failed_raise,
    ),
    Page("team meeting with raised matters", team_raise_steps.meeting_with_raised, MEMBER),
    Page(
        "record a decision, forwarding routes",
        lambda n: flows_steps.routes(n) and steering_steps.decide(n),
        MANAGER,
    ),
    Page("forwarding routes", flows_steps.routes, MANAGER),
    Page("decision of another body", flows_steps.other_decision, MEMBER),
    Page(
        "decision of another body with errors",
        flows_steps.other_decision,
        MEMBER,
        then=steering_steps.failed_decision,
    ),
    Page("initiative with another body's decision", flows_steps.other_decision_recorded, MEMBER),
    Page("report on a local action", flows_steps.local_action_report, MEMBER),
    Page(
        "report on a local action with errors",
        flows_steps.local_action_report,
        MEMBER,
        then=steering_steps.failed_decision,
    ),
    Page("initiative with a report on a local action", flows_steps.reported_detail, MEMBER),
    Page("decision register", steering_steps.register_with_decisions, ANONYMOUS),
    Page("decision register of a centre", steering_steps.register_centre, ANONYMOUS),
    Page("public decision", steering_steps.public_decision, ANONYMOUS),
    # Co-development
    Page("start a developer group", codevelopment_steps.open_form, MANAGER),
    Page("developer group workspace", codevelopment_steps.workspace, MANAGER),
    Page("developer groups", codevelopment_steps.listing, MANAGER),
    # Developer group's workspace tools
    Page("workspace meetings", workspace_steps.meetings, MANAGER),
    Page("workspace meeting memo", workspace_steps.memo, MANAGER),
    Page("workspace dialogues", workspace_steps.dialogues, MANAGER),
    Page("workspace documents", workspace_steps.documents, MANAGER),
    Page("workspace invitations", workspace_steps.invitations, MANAGER),
    Page("workspace invitation accept", workspace_steps.accept, ANONYMOUS),
    Page(
        "workspace invitation accept with errors",
        workspace_steps.accept,
        ANONYMOUS,
        then=workspace_steps.failed_accept,
    ),
    Page(
        "workspace seen by a client representative",
        workspace_steps.rep_sign_in,
        ANONYMOUS,
        then=workspace_steps.workspace_as_client_representative,
    ),
    # Experience surveys: the developer group's pages and the families' answer page
    Page("experience surveys list", survey_steps.listing, MANAGER),
    Page("experience survey editor", survey_steps.editor, MANAGER),
    Page("experience survey poster", survey_steps.poster, MANAGER),
    Page("experience survey results", survey_steps.results, MANAGER),
    Page("experience survey public page", survey_steps.public, ANONYMOUS),
    Page(
        "experience survey public page with errors",
        survey_steps.public,
        ANONYMOUS,
        then=survey_steps.failed_public_submit,
    ),
    Page("experience survey thanks", survey_steps.thanks, ANONYMOUS),
    Page("consultation rounds", reach_steps.consultation_list, MANAGER),
    Page("consultation round with answers", reach_steps.consultation_detail, MANAGER),
    Page("developer group updates", reach_steps.update_list, MANAGER),
    Page("developing now in a centre", reach_steps.public_page, ANONYMOUS),
    Page("developer group proposal", lifecycle_steps.proposal, MANAGER),
    Page("developer group follow-up with a chart", lifecycle_steps.follow_up, MANAGER),
    Page("close a developer group", lifecycle_steps.close, MANAGER),
    Page("whom a dialogue reached", lifecycle_steps.reach, MANAGER),
    Page("developer group workspace before root causes", lifecycle_steps.before_root_causes, MANAGER),
    Page("learning network follow-up with evaluations", lifecycle_steps.follow_up_network, MANAGER),
    Page("developing now with follow-up results", lifecycle_steps.public_results, ANONYMOUS),
    Page("decision register, nothing found", lambda n: "/paatokset/?q=zzzz-no-such", ANONYMOUS),
]


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
