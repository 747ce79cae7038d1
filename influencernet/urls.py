"""Pages of the influencer network under /fi/vaikuttajaverkosto/, /sv/paverkarnatverket/ and
/en/influencer-network/ (the prefix is translated)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .views import calls, glossary, matters, members, proposals, public, workspace

app_name = "influencernet"

network_patterns = [
    path("", public.network, name="public"),
    path("matters/<int:pk>/", public.matter, name="public_matter"),
    path("proposals/<int:pk>/", public.proposal, name="public_proposal"),
    path("work/", workspace.workspace, name="workspace"),
    path("work/goals/", workspace.goal_add, name="goal_add"),
    path("work/members/", members.member_list, name="member_list"),
    path("work/members/contacts.csv", members.contacts_csv, name="contacts_csv"),
    path("work/members/contacts.vcf", members.contacts_vcf, name="contacts_vcf"),
    path("work/members/<int:pk>/", members.member_detail, name="member_detail"),
    path("work/members/<int:pk>/leave/", members.member_leave, name="member_leave"),
    path("work/members/<int:pk>/representatives/", members.representative_add, name="representative_add"),
    path(
        "work/members/<int:pk>/representatives/<int:rep_pk>/invite/",
        members.representative_invite,
        name="representative_invite",
    ),
    path(
        "work/members/<int:pk>/representatives/<int:rep_pk>/end/",
        members.representative_end,
        name="representative_end",
    ),
    path("work/matters/", matters.matter_list, name="matter_list"),
    path("work/matters/new/", matters.matter_new, name="matter_new"),
    path("work/matters/<int:pk>/", matters.matter_detail, name="matter_detail"),
    path("work/matters/<int:pk>/statement/", matters.statement_save, name="statement_save"),
    path("work/matters/<int:pk>/response/", matters.matter_respond, name="matter_respond"),
    path("work/matters/<int:pk>/close/", matters.matter_close, name="matter_close"),
    path("work/matters/<int:pk>/summary.pdf", matters.matter_summary_pdf, name="matter_summary_pdf"),
    path("work/matters/<int:pk>/documents/", matters.matter_document_add, name="matter_document_add"),
    path(
        "work/matters/<int:pk>/documents/<int:document_pk>/",
        matters.matter_document_download,
        name="matter_document_download",
    ),
    path("work/calls/", calls.call_list, name="call_list"),
    path("work/calls/<int:pk>/", calls.call_detail, name="call_detail"),
    path("work/calls/<int:pk>/close/", calls.call_close, name="call_close"),
    path(
        "work/calls/<int:pk>/nominations/<int:nomination_pk>/decide/",
        calls.nomination_decide,
        name="nomination_decide",
    ),
    path("work/proposals/", proposals.proposal_list, name="proposal_list"),
    path("work/proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("work/proposals/<int:pk>/forward/", proposals.proposal_forward, name="proposal_forward"),
    path("work/proposals/<int:pk>/feedback/", proposals.proposal_feedback, name="proposal_feedback"),
    path("work/glossary/", glossary.glossary, name="glossary"),
    path("work/glossary/changes/<int:pk>/decide/", glossary.term_change_decide, name="term_change_decide"),
]

urlpatterns = [
    path(
        _("influencer-network/"),
        include(
            [
                path("", public.index, name="public_index"),
                path("mine/", workspace.network_list, name="network_list"),
                path("invitation/<str:token>/", members.invitation_accept, name="invitation_accept"),
                path("<slug:slug>/", include(network_patterns)),
            ]
        ),
    ),
]
