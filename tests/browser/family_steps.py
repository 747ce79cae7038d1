"""Browser steps for the families' public pages (the open form, the thanks page, the code look-up and the
status page), shared by the accessibility suite and the flow test. The ALTCHA widget is solved by its real
JavaScript in Chromium; the steps wait for it as a person would."""

from __future__ import annotations

import re
import time

ALTCHA_SOLVED = (
    "() => { const i = document.querySelector('altcha-widget input[type=hidden][name=altcha]');"
    " return !!(i && i.value); }"
)
# The server refuses a form sent within three seconds of being shown (observations.spam).
STAMP_MIN_SECONDS = 3.2
STATUS_CODE = "ACEFH-34679"


def wait_for_altcha(page, timeout: int = 60_000) -> None:
    page.wait_for_function(ALTCHA_SOLVED, timeout=timeout)


def wait_for_stamp(started: float) -> None:
    left = STAMP_MIN_SECONDS - (time.monotonic() - started)
    if left > 0:
        time.sleep(left)


def send(page, form: str = "main form.public-form") -> None:
    """Sends the form as a browser without client-side validation would."""
    page.eval_on_selector(form, "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def fill_family_form(page, text: str = "Lapsilla ei ole koulun jälkeen paikkaa, jossa olla. 😀") -> None:
    page.fill("#id_text", text)
    page.check("#id_environment_2")
    page.check("#id_age_group_2")
    if not page.eval_on_selector("#id_municipality", "s => s.value"):
        page.select_option("#id_municipality", index=1)


def failed_family_form(page, net) -> None:
    """Sends the open form empty: the error summary lists every missing field."""
    started = time.monotonic()
    wait_for_altcha(page)
    wait_for_stamp(started)
    send(page)
    assert page.locator("main .error-summary[role=alert] li a").count() >= 3
    # The widget on the new page solves a new challenge; wait so the page is checked as people see it.
    wait_for_altcha(page)


def sent_family_form(page, net) -> None:
    """Fills in and sends the open form; the browser lands on the thanks page with its code."""
    started = time.monotonic()
    fill_family_form(page)
    wait_for_altcha(page)
    wait_for_stamp(started)
    send(page)
    # /fi/kerro/kiitos/, /sv/beratta/tack/, /en/tell/thanks/
    assert re.search(r"/(kerro/kiitos|beratta/tack|tell/thanks)/", page.url), page.url
    assert page.locator("main .code-box__code").count() == 1


def failed_lookup(page, net) -> None:
    page.fill("#id_code", "not a code")
    send(page)
    assert page.locator("main .error-summary[role=alert]").count() == 1


def followup_code(net, *, archived: bool = False) -> str:
    """The follow-up code of a family's observation in the test network (made once per test)."""
    from django.utils import timezone

    from observations.models import Observation
    from observations.tests.factories import FamilyObservationFactory

    code = STATUS_CODE if not archived else "ACEFH-34677"
    observation = Observation.objects.filter(followup_code=code).first()
    if observation is None:
        fields = {}
        if archived:
            fields = {
                "status": Observation.Status.ARCHIVED,
                "archive_reason": "Asia on jo työn alla toisessa hankkeessa.",
                "triaged_at": timezone.now(),
            }
        observation = FamilyObservationFactory(
            family_centre=net.centre, area=net.municipality, followup_code=code, **fields
        )
    return observation.followup_code
