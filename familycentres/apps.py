from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyCentresConfig(AppConfig):
    name = "familycentres"
    verbose_name = _("Family-centre network")

    def ready(self) -> None:
        from accounts.personal_data import register_export

        from .personal_data import memberships_of

        register_export("memberships", memberships_of)
