from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodevelopmentConfig(AppConfig):
    name = "codevelopment"
    verbose_name = _("Co-development")

    def ready(self) -> None:
        from phenomena.signals import decision_recorded

        from .lifecycle import on_decision_recorded

        decision_recorded.connect(on_decision_recorded, dispatch_uid="codevelopment.on_decision_recorded")
