from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfluencernetConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "influencernet"
    verbose_name = _("Influencer network")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
