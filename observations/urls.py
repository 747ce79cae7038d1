from django.urls import path

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
    path("kerro/", public.form, name="public_form"),
    path("kerro/tarkistus/", public.personal_data_check, name="public_check"),
    path("kerro/<slug:centre>/", public.form, name="public_form_centre"),
    path("kerro/kiitos/<str:code>/", public.thanks, name="public_thanks"),
    path("seuranta/", public.lookup, name="public_lookup"),
    path("seuranta/<str:code>/", public.status, name="public_status"),
]
