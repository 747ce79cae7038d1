from django.urls import path
from django.utils.translation import gettext_lazy

from core.paths import moved

from .views import pages, steering

app_name = "phenomena"

urlpatterns = [
    # Phenomena
    path("phenomena/", pages.phenomenon_list, name="list"),
    path("phenomena/new/", pages.phenomenon_create, name="create"),
    path("phenomena/<int:pk>/", pages.phenomenon_detail, name="detail"),
    path("phenomena/<int:pk>/edit/", pages.phenomenon_edit, name="edit"),
    path("phenomena/<int:pk>/observations/", pages.phenomenon_observations, name="observations"),
    path("phenomena/<int:pk>/link/<int:observation_pk>/", pages.phenomenon_link, name="link"),
    path("phenomena/<int:pk>/start-analysis/", pages.phenomenon_start_analysis, name="start_analysis"),
    path("phenomena/<int:pk>/close/", pages.phenomenon_close, name="close"),
    path("phenomena/<int:pk>/initiative/", pages.initiative_create, name="initiative_create"),
    # Initiatives and steering groups
    path("initiatives/<int:pk>/", steering.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/withdraw/", steering.initiative_withdraw, name="initiative_withdraw"),
    path("initiatives/<int:pk>/agenda/", steering.initiative_agenda, name="initiative_agenda"),
    path("initiatives/<int:pk>/decide/", steering.decide, name="decide"),
    path("groups/<int:group_pk>/initiatives/", steering.group_queue, name="group_queue"),
    path("meetings/<int:meeting_pk>/agenda.pdf", steering.agenda_pdf, name="agenda_pdf"),
    path("meetings/<int:meeting_pk>/minutes.pdf", steering.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:meeting_pk>/invitation.ics", steering.meeting_ics, name="meeting_ics"),
    # Public decision register (no sign-in, no personal data)
    # (in the page's language: /fi/paatokset/, /sv/beslut/, /en/decisions/; the former address redirects)
    path(gettext_lazy("decisions/"), steering.register, name="register"),
    path(gettext_lazy("decisions/decision/<int:pk>/"), steering.register_decision, name="register_decision"),
    path(gettext_lazy("decisions/<slug:centre>/"), steering.register, name="register_centre"),
    moved("decisions/", "phenomena:register"),
    moved("decisions/<slug:centre>/", "phenomena:register_centre"),
]
