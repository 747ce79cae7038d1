from django.urls import path
from django.utils.translation import gettext_lazy

from core.paths import moved

from .views import analysis, flows, pages, referrals, steering, teams

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
    # The named analyser: the analysis, the people invited to it and its discussion
    path("phenomena/<int:pk>/analysis/", analysis.analysis_write, name="analysis_write"),
    path("phenomena/<int:pk>/contributors/", analysis.contributors_invite, name="contributors_invite"),
    path("phenomena/<int:pk>/contributors/search/", analysis.contributors_search, name="contributors_search"),
    path("phenomena/<int:pk>/comments/", analysis.comment_add, name="comment_add"),
    # Matters sent down to the local teams
    path("groups/<int:group_pk>/referrals/", referrals.referral_list, name="referral_list"),
    path("groups/<int:group_pk>/referrals/new/", referrals.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    path("referrals/answers/<int:pk>/", referrals.referral_answer, name="referral_answer"),
    # Initiatives and steering groups
    path("initiatives/<int:pk>/", steering.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/withdraw/", steering.initiative_withdraw, name="initiative_withdraw"),
    path("initiatives/<int:pk>/agenda/", steering.initiative_agenda, name="initiative_agenda"),
    path("initiatives/<int:pk>/decide/", steering.decide, name="decide"),
    path("groups/<int:group_pk>/initiatives/", steering.group_queue, name="group_queue"),
    path("groups/<int:group_pk>/routes/", flows.routes, name="routes"),
    path("routes/<int:pk>/remove/", flows.route_remove, name="route_remove"),
    path("initiatives/<int:pk>/other-decision/", flows.other_decision, name="other_decision"),
    path(
        "initiatives/<int:pk>/other-decision/document/",
        flows.other_decision_document,
        name="other_decision_document",
    ),
    path("local-actions/<int:pk>/report/", flows.local_action_report, name="local_action_report"),
    path("meetings/<int:meeting_pk>/agenda.pdf", steering.agenda_pdf, name="agenda_pdf"),
    path("meetings/<int:meeting_pk>/minutes.pdf", steering.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:meeting_pk>/invitation.ics", steering.meeting_ics, name="meeting_ics"),
    # A local team raises a matter to its steering group from its meeting record
    path("meetings/<int:meeting_pk>/raise/", teams.team_raise, name="team_raise"),
    # Public decision register (no sign-in, no personal data)
    # (in the page's language: /fi/paatokset/, /sv/beslut/, /en/decisions/; the former address redirects)
    path(gettext_lazy("decisions/"), steering.register, name="register"),
    path(gettext_lazy("decisions/decision/<int:pk>/"), steering.register_decision, name="register_decision"),
    path(gettext_lazy("decisions/<slug:centre>/"), steering.register, name="register_centre"),
    moved("decisions/", "phenomena:register"),
    moved("decisions/<slug:centre>/", "phenomena:register_centre"),
]
