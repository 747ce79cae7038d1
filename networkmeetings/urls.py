from django.urls import path

from .views import family, lp, meetings, processes

app_name = "networkmeetings"

urlpatterns = [
    path("network-meetings/", processes.process_list, name="list"),
    path("network-meetings/new/", processes.process_convene, name="convene"),
    path("network-meetings/<int:pk>/", processes.process_detail, name="detail"),
    path("network-meetings/<int:pk>/preparation/", processes.preparation, name="preparation"),
    path("network-meetings/<int:pk>/invitees/", processes.participant_invite, name="invite"),
    path(
        "network-meetings/<int:pk>/invitees/<int:participant_pk>/remove/",
        processes.participant_remove,
        name="participant_remove",
    ),
    path("network-meetings/<int:pk>/answer/", processes.participant_answer, name="answer"),
    path("network-meetings/<int:pk>/genogram-and-timeline/", processes.tools, name="tools"),
    path("network-meetings/<int:pk>/close/", processes.process_close, name="close"),
    path("network-meetings/<int:pk>/family-code/", processes.family_code, name="family_code"),
    path("network-meetings/<int:pk>/access-log/", processes.access_log, name="access_log"),
    path("network-meetings/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("network-meetings/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("network-meetings/meetings/<int:pk>/record/", meetings.record_save, name="record_save"),
    path("network-meetings/meetings/<int:pk>/screen/", meetings.presentation, name="presentation"),
    path("network-meetings/meetings/<int:pk>/steps/", meetings.step_add, name="step_add"),
    path(
        "network-meetings/meetings/<int:pk>/steps/<int:step_pk>/done/", meetings.step_done, name="step_done"
    ),
    path("network-meetings/meetings/<int:pk>/conclude/", meetings.meeting_conclude, name="conclude"),
    path("network-meetings/meetings/<int:pk>/plan.pdf", meetings.plan_pdf, name="plan_pdf"),
    path("network-meetings/invitation/<str:token>/", processes.guest_invitation, name="guest"),
    path("family/", family.family_enter, name="family_enter"),
    path("family/plan/", family.family_plan, name="family_plan"),
    path("family/feedback/", family.family_feedback, name="family_feedback"),
    path("family/leave/", family.family_leave, name="family_leave"),
    path("lp/feedback/", lp.feedback_summary_page, name="feedback_summary"),
    path("lp/feedback/import/", lp.feedback_import, name="feedback_import"),
    path("lp/qualifications/", lp.qualifications, name="qualifications"),
]
