from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkmeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "networkmeetings"
    verbose_name = _("Network meetings")
