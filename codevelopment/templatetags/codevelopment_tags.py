"""The co-development link on the initiative page, without touching the phenomena views."""

from __future__ import annotations

from django import template

from phenomena.models import Decision

from ..models import DevelopmentProcess
from ..permissions import can_open_process

register = template.Library()


@register.inclusion_tag("codevelopment/_start_link.html", takes_context=True)
def codevelopment_links(context, initiative):
    user = getattr(context.get("request"), "user", None)
    decisions = list(
        Decision.objects.filter(initiative=initiative, kind=Decision.Kind.START_CODEVELOPMENT).select_related(
            "group"
        )
    )
    processes = {p.decision_id: p for p in DevelopmentProcess.objects.filter(decision__in=decisions)}
    rows = []
    for decision in decisions:
        process = processes.get(decision.pk)
        can_start = process is None and user is not None and can_open_process(user, decision)
        if process is not None or can_start:
            rows.append({"decision": decision, "process": process, "can_start": can_start})
    return {"rows": rows}


@register.simple_tag(takes_context=True)
def may_view_contacts(context, process) -> bool:
    from ..permissions import can_view_contacts

    user = getattr(context.get("request"), "user", None)
    return user is not None and can_view_contacts(user, process)
