from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodevelopmentConfig(AppConfig):
    name = "codevelopment"
    verbose_name = _("Co-development")

    def ready(self) -> None:
        from accounts.personal_data import register_export

        from .personal_data import written_in_codevelopment

        register_export("codevelopment", written_in_codevelopment, heading=_("In developer groups"))

        from core import panels
        from familycentres.models import FamilyCentre
        from phenomena.signals import decision_recorded

        # The families' front page links to each family centre's "what we are developing now".
        panels.register(
            panels.HOME_PUBLIC,
            template="codevelopment/panels/home_developing.html",
            context=lambda request: {
                "centres": FamilyCentre.objects.order_by("name_fi").only("slug", "name_fi", "name_sv")
            },
            order=10,
        )

        from . import receivers
        from .signals import invitation_link_issued

        decision_recorded.connect(
            receivers.on_decision_recorded, dispatch_uid="codevelopment.on_decision_recorded"
        )
        invitation_link_issued.connect(
            receivers.on_invitation_link_issued, dispatch_uid="codevelopment.on_invitation_link_issued"
        )
