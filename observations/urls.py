from django.urls import path
from django.utils.translation import gettext_lazy

from core.paths import moved

from .views import professional, public, team, triage

app_name = "observations"

urlpatterns = [
    # Professionals
    path("observations/", professional.mine, name="mine"),
    path("observations/new/", professional.create, name="create"),
    path("observations/themes/", professional.theme_suggest, name="theme_suggest"),
    path("observations/<int:pk>/", professional.detail, name="detail"),
    path("observations/<int:pk>/edit/", professional.edit, name="edit"),
    # Collectors
    path("observations/triage/", triage.queue, name="triage"),
    path("observations/triage/export.csv", triage.export_csv, name="export"),
    path("observations/<int:pk>/read/", triage.mark_read, name="mark_read"),
    path("observations/<int:pk>/note/", triage.note_add, name="note_add"),
    path("observations/<int:pk>/themes/", triage.themes_set, name="themes_set"),
    path("observations/<int:pk>/merge/", triage.merge, name="merge"),
    path("observations/<int:pk>/archive/", triage.archive, name="archive"),
    path("observations/<int:pk>/redact/", triage.redact, name="redact"),
    # Local family-centre teams
    path("teams/<int:group_pk>/observations/", team.team_view, name="team_view"),
    path("teams/<int:group_pk>/observations.pdf", team.team_view_pdf, name="team_view_pdf"),
    path("teams/<int:group_pk>/meetings/<int:meeting_pk>/review/", team.review, name="team_review"),
    # Families, without an account
    # (in the page's language: /fi/kerro/, /sv/beratta/, /en/tell/; /fi/seuranta/, /sv/uppfoljning/ ...)
    path(gettext_lazy("tell/"), public.form, name="public_form"),
    path(gettext_lazy("tell/thanks/<str:code>/"), public.thanks, name="public_thanks"),
    path(gettext_lazy("tell/check/"), public.personal_data_check, name="public_check"),
    path(gettext_lazy("tell/<slug:centre>/"), public.form, name="public_form_centre"),
    path(gettext_lazy("follow-up/"), public.lookup, name="public_lookup"),
    path(gettext_lazy("follow-up/<str:code>/"), public.status, name="public_status"),
    # The former addresses (on printed posters) answer with a permanent redirect.
    moved("kerro/", "observations:public_form"),
    moved("kerro/kiitos/<str:code>/", "observations:public_thanks"),
    moved("kerro/<slug:centre>/", "observations:public_form_centre"),
    moved("seuranta/", "observations:public_lookup"),
    moved("seuranta/<str:code>/", "observations:public_status"),
]
