from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    name = "observations"
    verbose_name = _("Observations")

    def ready(self) -> None:
        from accounts.personal_data import register_export

        from .personal_data import written_by

        register_export("written", written_by)
