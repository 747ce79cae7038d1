from django.urls import path

from . import (
    consultation_views,
    lifecycle_views,
    public_views,
    survey_views,
    update_views,
    views,
    workspace_views,
)

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
    # Workspace tools: meetings and memos, dialogues, documents, invitations, sub-teams
    path("codevelopment/<int:pk>/meetings/", workspace_views.meetings, name="meetings"),
    path(
        "codevelopment/<int:pk>/meetings/<int:meeting_pk>/memo/",
        workspace_views.meeting_memo,
        name="meeting_memo",
    ),
    path("codevelopment/<int:pk>/dialogues/", workspace_views.dialogues, name="dialogues"),
    path("codevelopment/<int:pk>/documents/", workspace_views.documents, name="documents"),
    path(
        "codevelopment/<int:pk>/documents/<int:document_pk>/download/",
        workspace_views.document_download,
        name="document_download",
    ),
    path(
        "codevelopment/<int:pk>/documents/<int:document_pk>/delete/",
        workspace_views.document_delete,
        name="document_delete",
    ),
    path("codevelopment/<int:pk>/invitations/", workspace_views.invitations, name="invitations"),
    path(
        "codevelopment/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        workspace_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "codevelopment/<int:pk>/invitations/<int:invitation_pk>/resend/",
        workspace_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "codevelopment/invitation/<str:token>/", workspace_views.invitation_accept, name="invitation_accept"
    ),
    path("codevelopment/<int:pk>/subteams/", workspace_views.subteam_add, name="subteam_add"),
    # Experience surveys: the developer group's pages and the families' public answer page
    path("codevelopment/<int:pk>/surveys/", survey_views.survey_list, name="survey_list"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/", survey_views.survey_detail, name="survey_detail"),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/questions/",
        survey_views.question_add,
        name="survey_question_add",
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/questions/<int:qpk>/move/",
        survey_views.question_move,
        name="survey_question_move",
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/questions/<int:qpk>/delete/",
        survey_views.question_delete,
        name="survey_question_delete",
    ),
    path("codevelopment/<int:pk>/surveys/<int:spk>/open/", survey_views.survey_open, name="survey_open"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/close/", survey_views.survey_close, name="survey_close"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/qr.svg", survey_views.survey_qr, name="survey_qr"),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/poster/", survey_views.survey_poster, name="survey_poster"
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/results/",
        survey_views.survey_results,
        name="survey_results",
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/results.csv",
        survey_views.survey_results_csv,
        name="survey_results_csv",
    ),
    path("kysely/<str:public_id>/", survey_views.survey_answer, name="survey_answer"),
    path("kysely/<str:public_id>/kiitos/", survey_views.survey_thanks, name="survey_thanks"),
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
