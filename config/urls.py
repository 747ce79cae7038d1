from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core import views as core_views
from familycentres import views as fc_views
from familycentres.views import maps as fc_maps
from observations.views import public as public_views

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Calendar apps cannot sign in: the feed is addressed by the group's secret token.
    path("ical/groups/<int:pk>/<str:token>.ics", fc_views.group_ical, name="group-ical"),
    # The families' open form fetches its ALTCHA proof-of-work challenge here (no language prefix).
    path("altcha/challenge/", public_views.altcha_challenge, name="altcha_challenge"),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("notifications/", core_views.notifications, name="notifications"),
    path("notifications/read/", core_views.notifications_read, name="notifications_read"),
    path("personal-data-check/", core_views.personal_data_check, name="personal_data_check"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("network/", include("familycentres.urls")),
    path("", include("observations.urls")),
    path("", include("phenomena.urls")),
    path("", include("codevelopment.urls")),
    path("", include("influencernet.urls")),
    # The families' service finder: /fi/palvelut/, /sv/tjanster/, /en/services/.
    path(gettext_lazy("services/"), fc_maps.service_finder, name="service_finder"),
    path("", include("networkmeetings.urls")),
    path("", include("indicators.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# The load test's ceiling (`make bench-load`): only when BENCH_CEILING is set, never in normal use.
if settings.BENCH_CEILING:
    urlpatterns += i18n_patterns(
        path("bench/ceiling/", core_views.bench_ceiling, name="bench_ceiling"), prefix_default_language=True
    )
