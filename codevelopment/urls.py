from django.urls import path

from . import views

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
]
