"""Convening a network process, the family's personal code, and closing."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, snapshot
from core.errors import DomainError
from core.text import clean_input
from core.transitions import lock
from familycentres.models import FamilyCentre
from observations.codes import new_code, normalise
from observations.pii import personal_data_kinds

from ..models import NetworkProcess
from ..permissions import can_close_process, can_convene, can_issue_family_code, member_centre_ids

FAMILY_CODE_DAYS = 180
# SECURITY: a label is pseudonymous; anything that looks like an identity code, phone, email or address
# is refused (names cannot be detected reliably, the form tells people not to write them).
_DIGITS = re.compile(r"\d{5,}")


def code_hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def _clean_label(label: str) -> str:
    label = clean_input(label, limit=60)
    if not label:
        raise DomainError(_("Give the process a label."), code="label")
    if personal_data_kinds(label) or _DIGITS.search(label):
        raise DomainError(
            _(
                "The label must not identify the family: no identity codes, phone numbers, emails or addresses."
            ),
            code="label",
        )
    return label


@transaction.atomic
def process_convene(
    *,
    actor,
    label: str,
    family_centre: FamilyCentre,
    responsible_worker,
    responsible_pair=None,
    contact_info: str = "",
) -> NetworkProcess:
    """Opens a network process instead of referring the family on. The convener is the actor."""
    if not can_convene(actor):
        raise PermissionDenied
    # SECURITY: a professional convenes only in a family centre they work in.
    if family_centre.pk not in member_centre_ids(actor) and not actor.is_staff:
        raise DomainError(_("You can convene only in a family centre you work in."), code="family_centre")
    if responsible_pair is not None and responsible_pair.pk == responsible_worker.pk:
        raise DomainError(_("The work pair must be another person."), code="responsible_pair")
    for person in (responsible_worker, responsible_pair):
        if person is not None and not person.is_active:
            raise DomainError(_("The person's account is not active."), code="responsible_worker")
    process = NetworkProcess.objects.create(
        label=_clean_label(label),
        family_centre=family_centre,
        convener=actor,
        responsible_worker=responsible_worker,
        responsible_pair=responsible_pair,
        contact_info=clean_input(contact_info, limit=300),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="networkmeetings.process_convene",
        obj=process,
        after=snapshot(process, ["label", "family_centre", "responsible_worker", "responsible_pair"]),
    )
    return process


@transaction.atomic
def process_close(*, actor, process: NetworkProcess, reason: str) -> NetworkProcess:
    process = lock(process)
    if process.status != NetworkProcess.Status.OPEN:
        raise DomainError(_("The process is already closed."), code="status")
    if not can_close_process(actor, process):
        raise PermissionDenied
    reason = clean_input(reason, limit=2000)
    if not reason:
        raise DomainError(_("Give a reason for closing."), code="reason")
    process.status = NetworkProcess.Status.CLOSED
    process.closed_at = timezone.now()
    process.close_reason = reason
    process.family_code_hash = ""
    process.family_code_expires_at = None
    process.save(
        update_fields=[
            "status",
            "closed_at",
            "close_reason",
            "family_code_hash",
            "family_code_expires_at",
            "updated_at",
        ]
    )
    audit_record(actor=actor, action="networkmeetings.process_close", obj=process, after={"status": "closed"})
    return process


@transaction.atomic
def family_code_issue(*, actor, process: NetworkProcess) -> str:
    """A new personal code for the family (an older one stops working). Only its hash is stored, so the
    code is shown once, to the worker who gives it to the family."""
    process = lock(process)
    if not can_issue_family_code(actor, process):
        raise PermissionDenied
    code = new_code()
    process.family_code_hash = code_hash(code)
    process.family_code_expires_at = timezone.now() + datetime.timedelta(days=FAMILY_CODE_DAYS)
    process.save(update_fields=["family_code_hash", "family_code_expires_at", "updated_at"])
    audit_record(actor=actor, action="networkmeetings.family_code_issue", obj=process)
    return code


def process_for_family_code(code: str) -> NetworkProcess | None:
    """The open process whose valid family code this is, or None."""
    normal = normalise(code)
    if normal is None:
        return None
    return (
        NetworkProcess.objects.filter(
            family_code_hash=code_hash(normal),
            family_code_expires_at__gt=timezone.now(),
            status=NetworkProcess.Status.OPEN,
        )
        .select_related("responsible_worker", "responsible_pair", "family_centre")
        .first()
    )
