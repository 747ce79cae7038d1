"""The main menu's "Developer groups": the workspaces of the groups the signed-in person belongs to, so that
coordinators and client representatives find their workspace without a link from an email."""

from __future__ import annotations

from functools import cached_property

from familycentres.models import Membership

from .models import DevelopmentProcess

MENU_LIMIT = 6


class DeveloperGroupNav:
    """Computed only when the menu is rendered: one query, at most MENU_LIMIT open workspaces.

    SECURITY: only the workspaces of groups the person is a current member of, which
    DevelopmentProcess.objects.visible_to always lets them read (a limited account reads its own groups'
    workspaces); the workspace view checks visible_to again."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def processes(self) -> list[DevelopmentProcess]:
        if not (getattr(self.user, "is_authenticated", False) and self.user.is_active):
            return []
        current = Membership.objects.current().filter(user=self.user).values("group_id")
        return list(
            DevelopmentProcess.objects.filter(group_id__in=current)
            .exclude(stage=DevelopmentProcess.Stage.CLOSED)
            .select_related("group")
            .order_by("group__name", "pk")[:MENU_LIMIT]
        )


def developer_groups(request):
    return {"developer_nav": DeveloperGroupNav(getattr(request, "user", None))}
