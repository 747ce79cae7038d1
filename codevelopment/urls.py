from django.urls import path
from django.utils.translation import gettext_lazy

from core.paths import moved

from .views import (
    consultations,
    contacts,
    documents,
    invitations,
    lifecycle,
    meetings,
    process,
    public,
    reach,
    subteams,
    survey_public,
    surveys,
    updates,
)

app_name = "codevelopment"

urlpatterns = [
    path("codevelopment/", process.process_list, name="list"),
    path("codevelopment/start/<int:decision_pk>/", process.process_open, name="open"),
    path("codevelopment/<int:pk>/", process.workspace, name="workspace"),
    path("codevelopment/<int:pk>/update/", process.process_update, name="update"),
    path("codevelopment/<int:pk>/milestones/", process.milestone_add, name="milestone_add"),
    path(
        "codevelopment/<int:pk>/milestones/<int:milestone_pk>/done/",
        process.milestone_complete,
        name="milestone_done",
    ),
    path("codevelopment/<int:pk>/hypotheses/", process.hypothesis_add, name="hypothesis_add"),
    path(
        "codevelopment/<int:pk>/hypotheses/<int:hypothesis_pk>/status/",
        process.hypothesis_status,
        name="hypothesis_status",
    ),
    path("codevelopment/<int:pk>/root-causes/", process.root_cause_add, name="root_cause_add"),
    path("codevelopment/<int:pk>/root-causes/none/", process.root_causes_skip, name="root_causes_skip"),
    path("codevelopment/<int:pk>/members/", process.member_add, name="member_add"),
    path("codevelopment/<int:pk>/contacts/", contacts.contacts, name="contacts"),
    path("codevelopment/<int:pk>/contacts.csv", contacts.contacts_csv, name="contacts_csv"),
    # Workspace tools: meetings and memos, dialogues, documents, invitations, sub-teams
    path("codevelopment/<int:pk>/meetings/", meetings.meetings, name="meetings"),
    path(
        "codevelopment/<int:pk>/meetings/<int:meeting_pk>/memo/",
        meetings.meeting_memo,
        name="meeting_memo",
    ),
    path("codevelopment/<int:pk>/dialogues/", meetings.dialogues, name="dialogues"),
    path("codevelopment/<int:pk>/documents/", documents.documents, name="documents"),
    path(
        "codevelopment/<int:pk>/documents/<int:document_pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "codevelopment/<int:pk>/documents/<int:document_pk>/delete/",
        documents.document_delete,
        name="document_delete",
    ),
    path("codevelopment/<int:pk>/invitations/", invitations.invitations, name="invitations"),
    path(
        "codevelopment/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "codevelopment/<int:pk>/invitations/<int:invitation_pk>/resend/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path("codevelopment/invitation/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("codevelopment/<int:pk>/subteams/", subteams.subteam_add, name="subteam_add"),
    # Experience surveys: the developer group's pages and the families' public answer page
    path("codevelopment/<int:pk>/surveys/", surveys.survey_list, name="survey_list"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/", surveys.survey_detail, name="survey_detail"),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/questions/",
        surveys.question_add,
        name="survey_question_add",
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/questions/<int:qpk>/move/",
        surveys.question_move,
        name="survey_question_move",
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/questions/<int:qpk>/delete/",
        surveys.question_delete,
        name="survey_question_delete",
    ),
    path("codevelopment/<int:pk>/surveys/<int:spk>/open/", surveys.survey_open, name="survey_open"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/close/", surveys.survey_close, name="survey_close"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/qr.svg", surveys.survey_qr, name="survey_qr"),
    path("codevelopment/<int:pk>/surveys/<int:spk>/poster/", surveys.survey_poster, name="survey_poster"),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/results/",
        surveys.survey_results,
        name="survey_results",
    ),
    path(
        "codevelopment/<int:pk>/surveys/<int:spk>/results.csv",
        surveys.survey_results_csv,
        name="survey_results_csv",
    ),
    path(gettext_lazy("survey/<str:public_id>/"), survey_public.survey_answer, name="survey_answer"),
    path(gettext_lazy("survey/<str:public_id>/thanks/"), survey_public.survey_thanks, name="survey_thanks"),
    # Reach: consultation rounds, updates, and the public "what we are developing now" pages with a feed
    path("codevelopment/<int:pk>/consultations/", consultations.consultations, name="consultations"),
    path(
        "codevelopment/<int:pk>/consultations/<int:cpk>/",
        consultations.consultation_detail,
        name="consultation_detail",
    ),
    path(
        "codevelopment/<int:pk>/consultations/<int:cpk>/comment/",
        consultations.consultation_comment,
        name="consultation_comment",
    ),
    path(
        "codevelopment/<int:pk>/consultations/<int:cpk>/close/",
        consultations.consultation_close,
        name="consultation_close",
    ),
    path("codevelopment/<int:pk>/updates/", updates.update_list, name="updates"),
    path("codevelopment/<int:pk>/reach/<str:kind>/<int:rpk>/", reach.reach, name="reach"),
    path(gettext_lazy("developing/<slug:centre>/"), public.developing_now, name="public"),
    path(gettext_lazy("developing/<slug:centre>/feed/"), public.developing_now_feed, name="public_feed"),
    # Life cycle: stages, the proposal to the steering group, follow-up and closing.
    path("codevelopment/<int:pk>/stage/", lifecycle.process_advance, name="advance"),
    path("codevelopment/<int:pk>/proposal/", lifecycle.proposal, name="proposal"),
    path("codevelopment/<int:pk>/proposal/send/", lifecycle.proposal_send, name="proposal_send"),
    path("codevelopment/<int:pk>/follow-up/", lifecycle.follow_up, name="follow_up"),
    path("codevelopment/<int:pk>/follow-up/metrics/", lifecycle.metric_add, name="metric_add"),
    path(
        "codevelopment/<int:pk>/follow-up/metrics/<int:metric_pk>/points/",
        lifecycle.point_schedule,
        name="point_schedule",
    ),
    path(
        "codevelopment/<int:pk>/follow-up/points/<int:point_pk>/record/",
        lifecycle.point_record,
        name="point_record",
    ),
    path("codevelopment/<int:pk>/follow-up/report.pdf", lifecycle.follow_up_report, name="follow_up_report"),
    path(
        "codevelopment/<int:pk>/follow-up/evaluations/",
        lifecycle.subteam_evaluation_add,
        name="subteam_evaluation_add",
    ),
    path("codevelopment/<int:pk>/close/", lifecycle.process_close, name="close"),
    # The public pages' former addresses (printed QR codes, feed readers) answer with a permanent redirect.
    moved("kysely/<str:public_id>/", "codevelopment:survey_answer"),
    moved("kysely/<str:public_id>/kiitos/", "codevelopment:survey_thanks"),
    moved("developing/<slug:centre>/", "codevelopment:public"),
    moved("developing/<slug:centre>/feed/", "codevelopment:public_feed"),
]
