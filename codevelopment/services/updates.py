"""Updates from the developer group to the professionals around the work, and, when public, to everyone on
the family centre's "what we are developing now" page and its Atom feed."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import DomainError
from core.services import notification_send
from observations.pii import KIND_LABELS, personal_data_kinds
from phenomena.services import tell_raising_teams

from ..models import DevelopmentProcess, ProcessUpdate
from ..selectors.updates import update_recipients
from .common import clean, locked_for_edit, log_event


@transaction.atomic
def update_post(
    *, actor, process: DevelopmentProcess, title: str, body: str, is_public: bool = False
) -> ProcessUpdate:
    process = locked_for_edit(actor, process)
    title = clean(title, 200)
    body = clean(body, 10_000)
    if not title:
        raise DomainError(_("Give the update a title."), code="title_required")
    if not body:
        raise DomainError(_("Write the text of the update."), code="body_required")
    if is_public:
        # A public update goes on the open web: text that looks like personal data is refused.
        found = personal_data_kinds(f"{title}\n{body}")
        if found:
            labels = ", ".join(str(KIND_LABELS.get(kind, kind)) for kind in found)
            raise DomainError(
                _(
                    "The text seems to contain personal data (%(kinds)s). Remove it before publishing, "
                    "or do not make the update public."
                )
                % {"kinds": labels},
                code="personal_data",
            )
    update = ProcessUpdate.objects.create(
        process=process, title=title, body=body, is_public=bool(is_public), created_by=actor
    )
    log_event(process, actor, _("Update posted: %(title)s") % {"title": title})
    audit_record(
        actor=actor,
        action="codevelopment.update_post",
        obj=update,
        after={"title": title, "public": update.is_public},
    )
    process = DevelopmentProcess.objects.select_related("decision__initiative", "group").get(pk=process.pk)
    group_name = process.group.name
    key = f"codevelopment.update:{update.pk}"
    notification_send(
        actor=actor,
        recipients=update_recipients(process),
        verb="codevelopment.update",
        text=lambda: _("%(group)s: %(title)s") % {"group": group_name, "title": title},
        url=reverse("codevelopment:updates", args=[process.pk]),
        key=key,
    )
    if update.is_public:
        # The teams behind the phenomenon hear of the public updates; the same key tells a member of both
        # groups once.
        tell_raising_teams(
            actor=actor,
            initiative=process.decision.initiative,
            event="codevelopment.update",
            text=lambda: (
                _("The developer group %(group)s published an update: %(title)s")
                % {"group": group_name, "title": title}
            ),
            key=key,
        )
    return update
