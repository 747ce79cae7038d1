"""Data for the life cycle pages of a co-development process (proposal, follow-up, closing), used by the
accessibility suite. The local steering group's chair (MANAGER) coordinates the developer group, decides on
its proposal and follows up the implementation."""

from __future__ import annotations

import datetime

from tests.browser import codevelopment_steps


def _designing(n):
    from codevelopment.services import lifecycle

    process = codevelopment_steps.process(n)
    lifecycle.process_advance(actor=n.chair, process=process, stage="designing")
    lifecycle.proposal_save(
        actor=n.chair,
        process=process,
        solutions="Iltapäiväkerho jokaiselle alakoululle.",
        plan="Kokeilu syksyllä kahdessa koulussa, laajennus keväällä.",
        measurement="Kerhopaikkojen määrä ja perheiden kokemus.",
    )
    return process


REACH = {
    "target_group": "Ekaluokkalaisten vanhemmat",
    "channel": "in_person",
    "environment": "Koulun vanhempainilta",
    "vulnerable_reached": "partly",
    "vulnerable_how": "Koulukuraattori kutsui perheet, jotka eivät tavallisesti tule vanhempainiltoihin.",
}


def _dialogue(n, process, reach=True):
    from codevelopment.services import meetings

    return meetings.dialogue_add(
        actor=n.chair,
        process=process,
        method="eratauko",
        held_on=datetime.date(2026, 9, 1),
        question="Millainen iltapäivä olisi turvallinen?",
        participants="Kuusi vanhempaa ja kaksi opettajaa.",
        heard="Kerhoja toivotaan jokaiseen kouluun.",
        reach=REACH if reach else None,
    )


def _implementing(n):
    from codevelopment.services import lifecycle
    from phenomena import services

    process = _designing(n)
    _dialogue(n, process)
    proposal = lifecycle.proposal_send(actor=n.chair, process=process)
    services.decision_record(
        actor=n.chair,
        initiative=proposal.initiative,
        kind="approve_implementation",
        reasons="Ehdotus hyväksytään toteutettavaksi.",
        follow_up_owner=n.chair,
    )
    process.refresh_from_db()
    return process


def proposal(n) -> str:
    return f"/codevelopment/{_designing(n).pk}/proposal/"


def follow_up(n) -> str:
    """Two recorded points and one still due: the chart has a line."""
    from codevelopment.services import lifecycle

    process = _implementing(n)
    metric = lifecycle.metric_add(
        actor=n.chair,
        process=process,
        name="Iltapäiväkerhon paikat",
        unit="paikkaa",
        baseline="20",
        target="40",
        method="Kunnan tilasto lukukauden alussa.",
    )
    start = datetime.date(2026, 1, 15)
    for days, value in ((0, "26"), (120, "34"), (240, None)):
        point = lifecycle.point_schedule(
            actor=n.chair, metric=metric, due_on=start + datetime.timedelta(days=days)
        )
        if value is not None:
            lifecycle.point_record(
                actor=n.chair,
                point=point,
                value=value,
                evaluation_families="Perheet kokevat jonojen lyhentyneen.",
                evaluation_professionals="Ohjaajia tarvitaan lisää.",
                more_development_needed=False,
            )
    return f"/codevelopment/{process.pk}/follow-up/"


def reach(n) -> str:
    """The form of whom a dialogue reached."""
    process = _designing(n)
    dialogue = _dialogue(n, process, reach=False)
    return f"/codevelopment/{process.pk}/reach/dialogue/{dialogue.pk}/"


def public_results(n) -> str:
    """The public page with a process in follow-up: the chart and the table of its results."""
    follow_up(n)
    return f"/kehitamme/{n.centre.slug}/"


def before_root_causes(n) -> str:
    """The workspace while no root cause is recorded: the notice instead of the step, and the reason form."""
    from codevelopment import services

    made = services.process_open_from_decision(actor=n.chair, decision=codevelopment_steps.decision(n))
    return f"/codevelopment/{made.pk}/"


def follow_up_network(n) -> str:
    """A learning network in follow-up with a sub-team's evaluation and the form for another."""
    from codevelopment import services
    from codevelopment.models import DevelopmentProcess

    process = _implementing(n)
    DevelopmentProcess.objects.filter(pk=process.pk).update(is_learning_network=True)
    process.refresh_from_db()
    subteam = services.subteam_add(
        actor=n.chair, process=process, name="Keskustan alatiimi", family_centre=n.centre
    )
    services.subteam_evaluation_add(
        actor=n.chair,
        process=process,
        subteam=subteam,
        text="Kerho toimii; ohjaajia tarvitaan lisää.",
        value="12",
    )
    return f"/codevelopment/{process.pk}/follow-up/"


def close(n) -> str:
    return f"/codevelopment/{_implementing(n).pk}/close/"
