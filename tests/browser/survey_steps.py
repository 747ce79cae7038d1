"""Data and browser steps for the experience survey pages, used by the accessibility suite. The chair
(MANAGER) coordinates the developer group (codevelopment_steps) and writes a survey of three questions;
families answer it on the public page without an account."""

from __future__ import annotations

import time

from tests.browser import codevelopment_steps, family_steps


def process(n):
    if getattr(n, "_survey_process", None) is None:
        n._survey_process = codevelopment_steps.process(n)
    return n._survey_process


def survey(n, *, opened: bool = True, answered: bool = False):
    """A survey with a scale, a choice and an open-text question; opened and answered on request."""
    from codevelopment.services import surveys

    key = f"_survey_{opened}_{answered}"
    if getattr(n, key, None) is not None:
        return getattr(n, key)
    made = surveys.survey_create(
        actor=n.chair,
        process=process(n),
        title="Kokemuksia iltapäivätoiminnasta",
        title_sv="Erfarenheter av eftermiddagsverksamheten",
        intro="Kerro, miten iltapäivätoiminta on sujunut. Vastaukset ovat nimettömiä.",
    )
    surveys.survey_question_add(
        actor=n.chair, survey=made, kind="scale", text="Saitteko apua, kun tarvitsitte?", required=True
    )
    surveys.survey_question_add(
        actor=n.chair,
        survey=made,
        kind="choice",
        text="Mistä kuulitte iltapäivätoiminnasta?",
        text_sv="Var hörde ni om eftermiddagsverksamheten?",
        options="Neuvolasta\nKoulusta\nKaverilta",
        options_sv="Rådgivningen\nSkolan\nEn vän",
    )
    surveys.survey_question_add(actor=n.chair, survey=made, kind="text", text="Mitä muuta haluatte kertoa?")
    if opened:
        surveys.survey_open(actor=n.chair, survey=made)
    if answered:
        questions = list(made.questions.order_by("position", "id"))
        for scale, choice, text in [(4, 0, "Ohjaajat olivat ystävällisiä."), (2, 1, ""), (5, 2, "Hyvä.")]:
            surveys.survey_submit_answers(
                survey=made,
                answers={questions[0].pk: scale, questions[1].pk: choice, questions[2].pk: text},
                language="fi",
            )
    setattr(n, key, made)
    return made


def listing(n) -> str:
    survey(n)
    return f"/codevelopment/{process(n).pk}/surveys/"


def editor(n) -> str:
    made = survey(n, opened=False)
    return f"/codevelopment/{process(n).pk}/surveys/{made.pk}/"


def poster(n) -> str:
    made = survey(n)
    return f"/codevelopment/{process(n).pk}/surveys/{made.pk}/poster/"


def results(n) -> str:
    made = survey(n, answered=True)
    return f"/codevelopment/{process(n).pk}/surveys/{made.pk}/results/"


def public(n) -> str:
    return f"/kysely/{survey(n).public_id}/"


def thanks(n) -> str:
    return f"/kysely/{survey(n).public_id}/kiitos/"


def failed_public_submit(page, net) -> None:
    """Sends the survey without the required answer: the error summary links to the question."""
    started = time.monotonic()
    page.fill("main form.public-form textarea", "Ohjaajat olivat ystävällisiä.")
    family_steps.wait_for_altcha(page)
    family_steps.wait_for_stamp(started)
    family_steps.send(page)
    assert page.locator("main .error-summary[role=alert] li a").count() >= 1
    # The widget on the new page solves a new challenge; wait so the page is checked as people see it.
    family_steps.wait_for_altcha(page)
