"""The old import path of the workspace tools' services, kept for callers outside the app (the demo data,
browser tests) until they import codevelopment.services."""

from .selectors.invitations import InvitationUnusable, invitation_for_token, invitation_status, token_hash
from .services.documents import document_delete, document_upload
from .services.invitations import (
    invitation_accept_existing,
    invitation_accept_new_account,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from .services.meetings import dialogue_add, meeting_memo_save, meeting_plan
from .services.subteams import subteam_add

__all__ = [
    "InvitationUnusable",
    "dialogue_add",
    "document_delete",
    "document_upload",
    "invitation_accept_existing",
    "invitation_accept_new_account",
    "invitation_create",
    "invitation_for_token",
    "invitation_resend",
    "invitation_revoke",
    "invitation_status",
    "meeting_memo_save",
    "meeting_plan",
    "subteam_add",
    "token_hash",
]
