"""The network's forms, a module per topic; the names stay importable from `familycentres.forms`."""

from .network import AgendaItemForm, AttendanceForm, MeetingForm, MinutesForm, NoNulCharField  # noqa: F401
from .servicemap import (  # noqa: F401
    ChannelForm,
    NetworkMapFilterForm,
    ServiceFilterForm,
    ServiceFinderForm,
    ServiceForm,
    ServiceMapFilterForm,
)
