from django.urls import path

from . import lifecycle_views, views

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
    # Life cycle: stages, the proposal to the steering group, follow-up and closing.
    path("codevelopment/<int:pk>/stage/", lifecycle_views.process_advance, name="advance"),
    path("codevelopment/<int:pk>/proposal/", lifecycle_views.proposal, name="proposal"),
    path("codevelopment/<int:pk>/proposal/send/", lifecycle_views.proposal_send, name="proposal_send"),
    path("codevelopment/<int:pk>/follow-up/", lifecycle_views.follow_up, name="follow_up"),
    path("codevelopment/<int:pk>/follow-up/metrics/", lifecycle_views.metric_add, name="metric_add"),
    path(
        "codevelopment/<int:pk>/follow-up/metrics/<int:metric_pk>/points/",
        lifecycle_views.point_schedule,
        name="point_schedule",
    ),
    path(
        "codevelopment/<int:pk>/follow-up/points/<int:point_pk>/record/",
        lifecycle_views.point_record,
        name="point_record",
    ),
    path("codevelopment/<int:pk>/close/", lifecycle_views.process_close, name="close"),
]
