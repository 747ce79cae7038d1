from django.urls import path

from . import consultation_views, public_views, update_views, views

app_name = "codevelopment"

urlpatterns = [
    path("codevelopment/", views.process_list, name="list"),
    path("codevelopment/start/<int:decision_pk>/", views.process_open, name="open"),
    path("codevelopment/<int:pk>/", views.workspace, name="workspace"),
    path("codevelopment/<int:pk>/update/", views.process_update, name="update"),
    path("codevelopment/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path(
        "codevelopment/<int:pk>/milestones/<int:milestone_pk>/done/",
        views.milestone_complete,
        name="milestone_done",
    ),
    path("codevelopment/<int:pk>/hypotheses/", views.hypothesis_add, name="hypothesis_add"),
    path(
        "codevelopment/<int:pk>/hypotheses/<int:hypothesis_pk>/status/",
        views.hypothesis_status,
        name="hypothesis_status",
    ),
    path("codevelopment/<int:pk>/root-causes/", views.root_cause_add, name="root_cause_add"),
    path("codevelopment/<int:pk>/members/", views.member_add, name="member_add"),
    # Reach: consultation rounds, updates, and the public "what we are developing now" pages with a feed
    path("codevelopment/<int:pk>/consultations/", consultation_views.consultation_list, name="consultations"),
    path(
        "codevelopment/<int:pk>/consultations/<int:cpk>/",
        consultation_views.consultation_detail,
        name="consultation_detail",
    ),
    path(
        "codevelopment/<int:pk>/consultations/<int:cpk>/comment/",
        consultation_views.consultation_comment,
        name="consultation_comment",
    ),
    path(
        "codevelopment/<int:pk>/consultations/<int:cpk>/close/",
        consultation_views.consultation_close,
        name="consultation_close",
    ),
    path("codevelopment/<int:pk>/updates/", update_views.update_list, name="updates"),
    path("developing/<slug:centre>/", public_views.developing_now, name="public"),
    path("developing/<slug:centre>/feed/", public_views.developing_now_feed, name="public_feed"),
]
