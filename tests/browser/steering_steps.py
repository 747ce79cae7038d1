"""Data and browser steps for the steering-group pages (initiative, queue, decide, register), used by the
accessibility suite. The initiative goes to the network's local steering group, whose chair (MANAGER)
records decisions and whose ordinary member (MEMBER) opened the phenomenon."""

from __future__ import annotations

from tests.browser import phenomena_steps


def initiative(n):
    from phenomena.tests.factories import InitiativeFactory

    if getattr(n, "_initiative", None):
        return n._initiative
    made = InitiativeFactory(
        phenomenon=phenomena_steps.phenomenon(n),
        group=n.steering,
        created_by=n.member,
        rationale="Iltapäivätoiminnan jonot koskevat koko kaupunkia.",
    )
    n._initiative = made
    return made


def detail(n) -> str:
    return f"/initiatives/{initiative(n).pk}/"


def forwarded_detail(n) -> str:
    """An initiative the local group forwarded to the county group: its history has one entry."""
    from phenomena import services

    made = initiative(n)
    services.decision_record(
        actor=n.chair, initiative=made, kind="forward", reasons="Asia koskee koko hyvinvointialuetta."
    )
    return f"/initiatives/{made.pk}/"


def withdraw(n) -> str:
    return f"/initiatives/{initiative(n).pk}/withdraw/"


def decide(n) -> str:
    return f"/initiatives/{initiative(n).pk}/decide/"


def queue(n) -> str:
    initiative(n)
    return f"/groups/{n.steering.pk}/initiatives/"


def empty_queue(n) -> str:
    return f"/groups/{n.county_group.pk}/initiatives/"


def register_with_decisions(n) -> str:
    from phenomena import services

    made = initiative(n)
    services.decision_record(
        actor=n.chair,
        initiative=made,
        kind="start_codevelopment",
        reasons="Käynnistetään yhteiskehittäminen koko kaupungissa.",
        scope="local",
        responsible_progress="Perhekeskuskoordinaattori",
        responsible_users=[n.chair],
    )
    return "/paatokset/"


def public_decision(n) -> str:
    from phenomena.models import Decision

    register_with_decisions(n)
    return f"/paatokset/paatos/{Decision.objects.latest('pk').pk}/"


def register_centre(n) -> str:
    return f"/paatokset/{n.centre.slug}/"


def failed_decision(page, n) -> None:
    page.eval_on_selector("main form[method=post]", "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator("main .errorlist").count() >= 1
