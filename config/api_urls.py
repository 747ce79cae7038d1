from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts import api as accounts_api
from codevelopment import api as codev_api
from familycentres import api as fc_api
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
router.register("public/observations", obs_api.PublicObservationViewSet, basename="public-observation")

urlpatterns = [
    path("", include(router.urls)),
    path("me/export/", accounts_api.my_export, name="me-export"),
]
