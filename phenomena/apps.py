from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhenomenaConfig(AppConfig):
    name = "phenomena"
    verbose_name = _("Phenomena and initiatives")

    def ready(self) -> None:
        from observations.selectors import public_status_providers

        from .selectors import family_status

        if family_status not in public_status_providers:
            public_status_providers.append(family_status)
