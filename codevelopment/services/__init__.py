"""Writes of co-development, by topic: `<entity>_<verb>(*, actor, ...)`, atomic, the permission checked again,
an audit event in the same transaction, a line in the process's running log, side effects after the commit.
The names are gathered here so callers can write `from codevelopment import services`."""

from __future__ import annotations

from .common import (
    MEMBER_ROLES,
    clean,
    locked_for_edit,
    log_event,
)
from .consultations import (
    consultation_close,
    consultation_comment,
    consultation_create,
)
from .documents import (
    document_delete,
    document_upload,
)
from .invitations import (
    INVITATION_VALID_DAYS,
    invitation_accept_existing,
    invitation_accept_new_account,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from .lifecycle import (
    metric_add,
    point_record,
    point_schedule,
    process_advance,
    process_close,
    proposal_decided,
    proposal_save,
    proposal_send,
)
from .meetings import (
    dialogue_add,
    meeting_memo_save,
    meeting_plan,
)
from .process import (
    hypothesis_add,
    hypothesis_set_status,
    member_add,
    milestone_add,
    milestone_complete,
    process_open_from_decision,
    process_update,
    root_cause_add,
    root_causes_skip,
)
from .reach import (
    reach_problem,
    reach_record,
)
from .reminders import (
    reminder_email,
    reminder_send,
    reminders_schedule,
)
from .subteams import (
    subteam_add,
    subteam_evaluation_add,
)
from .surveys import (
    AnswerError,
    survey_close,
    survey_create,
    survey_open,
    survey_question_add,
    survey_question_delete,
    survey_question_move,
    survey_submit_answers,
)
from .updates import (
    update_post,
)

__all__ = [
    "MEMBER_ROLES",
    "clean",
    "log_event",
    "locked_for_edit",
    "process_open_from_decision",
    "process_update",
    "milestone_add",
    "milestone_complete",
    "hypothesis_add",
    "hypothesis_set_status",
    "root_cause_add",
    "root_causes_skip",
    "member_add",
    "meeting_plan",
    "meeting_memo_save",
    "dialogue_add",
    "document_upload",
    "document_delete",
    "INVITATION_VALID_DAYS",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "invitation_accept_new_account",
    "invitation_accept_existing",
    "subteam_add",
    "subteam_evaluation_add",
    "consultation_create",
    "consultation_comment",
    "consultation_close",
    "update_post",
    "AnswerError",
    "survey_create",
    "survey_question_add",
    "survey_question_move",
    "survey_question_delete",
    "survey_open",
    "survey_close",
    "survey_submit_answers",
    "process_advance",
    "proposal_save",
    "proposal_send",
    "proposal_decided",
    "metric_add",
    "point_schedule",
    "point_record",
    "process_close",
    "reach_record",
    "reach_problem",
    "reminders_schedule",
    "reminder_send",
    "reminder_email",
]
