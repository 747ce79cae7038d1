"""LP feedback: answers given with the family's code and answers imported from CSV. SECURITY: an answer
is linked to no person and no process, only to the family centre, the setting and the month."""

from __future__ import annotations

import csv
import datetime
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.imports import ImportRejected, import_run
from core.models import ImportRun
from core.text import clean_input
from familycentres.models import FamilyCentre
from observations.pii import personal_data_kinds

from ..models import LPFeedback, NetworkMeeting, NetworkProcess, ServiceSetting
from ..permissions import can_import_feedback

ITEMS = [
    "heard",
    "parenting_tools",
    "mental_health_meaningful",
    "mental_health_confidence",
    "useful_child",
    "useful_family",
    "useful_self",
]
CSV_HEADER = ["date", "setting", *ITEMS]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def feedback_submit(*, process: NetworkProcess, answers: dict, free_text: str = "") -> LPFeedback:
    """The family's answer, given with their code. Only the setting of the latest LP meeting and the month
    are taken from the process."""
    meeting = process.meetings.exclude(kind=NetworkMeeting.Kind.NETWORK).order_by("-starts_at").first()
    if meeting is None:
        raise DomainError(_("There is no LP meeting to give feedback on."), code="setting")
    free_text = clean_input(free_text, limit=2000)
    values = {item: answers.get(item) for item in ITEMS}
    if all(v is None for v in values.values()) and not free_text:
        raise DomainError(_("Answer at least one question."), code="heard")
    return LPFeedback.objects.create(
        family_centre_id=process.family_centre_id,
        setting=meeting.service_setting,
        month=_month(timezone.localdate()),
        free_text=free_text,
        # Personal data in the free text keeps it out of every summary until someone reviews it.
        free_text_held=bool(free_text and personal_data_kinds(free_text)),
        source=LPFeedback.Source.FAMILY_CODE,
        **values,
    )


def _decode(raw: bytes) -> str:
    """UTF-8 with or without a byte order mark; Latin-1 and others are refused with a clear message."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(_("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")) from None


def _answer(value: str, line: int, column: str) -> bool | None:
    value = value.strip()
    if value == "":
        return None
    if value in {"1", "0"}:
        return value == "1"
    raise ImportRejected(
        _("Row %(line)s: the answer in column %(column)s must be 1, 0 or empty.")
        % {"line": line, "column": column}
    )


def feedback_import(*, actor, family_centre: FamilyCentre, raw: bytes) -> ImportRun:
    """Imports answers collected on paper or by a partner organisation. A file with any bad row is refused
    whole; the run is recorded either way (rows read, written, and the error)."""
    if not can_import_feedback(actor, family_centre.pk):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if len(raw) > MAX_IMPORT_BYTES:
        raise DomainError(_("The file is too large (at most 5 MB)."), code="file")
    try:
        with import_run(source="lp_feedback", kind=f"family_centre:{family_centre.pk}", actor=actor) as run:
            text = _decode(raw)
            reader = csv.reader(io.StringIO(text), delimiter=";")
            header = [h.strip() for h in next(reader, [])]
            if header != CSV_HEADER:
                raise ImportRejected(
                    _("The header row must be exactly: %(header)s") % {"header": ";".join(CSV_HEADER)}
                )
            rows = []
            for line, row in enumerate(reader, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                run.rows_read += 1
                if len(row) != len(CSV_HEADER):
                    raise ImportRejected(
                        _("Row %(line)s has %(got)s columns, %(want)s expected.")
                        % {"line": line, "got": len(row), "want": len(CSV_HEADER)}
                    )
                try:
                    day = datetime.date.fromisoformat(row[0].strip())
                except ValueError:
                    raise ImportRejected(
                        _("Row %(line)s: the date must be YYYY-MM-DD.") % {"line": line}
                    ) from None
                setting = row[1].strip()
                if setting not in ServiceSetting.values:
                    raise ImportRejected(
                        _("Row %(line)s: unknown setting %(value)s (allowed: %(allowed)s).")
                        % {"line": line, "value": setting[:30], "allowed": ", ".join(ServiceSetting.values)}
                    )
                values = {item: _answer(row[i + 2], line, item) for i, item in enumerate(ITEMS)}
                rows.append(
                    LPFeedback(
                        family_centre=family_centre,
                        setting=setting,
                        month=_month(day),
                        source=LPFeedback.Source.IMPORT,
                        import_run=run,
                        **values,
                    )
                )
            if not rows:
                raise ImportRejected(_("The file has no answers."))
            LPFeedback.objects.bulk_create(rows)
            run.rows_created = len(rows)
            run.detail = {"family_centre": family_centre.pk, "rows_rejected": 0}
    except ImportRejected:
        pass
    run.refresh_from_db()
    if run.status == ImportRun.Status.FAILED:
        # The whole file was refused: every row it read counts as rejected.
        run.detail = {"family_centre": family_centre.pk, "rows_rejected": run.rows_read}
        ImportRun.objects.filter(pk=run.pk).update(detail=run.detail)
    return run
