"""What co-development holds about a person, for their data export: what they wrote in the developer
groups' workspaces (log entries, hypotheses, root causes, dialogue records, updates, comments on drafts,
follow-up evaluations, sub-team evaluations) and the invitations they accepted. Each is named by its
developer group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import newest_first, record

from .models import (
    ConsultationComment,
    DialogueRecord,
    FollowUpPoint,
    Hypothesis,
    Invitation,
    ProcessUpdate,
    RootCause,
    SubteamEvaluation,
    WorkLogEntry,
)


@dataclass(frozen=True)
class _Written:
    """One kind of record a person writes: its model, its label (translated when the export is made),
    its text, who wrote it, the way from it to its process and when it was written."""

    model: type
    what: Promise
    text: Callable
    author: str = "created_by"
    process: str = "process"
    at: str = "created_at"

    def records(self, user):
        rows = self.model.objects.filter(**{self.author: user}).select_related(f"{self.process}__group")
        for obj in rows:
            process = obj
            for step in self.process.split("__"):
                process = getattr(process, step)
            yield record(str(self.what), getattr(obj, self.at), self.text(obj), process.group.name)


_WRITTEN = (
    _Written(WorkLogEntry, _("Log entry"), lambda o: o.text),
    _Written(Hypothesis, _("Hypothesis"), lambda o: o.statement),
    _Written(RootCause, _("Root cause"), lambda o: o.text),
    _Written(DialogueRecord, _("Dialogue"), lambda o: o.heard),
    _Written(ProcessUpdate, _("Update"), lambda o: f"{o.title}\n{o.body}"),
    _Written(
        ConsultationComment,
        _("Comment on a draft"),
        lambda o: o.text,
        author="author",
        process="consultation__process",
    ),
    _Written(
        FollowUpPoint,
        _("Follow-up result"),
        lambda o: "\n\n".join(t for t in (o.evaluation_families, o.evaluation_professionals) if t),
        author="recorded_by",
        process="metric__process",
        at="recorded_at",
    ),
    _Written(SubteamEvaluation, _("Sub-team evaluation"), lambda o: o.text),
    _Written(
        Invitation,
        _("Invitation accepted"),
        lambda o: o.get_role_display(),
        author="accepted_by",
        at="accepted_at",
    ),
)


def written_in_codevelopment(user) -> list[dict]:
    return newest_first([row for kind in _WRITTEN for row in kind.records(user)])
