"""The network's pages, a module per topic; the names stay importable from `familycentres.views`."""

from .network import (  # noqa: F401
    agenda_item_add,
    agenda_item_edit,
    agenda_item_move,
    area_list,
    centre_detail,
    centre_list,
    group_calendar_rotate,
    group_detail,
    group_ical,
    group_list,
    meeting_attendance,
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_minutes,
)
