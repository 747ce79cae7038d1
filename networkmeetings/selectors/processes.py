"""Reads of processes for their participants. Callers write the access-log rows (see services.access)."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from core.models import AccessLogEntry

from ..models import NetworkMeeting, NetworkProcess, Participant, PlanStep


def my_processes(*, user, status: str = "open", query: str = ""):
    qs = NetworkProcess.objects.visible_to(user).select_related(
        "family_centre", "responsible_worker", "responsible_pair"
    )
    if status in NetworkProcess.Status.values:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(label__icontains=query[:60])
    return qs.order_by("-created_at", "-id")


def process_detail(*, user, pk) -> NetworkProcess:
    """The process with what its page shows; raises NetworkProcess.DoesNotExist when not visible."""
    return (
        NetworkProcess.objects.visible_to(user)
        .select_related("family_centre", "convener", "responsible_worker", "responsible_pair")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(removed_at__isnull=True).select_related("user"),
                to_attr="current_participants",
            ),
            Prefetch(
                "meetings",
                queryset=NetworkMeeting.objects.select_related("chair", "recorder").prefetch_related(
                    Prefetch("steps", queryset=PlanStep.objects.select_related("owner", "pair"))
                ),
            ),
            "genogram_people",
            "genogram_relations",
            "timeline_events",
        )
        .get(pk=pk)
    )


def process_people(process: NetworkProcess):
    """The professionals of the process (for choosing a chair, recorder or step owner)."""
    from django.contrib.auth import get_user_model

    ids = {process.convener_id, *process.responsible_ids()} | set(
        process.participants.filter(user__isnull=False, removed_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("full_name", "email")


def meeting_detail(*, user, pk) -> NetworkMeeting:
    return (
        NetworkMeeting.objects.filter(process__in=NetworkProcess.objects.visible_to(user))
        .select_related(
            "process",
            "process__family_centre",
            "process__responsible_worker",
            "process__responsible_pair",
            "chair",
            "recorder",
        )
        .prefetch_related(Prefetch("steps", queryset=PlanStep.objects.select_related("owner", "pair")))
        .get(pk=pk)
    )


def access_log_entries(*, process: NetworkProcess):
    """The access-log report of one process: who read what and when (newest first)."""
    return (
        AccessLogEntry.objects.filter(client_ref=process.client_ref)
        .select_related("user")
        .order_by("-at", "-id")
    )


def my_invitations(*, user):
    return Participant.objects.filter(
        user=user, removed_at__isnull=True, answer=Participant.Answer.PENDING, process__status="open"
    ).select_related("process")


def visible_processes_q(user) -> Q:
    return Q(process__in=NetworkProcess.objects.visible_to(user))
