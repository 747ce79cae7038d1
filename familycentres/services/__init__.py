"""Writes to the network, a module per topic; the names stay importable from `familycentres.services`."""

from .network import (  # noqa: F401
    MEETING_FIELDS,
    agenda_item_add,
    agenda_item_move,
    agenda_item_update,
    attendance_set,
    group_calendar_token_rotate,
    meeting_cancel,
    meeting_check_started,
    meeting_create,
    meeting_create_authorised,
    meeting_minutes_store,
    meeting_record_minutes,
    meeting_update,
    membership_add,
    membership_end,
)
from .ptv import service_catalogue_import  # noqa: F401, E402
from .servicemap import (  # noqa: F401, E402
    channel_add,
    channel_remove,
    service_conflict_resolve,
    service_create,
    service_update,
)
