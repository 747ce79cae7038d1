"""The access log of client data: one append-only row per read, list, export or PDF of a process."""

from __future__ import annotations

from core.audit import access_log_record
from core.models import AccessLogEntry

from ..models import NetworkProcess


def process_access_log(
    *, user, process: NetworkProcess, kind: str, purpose: str, recipient: str = ""
) -> AccessLogEntry:
    """Writes one access-log row for `process`. `purpose` says what was read and why, without client data
    (e.g. "process page", "plan PDF")."""
    return access_log_record(
        user=user,
        kind=kind,
        obj=process,
        purpose=purpose[:200],
        client_ref=process.client_ref,
        recipient=recipient,
    )


def processes_access_log(*, user, processes, kind: str, purpose: str) -> None:
    """One row per process shown in a list (the list is at most a page long)."""
    for process in processes:
        process_access_log(user=user, process=process, kind=kind, purpose=purpose)
