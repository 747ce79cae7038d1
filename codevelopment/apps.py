from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodevelopmentConfig(AppConfig):
    name = "codevelopment"
    verbose_name = _("Co-development")

    def ready(self) -> None:
        from phenomena.signals import decision_recorded

        from . import receivers
        from .signals import invitation_link_issued

        decision_recorded.connect(
            receivers.on_decision_recorded, dispatch_uid="codevelopment.on_decision_recorded"
        )
        invitation_link_issued.connect(
            receivers.on_invitation_link_issued, dispatch_uid="codevelopment.on_invitation_link_issued"
        )
