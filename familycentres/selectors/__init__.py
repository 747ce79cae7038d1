"""Reads of the network, a module per topic; the names stay importable from `familycentres.selectors`."""

from .network import (  # noqa: F401
    centre_detail,
    centre_list,
    group_detail,
    group_list,
    group_meetings,
    meeting_detail,
    user_groups_with_next_meeting,
    user_memberships,
)
from .networkmap import network_map  # noqa: F401, E402
from .people import Person, people_chosen, people_matching, people_query  # noqa: F401, E402
from .servicemap import (  # noqa: F401, E402
    scope_area_ids,
    service_detail,
    service_finder,
    service_list,
    service_map,
    service_map_cell,
)
