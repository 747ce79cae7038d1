"""Data for the co-development pages, used by the accessibility suite. The network's local steering group
decides to start co-development on the member's initiative; its chair (MANAGER) opens the developer group
and coordinates it."""

from __future__ import annotations

from tests.browser import steering_steps


def decision(n):
    from phenomena import services

    if getattr(n, "_codev_decision", None):
        return n._codev_decision
    made = services.decision_record(
        actor=n.chair,
        initiative=steering_steps.initiative(n),
        kind="start_codevelopment",
        reasons="Kehitetään iltapäivätoimintaa yhdessä perheiden kanssa.",
        scope="local",
        responsible_progress="Perhekeskuskoordinaattori",
    )
    n._codev_decision = made
    return made


def process(n):
    from codevelopment import services

    made = services.process_open_from_decision(actor=n.chair, decision=decision(n))
    hypothesis = services.hypothesis_add(
        actor=n.chair, process=made, statement="Iltapäiväkerhojen paikat eivät riitä.", for_text="Jonot."
    )
    services.milestone_add(actor=n.chair, process=made, title="Kartoitus valmis")
    services.root_cause_add(
        actor=n.chair, process=made, text="Resurssit on mitoitettu vanhan tarpeen mukaan."
    )
    assert hypothesis.pk
    return made


def open_form(n) -> str:
    return f"/codevelopment/start/{decision(n).pk}/"


def workspace(n) -> str:
    return f"/codevelopment/{process(n).pk}/"


def listing(n) -> str:
    process(n)
    return "/codevelopment/"
