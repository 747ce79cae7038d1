from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhenomenaConfig(AppConfig):
    name = "phenomena"
    verbose_name = _("Phenomena and initiatives")

    def ready(self) -> None:
        from accounts.personal_data import register_export

        from .personal_data import phenomena_of

        register_export("phenomena", phenomena_of, heading=_("Phenomena, analyses and answers"))

        from observations.selectors import public_status_providers

        from .selectors import family_status

        if family_status not in public_status_providers:
            public_status_providers.append(family_status)

        from core import panels
        from familycentres.signals import meeting_created

        from . import receivers, referral_panels

        panels.register(
            panels.MEETING,
            template="phenomena/_meeting_referrals.html",
            context=referral_panels.meeting_panel,
        )
        panels.register(
            panels.TEAM_VIEW,
            template="phenomena/_team_referrals.html",
            context=referral_panels.team_view_panel,
        )
        panels.register(
            panels.GROUP, template="phenomena/_group_referrals_link.html", context=referral_panels.group_panel
        )
        meeting_created.connect(receivers.on_meeting_created, dispatch_uid="phenomena.on_meeting_created")

        from core.fragments import keep_version

        keep_version("team_decisions", sender=self)
