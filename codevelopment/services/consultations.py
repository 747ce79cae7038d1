"""Consultation rounds: the developer group sends a draft to chosen family-centre teams and groups, who
comment on it by a deadline. Writes follow the house rules of every co-development write."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from familycentres.models import Group, Membership

from ..models import ConsultationComment, ConsultationRound, DevelopmentProcess, Document
from ..permissions import can_comment, can_view_consultation
from ..selectors.consultations import consultation_url, group_members
from .common import clean, locked_for_edit, log_event

MAX_REMINDER_HOURS = 24 * 30


@transaction.atomic
def consultation_create(
    *,
    actor,
    process: DevelopmentProcess,
    title: str,
    draft: str,
    groups,
    deadline: datetime.datetime,
    reminder_hours: int = 48,
    document: Document | None = None,
) -> ConsultationRound:
    process = locked_for_edit(actor, process)
    title = clean(title, 200)
    draft = clean(draft, 20_000)
    if not title:
        raise DomainError(_("Give the consultation round a title."), code="title_required")
    if not draft:
        raise DomainError(_("Write the draft to be commented on."), code="draft_required")
    if deadline is None or deadline <= timezone.now():
        raise DomainError(_("The deadline must be in the future."), code="deadline_past")
    if reminder_hours is None or not 0 <= reminder_hours <= MAX_REMINDER_HOURS:
        raise DomainError(
            _("The reminder must be between 0 and %(max)s hours before the deadline.")
            % {"max": MAX_REMINDER_HOURS},
            code="invalid_reminder",
        )
    group_ids = {g.pk for g in groups}
    if not group_ids:
        raise DomainError(_("Choose at least one team or group to ask."), code="groups_required")
    # SECURITY: only active groups the actor may see can be asked, whatever ids were sent.
    chosen = list(Group.objects.visible_to(actor).filter(is_active=True, pk__in=group_ids))
    if len(chosen) != len(group_ids):
        raise DomainError(_("A chosen group was not found."), code="unknown_group")
    if document is not None and document.process_id != process.pk:
        raise DomainError(_("The chosen document was not found."), code="unknown_document")
    consultation = ConsultationRound.objects.create(
        process=process,
        title=title,
        draft=draft,
        document=document,
        deadline=deadline,
        reminder_hours=reminder_hours,
        created_by=actor,
    )
    consultation.groups.set(chosen)
    log_event(process, actor, _("Consultation round opened: %(title)s") % {"title": title})
    audit_record(
        actor=actor,
        action="codevelopment.consultation_create",
        obj=consultation,
        after={"groups": sorted(group_ids), "deadline": deadline.isoformat()},
    )
    deadline_at, group_name = timezone.localtime(deadline), process.group.name
    # Rendered in each member's language, the deadline as that language writes it (11.12.2026 18.05 in Finnish).
    notification_send(
        actor=actor,
        recipients=group_members(chosen),
        verb="codevelopment.consultation",
        text=lambda: (
            _("%(group)s asks for your comments on “%(title)s” by %(deadline)s.")
            % {
                "group": group_name,
                "title": title,
                "deadline": date_format(deadline_at, "SHORT_DATETIME_FORMAT"),
            }
        ),
        url=consultation_url(consultation),
        key=f"codevelopment.consultation:{consultation.pk}",
    )
    return consultation


@transaction.atomic
def consultation_comment(
    *, actor, consultation: ConsultationRound, text: str, group: Group | None = None
) -> ConsultationComment:
    consultation = (
        ConsultationRound.objects.select_for_update(of=("self",))
        .select_related("process__group")
        .get(pk=consultation.pk)
    )
    if not can_view_consultation(actor, consultation):
        raise PermissionDenied
    if not consultation.is_open():
        raise ConflictError(_("The consultation round has closed."), code="closed")
    if not can_comment(actor, consultation):
        raise PermissionDenied
    text = clean(text, 10_000)
    if not text:
        raise DomainError(_("Write your comment."), code="text_required")
    if group is not None and not (
        Membership.objects.current()
        .filter(user=actor, group=group)
        .filter(Q(group__in=consultation.groups.all()) | Q(group=consultation.process.group_id))
        .exists()
    ):
        raise DomainError(_("You can comment only on behalf of your own group."), code="unknown_group")
    comment = ConsultationComment.objects.create(
        consultation=consultation, author=actor, group=group, text=text, created_by=actor
    )
    log_event(
        consultation.process,
        actor,
        _("A comment was added to the consultation round “%(title)s”.") % {"title": consultation.title},
    )
    audit_record(actor=actor, action="codevelopment.consultation_comment", obj=comment)
    return comment


@transaction.atomic
def consultation_close(*, actor, consultation: ConsultationRound) -> ConsultationRound:
    process = locked_for_edit(actor, consultation.process)
    consultation = ConsultationRound.objects.select_for_update().get(pk=consultation.pk, process=process)
    if consultation.closed_at is not None:
        raise ConflictError(_("The consultation round is already closed."), code="already_closed")
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at", "updated_at"])
    log_event(process, actor, _("Consultation round closed: %(title)s") % {"title": consultation.title})
    audit_record(
        actor=actor,
        action="codevelopment.consultation_close",
        obj=consultation,
        after={"closed_at": consultation.closed_at.isoformat()},
    )
    return consultation
