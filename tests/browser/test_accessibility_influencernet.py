"""The influencer network's pages in Finnish, Swedish and English, anonymous, as a representative (a
limited account) and as the coordinator, checked with axe-core (WCAG 2.1 A and AA), for a plain page title
and for no sideways scrolling at 320 px. The paths are translated (/fi/vaikuttajaverkosto/,
/sv/paverkarnatverket/, /en/influencer-network/), so each is reversed in its language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
ANONYMOUS, REPRESENTATIVE, COORDINATOR, SECRETARY = "anonymous", "representative", "coordinator", "secretary"


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[SimpleNamespace], str]  # called inside translation.override(lang)
    who: str
    status: int = 200
    then: Callable | None = None


def _r(name: str, *args) -> Callable[[SimpleNamespace], str]:
    def make(n: SimpleNamespace) -> str:
        values = (
            [n.network.slug, *(getattr(n, a).pk for a in args)]
            if name not in {"public_index", "network_list"}
            else []
        )
        return reverse(f"influencernet:{name}", args=values)

    return make


def _submit(page, form: str = "main form") -> None:
    """Submits without the browser's own validation, so the server's error messages show."""
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def assert_no_horizontal_scrolling(page) -> None:
    """WCAG 1.4.10 Reflow at 320 CSS pixels: only data tables (inside .table-wrap) may scroll sideways."""
    width = page.viewport_size["width"]
    if page.evaluate("() => document.documentElement.scrollWidth") > width:
        too_wide = page.evaluate(
            """width => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .filter(el => !el.closest('.table-wrap, .visually-hidden'))
                .slice(0, 5).map(el => el.outerHTML.slice(0, 200))""",
            width,
        )
        pytest.fail(f"{page.url} is too wide on a {width}px screen: {too_wide}")


def _failed_statement(page, n) -> None:
    page.fill("textarea[name=text]", "Soita 040 123 4567")
    page.check("input[name=is_public]")
    form = "main form[action$='/statement/']"
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[value=send]").click()
    assert page.locator("main .errorlist").count() >= 1


def _failed_matter(page, n) -> None:
    _submit(page, "main form")
    assert page.locator("main .errorlist").count() >= 1


PAGES = [
    Page("public index", _r("public_index"), ANONYMOUS),
    Page("public network page", _r("public"), ANONYMOUS),
    Page("public matter with response", _r("public_matter", "closed"), ANONYMOUS),
    Page("public proposal with decision", _r("public_proposal", "proposal"), ANONYMOUS),
    Page("my networks", _r("network_list"), REPRESENTATIVE),
    Page("workspace", _r("workspace"), COORDINATOR),
    Page("members", _r("member_list"), COORDINATOR),
    Page("member", _r("member_detail", "member"), COORDINATOR),
    Page("member leaves", _r("member_leave", "member"), COORDINATOR),
    Page("matters", _r("matter_list"), REPRESENTATIVE),
    Page("bring a matter", _r("matter_new"), SECRETARY),
    Page("bring a matter with errors", _r("matter_new"), SECRETARY, then=_failed_matter),
    Page("matter with statement form", _r("matter_detail", "open"), REPRESENTATIVE),
    Page("matter with statement errors", _r("matter_detail", "open"), REPRESENTATIVE, then=_failed_statement),
    Page("matter summary and response form", _r("matter_detail", "past"), COORDINATOR),
    Page("calls", _r("call_list"), COORDINATOR),
    Page("call with nominations", _r("call_detail", "call"), COORDINATOR),
    Page("call nomination form", _r("call_detail", "call"), REPRESENTATIVE),
    Page("proposals", _r("proposal_list"), REPRESENTATIVE),
    Page("proposal to forward", _r("proposal_detail", "received"), COORDINATOR),
    Page("glossary", _r("glossary"), REPRESENTATIVE),
]


@pytest.fixture
def inf(transactional_db) -> SimpleNamespace:
    from datetime import timedelta

    from django.utils import timezone

    from familycentres.tests.factories import MeetingFactory
    from influencernet.services import calls, glossary, matters, proposals
    from influencernet.tests.factories import open_matter, pass_deadline, world
    from phenomena import services as phenomena_services

    w = world(3)
    open_ = open_matter(w, title="Ilta-aukiolot")
    past = open_matter(w, title="Ajanvaraus verkossa")
    matters.statement_save(
        actor=w.reps[0], matter=past, member=w.members[0], text="Puhelinajat säilytettävä.", is_public=True
    )
    pass_deadline(past)
    closed = open_matter(w, title="Kesän kerhot")
    matters.statement_save(
        actor=w.reps[1], matter=closed, member=w.members[1], text="Kerhoja lisää.", is_public=True
    )
    pass_deadline(closed)
    matters.matter_respond(actor=w.coordinator, matter=closed, response="Kerhoja lisätään kahteen kouluun.")
    matters.matter_close(actor=w.coordinator, matter=closed)
    call = calls.call_create(
        actor=w.coordinator,
        network=w.network,
        title="Nuorten kehittäjäryhmä",
        description="Nuoria",
        how_many=3,
        deadline=timezone.localdate() + timedelta(days=5),
    )
    calls.nomination_add(
        actor=w.reps[0], call=call, member=w.members[0], full_name="Aino Nuori", email="aino@example.test"
    )
    proposal = proposals.proposal_submit(
        actor=w.reps[0],
        network=w.network,
        family_centre=w.centre,
        kind="development",
        title="Nuorten ilta",
        description="Oma ilta nuorille",
        member=w.members[0],
    )
    proposal = proposals.proposal_forward(
        actor=w.coordinator,
        proposal=proposal,
        group=w.steering,
        rationale="Verkoston esitys",
        initiative_proposal="local_action",
    )
    meeting = MeetingFactory(group=w.steering, started=True)
    phenomena_services.initiative_put_on_agenda(
        actor=w.secretary, initiative=proposal.initiative, meeting=meeting
    )
    phenomena_services.decision_record(
        actor=w.secretary,
        initiative=proposal.initiative,
        kind="information",
        reasons="Otetaan suunnitelmaan",
        meeting=meeting,
    )
    received = proposals.proposal_submit(
        actor=w.reps[1],
        network=w.network,
        family_centre=w.centre,
        kind="evaluation",
        title="Palvelupolun arviointi",
        description="Arvioidaan yhdessä",
        member=w.members[1],
    )
    change = glossary.term_change_propose(
        actor=w.reps[0],
        network=w.network,
        term_fi="Osallisuus",
        meaning_fi="Mukanaolo",
        term_sv="Delaktighet",
    )
    glossary.term_change_decide(actor=w.coordinator, change=change, approve=True)
    glossary.term_change_propose(
        actor=w.reps[0], network=w.network, term_fi="Vaikuttaja", meaning_fi="Edustaja"
    )
    return SimpleNamespace(
        w=w,
        network=w.network,
        open=open_,
        past=past,
        closed=closed,
        call=call,
        proposal=proposal,
        received=received,
        member=w.members[0],
    )


def _context(new_context, sign_in, n, who: str, **kwargs):
    context = new_context(**kwargs)
    user = {REPRESENTATIVE: n.w.reps[0], COORDINATOR: n.w.coordinator, SECRETARY: n.w.secretary}.get(who)
    if user is not None:
        sign_in(context, user)
    return context


@pytest.mark.parametrize(
    ("entry", "lang"),
    [pytest.param(e, lang, id=f"{e.name} ({e.who})-{lang}") for e in PAGES for lang in LANGUAGES],
)
def test_influencernet_page_has_no_accessibility_violations(
    entry: Page, lang: str, inf, new_context, sign_in, check_axe
):
    page = _context(new_context, sign_in, inf, entry.who).new_page()
    with translation.override(lang):
        url = entry.url(inf)
    response = page.goto(url)
    assert response is not None and response.status == entry.status, (
        f"{url} answered {response and response.status}"
    )
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} redirected to {page.url}"
    if entry.then:
        entry.then(page, inf)
    assert page.get_attribute("html", "lang") == lang
    title = page.title()
    assert title.endswith("– Ilmiö") and "<" not in title, repr(title)
    check_axe(page, f"{entry.name} ({entry.who}) in {lang}")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scrolling(page)
