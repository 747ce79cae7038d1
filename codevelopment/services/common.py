"""What every co-development write shares: typed text cleaned the same way, the row lock and checks of an
editable process, and the line each write adds to the process's running log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.errors import ConflictError, DomainError
from core.text import clean_input
from familycentres.models import Membership
from observations.pii import personal_data_kinds

from ..models import DevelopmentProcess, WorkLogEntry
from ..permissions import can_edit_process

# The roles a developer group's member can have (the steering roles belong to steering groups).
MEMBER_ROLES = (
    Membership.Role.COORDINATOR,
    Membership.Role.FACILITATOR,
    Membership.Role.PROGRESS_OWNER,
    Membership.Role.MEMBER,
    Membership.Role.CLIENT_REPRESENTATIVE,
)


def clean(value: str, limit: int = 5_000) -> str:
    """Typed text without NUL and bidi controls, trimmed; a DomainError past `limit` characters."""
    return clean_input(value, limit=limit)


def log_event(process: DevelopmentProcess, actor, text: str) -> None:
    """A line in the process's running log, shown on the workspace."""
    WorkLogEntry.objects.create(process=process, text=text[:500], created_by=actor)


def locked(process: DevelopmentProcess) -> DevelopmentProcess:
    """The process again, locked for the rest of the transaction, with what the life-cycle steps read."""
    return (
        DevelopmentProcess.objects.select_for_update()
        .select_related("group", "decision__group", "phenomenon")
        .get(pk=process.pk)
    )


def ensure_open(process: DevelopmentProcess) -> None:
    if process.stage == DevelopmentProcess.Stage.CLOSED:
        raise ConflictError(_("The co-development process has been closed."), code="closed")


def locked_for_edit(actor, process: DevelopmentProcess) -> DevelopmentProcess:
    """The process locked, if `actor` may edit it (else PermissionDenied) and it is not closed (else 409)."""
    process = DevelopmentProcess.objects.select_for_update().select_related("group").get(pk=process.pk)
    if not can_edit_process(actor, process):
        raise PermissionDenied
    ensure_open(process)
    return process


def refuse_personal_data(text: str, code: str) -> None:
    if personal_data_kinds(text):
        raise DomainError(
            _(
                "This looks like it contains personal data (a name with contact details, a phone number, "
                "an email or street address or an identity code). Describe people by their role or group, "
                "for example “three parents”, not by name or contact details."
            ),
            code=code,
        )
