from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")
    # seed_demo loads indicators.demo (the default package with demo figures).
    seed_demo = True

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from codevelopment.metric_panels import register_metric_panel
        from familycentres.agenda_links import register_link_source
        from phenomena.panels import register_panel

        from .agenda import saved_dashboard_links
        from .models import Indicator, Region
        from .providers import register_provider
        from .providers.groups import GroupsProvider
        from .providers.observations import ObservationsProvider
        from .views.metrics import metric_panel
        from .views.phenomena import phenomenon_panel

        # The phenomenon page is below this app: it shows our panel through its own registry.
        register_panel("indicators", phenomenon_panel)
        # A steering group's agenda item can point to a saved dashboard (the agenda is below this app).
        register_link_source("indicators", saved_dashboard_links)
        # A co-development follow-up metric can be read from an indicator (co-development is below us).
        register_metric_panel("indicators", metric_panel)
        from familycentres.models import Group

        from .services.values import group_delete_wait, indicator_delete_wait, region_delete_protect

        # The value table does not check its references in the database (see Value): deleting an
        # indicator, a region or a group waits for an import that writes its values.
        pre_delete.connect(indicator_delete_wait, sender=Indicator, dispatch_uid="indicator_delete_wait")
        pre_delete.connect(region_delete_protect, sender=Region, dispatch_uid="region_delete_protect")
        pre_delete.connect(group_delete_wait, sender=Group, dispatch_uid="indicator_group_delete_wait")
        register_provider(ObservationsProvider())
        register_provider(GroupsProvider())
        # Network meetings is built beside this app; its LP counts become indicators only when it is
        # installed, so this app works and tests without it.
        if apps.is_installed("networkmeetings"):
            from .providers.networkmeetings import NetworkMeetingsProvider

            register_provider(NetworkMeetingsProvider())
