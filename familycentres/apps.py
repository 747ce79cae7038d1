from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyCentresConfig(AppConfig):
    name = "familycentres"
    verbose_name = _("Family-centre network")

    def ready(self) -> None:
        from core import panels
        from core.fragments import keep_version

        keep_version("service_map", sender=self)

        from . import selectors

        panels.register(
            panels.HOME,
            template="familycentres/panels/home_groups.html",
            context=lambda request: {"groups": selectors.user_groups_with_next_meeting(request.user)},
            order=10,
        )
        panels.register(
            panels.PROFILE,
            template="familycentres/panels/profile_memberships.html",
            context=lambda request: {"memberships": selectors.user_memberships(request.user)},
            order=10,
        )

        from .selectors.rhythm import team_rhythm

        panels.register(
            panels.TEAM_VIEW,
            template="familycentres/panels/team_rhythm.html",
            context=lambda request, group=None, **objects: (
                {"group": group, "rhythm": team_rhythm(group)}
                if group is not None and group.kind == group.Kind.LOCAL_TEAM
                else None
            ),
            order=5,
        )

        from accounts.personal_data import register_export

        from .personal_data import memberships_of

        register_export("memberships", memberships_of)
