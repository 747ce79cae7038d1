"""Consultation rounds: the developer group sends a draft to chosen family-centre teams and groups, who
comment on it by a deadline. Writes follow the house rules of codevelopment.services; the reads used by
the pages are here too."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from familycentres.models import Group, Membership

from .models import ConsultationComment, ConsultationRound, DevelopmentProcess, Document
from .permissions import _active, can_edit_process
from .services import _clean, _locked_for_edit, _log

MAX_REMINDER_HOURS = 24 * 30


def consultation_url(consultation: ConsultationRound) -> str:
    return reverse("codevelopment:consultation_detail", args=[consultation.process_id, consultation.pk])


def is_open(consultation: ConsultationRound, now: datetime.datetime | None = None) -> bool:
    return consultation.closed_at is None and consultation.deadline > (now or timezone.now())


def can_comment(user, consultation: ConsultationRound) -> bool:
    """Current members of the asked groups and of the developer group, while the round is open."""
    if not _active(user) or not is_open(consultation):
        return False
    groups = list(consultation.groups.values_list("pk", flat=True)) + [consultation.process.group_id]
    return Membership.objects.current().filter(user=user, group__in=groups).exists()


def can_view_consultation(user, consultation: ConsultationRound) -> bool:
    """Whoever reads the workspace, and the members of the asked groups (a limited account too)."""
    if not _active(user):
        return False
    if DevelopmentProcess.objects.visible_to(user).filter(pk=consultation.process_id).exists():
        return True
    return Membership.objects.current().filter(user=user, group__in=consultation.groups.values("pk")).exists()


def _group_members(groups) -> list:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model().objects.filter(
            is_active=True,
            pk__in=Membership.objects.current().filter(group__in=groups).values("user_id"),
        )
    )


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
    process = _locked_for_edit(actor, process)
    title = _clean(title, 200)
    draft = _clean(draft, 20_000)
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
    _log(process, actor, _("Consultation round opened: %(title)s") % {"title": title})
    audit_record(
        actor=actor,
        action="codevelopment.consultation_create",
        obj=consultation,
        after={"groups": sorted(group_ids), "deadline": deadline.isoformat()},
    )
    deadline_text = timezone.localtime(deadline).strftime("%d.%m.%Y %H:%M")
    notification_send(
        actor=actor,
        recipients=_group_members(chosen),
        verb="codevelopment.consultation",
        text=_("%(group)s asks for your comments on “%(title)s” by %(deadline)s.")
        % {"group": process.group.name, "title": title, "deadline": deadline_text},
        url=consultation_url(consultation),
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
    if not is_open(consultation):
        raise ConflictError(_("The consultation round has closed."), code="closed")
    if not can_comment(actor, consultation):
        raise PermissionDenied
    text = _clean(text, 10_000)
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
    _log(
        consultation.process,
        actor,
        _("A comment was added to the consultation round “%(title)s”.") % {"title": consultation.title},
    )
    audit_record(actor=actor, action="codevelopment.consultation_comment", obj=comment)
    return comment


@transaction.atomic
def consultation_close(*, actor, consultation: ConsultationRound) -> ConsultationRound:
    process = _locked_for_edit(actor, consultation.process)
    consultation = ConsultationRound.objects.select_for_update().get(pk=consultation.pk, process=process)
    if consultation.closed_at is not None:
        raise ConflictError(_("The consultation round is already closed."), code="already_closed")
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at", "updated_at"])
    _log(process, actor, _("Consultation round closed: %(title)s") % {"title": consultation.title})
    audit_record(
        actor=actor,
        action="codevelopment.consultation_close",
        obj=consultation,
        after={"closed_at": consultation.closed_at.isoformat()},
    )
    return consultation


# Reads ----------------------------------------------------------------------------------------------------


def consultation_list(process: DevelopmentProcess) -> QuerySet[ConsultationRound]:
    from django.db.models import Count

    return (
        process.consultations.annotate(comment_count=Count("comments", distinct=True))
        .prefetch_related("groups")
        .order_by("-deadline", "-id")
    )


def consultations_waiting_for(user, *, limit: int = 20) -> list[ConsultationRound]:
    """Open rounds that ask the user's groups and that the user has not commented on."""
    if not _active(user):
        return []
    mine = Membership.objects.current().filter(user=user).values("group_id")
    commented = ConsultationComment.objects.filter(consultation=OuterRef("pk"), author=user)
    return list(
        ConsultationRound.objects.filter(closed_at__isnull=True, deadline__gt=timezone.now(), groups__in=mine)
        .exclude(Exists(commented))
        .select_related("process__group")
        .distinct()
        .order_by("deadline", "id")[:limit]
    )


def answer_table(consultation: ConsultationRound) -> list[dict]:
    """For each asked group, its current members and whether each has commented (on any group's behalf)."""
    answered = set(consultation.comments.values_list("author_id", flat=True))
    groups = list(consultation.groups.order_by("name"))
    memberships = (
        Membership.objects.current()
        .filter(group__in=[g.pk for g in groups], user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    by_group: dict[int, dict] = {g.pk: {"group": g, "rows": [], "seen": set()} for g in groups}
    for m in memberships:
        entry = by_group[m.group_id]
        if m.user_id in entry["seen"]:
            continue
        entry["seen"].add(m.user_id)
        entry["rows"].append({"user": m.user, "answered": m.user_id in answered})
    result = []
    for g in groups:
        entry = by_group[g.pk]
        rows = entry["rows"]
        result.append(
            {
                "group": g,
                "rows": rows,
                "answered_count": sum(1 for r in rows if r["answered"]),
            }
        )
    return result


def can_manage(user, process: DevelopmentProcess) -> bool:
    return can_edit_process(user, process) and process.stage != DevelopmentProcess.Stage.CLOSED
