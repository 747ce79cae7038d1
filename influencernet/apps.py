from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfluencernetConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "influencernet"
    verbose_name = _("Influencer network")

    def ready(self) -> None:
        from accounts.personal_data import register_export

        from .personal_data import influencernet_of

        register_export("influencer_network", influencernet_of, heading=_("Influencer network"))

        from . import receivers  # noqa: F401
