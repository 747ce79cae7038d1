from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyCentresConfig(AppConfig):
    name = "familycentres"
    verbose_name = _("Family-centre network")
