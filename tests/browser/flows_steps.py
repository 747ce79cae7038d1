"""Data and browser steps for the pages of flows between levels (forwarding routes, the decision of another
body, a working group's report on a local action), used by the accessibility suite. The chair of the local
steering group (MANAGER) manages its routes; the ordinary member (MEMBER) sent an initiative to a school
principal and coordinates the local team that was given a local action."""

from __future__ import annotations

from tests.browser import phenomena_steps, steering_steps


def routes(n) -> str:
    from phenomena.models import ForwardingRoute

    ForwardingRoute.objects.get_or_create(source=n.steering, target=n.team)
    return f"/groups/{n.steering.pk}/routes/"


def _sent(n):
    from phenomena import services

    if getattr(n, "_sent", None):
        return n._sent
    n._sent = services.initiative_create(
        actor=n.member,
        phenomenon=phenomena_steps.phenomenon(n),
        proposal="local_action",
        rationale="Yhteisölliseen opiskeluhuoltoon.",
        other_body="Petosen koulun rehtori",
    )
    return n._sent


def other_decision(n) -> str:
    return f"/initiatives/{_sent(n).pk}/other-decision/"


def other_decision_recorded(n) -> str:
    from django.utils import timezone

    from phenomena import services

    made = _sent(n)
    services.other_decision_record(
        actor=n.member,
        initiative=made,
        kind="local_action",
        decided_on=timezone.localdate(),
        summary="Koulu aloittaa iltapäiväkerhon.",
    )
    return f"/initiatives/{made.pk}/"


def _local_action(n):
    from phenomena import services

    if getattr(n, "_local_action", None):
        return n._local_action
    n._local_action = services.decision_record(
        actor=n.chair,
        initiative=steering_steps.initiative(n),
        kind="local_action",
        reasons="Tiimi järjestää vanhempainillan.",
        working_group=n.team,
    )
    return n._local_action


def local_action_report(n) -> str:
    return f"/local-actions/{_local_action(n).pk}/report/"


def reported_detail(n) -> str:
    from phenomena import services

    decision = _local_action(n)
    services.local_action_report(
        actor=n.member, decision=decision, done=True, what_happened="Ilta pidettiin."
    )
    return f"/initiatives/{decision.initiative_id}/"
