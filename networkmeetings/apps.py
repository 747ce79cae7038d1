from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkmeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "networkmeetings"
    verbose_name = _("Network meetings")

    def ready(self) -> None:
        from accounts.personal_data import register_export

        from .personal_data import roles_in_network_meetings

        register_export("network_meetings", roles_in_network_meetings, heading=_("Network meetings"))
