from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhenomenaConfig(AppConfig):
    name = "phenomena"
    verbose_name = _("Phenomena and initiatives")
