from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts import api as accounts_api
from codevelopment import api as codev_api
from familycentres import api as fc_api
from indicators import api as ind_api
from influencernet import api as inf_api
from networkmeetings import api as nm_api
from observations import api as obs_api
from phenomena import api as ph_api

router = DefaultRouter()
router.register("areas", fc_api.AreaViewSet, basename="area")
router.register("organisations", fc_api.OrganisationViewSet, basename="organisation")
router.register("family-centres", fc_api.FamilyCentreViewSet, basename="familycentre")
router.register("groups", fc_api.GroupViewSet, basename="group")
router.register("memberships", fc_api.MembershipViewSet, basename="membership")
router.register("meetings", fc_api.MeetingViewSet, basename="meeting")
router.register("observations", obs_api.ObservationViewSet, basename="observation")
router.register("phenomena", ph_api.PhenomenonViewSet, basename="phenomenon")
router.register("codevelopment/processes", codev_api.ProcessViewSet, basename="codevelopment-process")
router.register("codevelopment/points", codev_api.FollowUpPointViewSet, basename="codevelopment-point")
router.register("influencer-network/members", inf_api.MemberViewSet, basename="influencernet-member")
router.register("influencer-network/matters", inf_api.MatterViewSet, basename="influencernet-matter")
router.register("influencer-network/proposals", inf_api.ProposalViewSet, basename="influencernet-proposal")
router.register("influencer-network/glossary", inf_api.TermViewSet, basename="influencernet-term")
router.register("public/observations", obs_api.PublicObservationViewSet, basename="public-observation")
router.register("services", fc_api.ServiceViewSet, basename="service")
router.register("network-processes", nm_api.NetworkProcessViewSet, basename="network-process")
router.register("lp/qualifications", nm_api.QualificationViewSet, basename="lp-qualification")
router.register("lp/feedback-imports", nm_api.FeedbackImportViewSet, basename="lp-feedback-import")
router.register("lp/feedback-summary", nm_api.FeedbackSummaryViewSet, basename="lp-feedback-summary")
router.register("indicators", ind_api.IndicatorViewSet, basename="indicator")
router.register("indicator-imports", ind_api.ImportRunViewSet, basename="indicator-import")

urlpatterns = [
    path("service-map/", fc_api.ServiceMapView.as_view(), name="service-map-api"),
    path("network-map/", fc_api.NetworkMapView.as_view(), name="network-map-api"),
    path("", include(router.urls)),
    path("me/export/", accounts_api.my_export, name="me-export"),
]
