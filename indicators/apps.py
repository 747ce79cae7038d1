from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")
    # seed_demo loads indicators.demo (the default package with demo figures).
    seed_demo = True

    def ready(self) -> None:
        from phenomena.panels import register_panel

        from .providers import register_provider
        from .providers.groups import GroupsProvider
        from .providers.observations import ObservationsProvider
        from .views.phenomena import phenomenon_panel

        # The phenomenon page is below this app: it shows our panel through its own registry.
        register_panel("indicators", phenomenon_panel)
        register_provider(ObservationsProvider())
        register_provider(GroupsProvider())
        # Network meetings is built beside this app; its LP counts become indicators only when it is
        # installed, so this app works and tests without it.
        if apps.is_installed("networkmeetings"):
            from .providers.networkmeetings import NetworkMeetingsProvider

            register_provider(NetworkMeetingsProvider())
