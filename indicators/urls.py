from django.urls import path

from .views import catalogue, comparison, dashboards, imports, metrics, phenomena

app_name = "indicators"

urlpatterns = [
    path("indicators/", dashboards.dashboard, name="dashboard"),
    path("indicators/dashboards/save/", dashboards.dashboard_save, name="dashboard_save"),
    path("indicators/dashboards/<int:pk>/delete/", dashboards.dashboard_delete, name="dashboard_delete"),
    path("indicators/catalogue/", catalogue.catalogue_list, name="catalogue"),
    path("indicators/<int:pk>/", catalogue.indicator_detail, name="detail"),
    path("indicators/<int:pk>/compare/", comparison.compare, name="compare"),
    path("indicators/<int:pk>/package/<int:centre_pk>/", catalogue.package_toggle, name="package_toggle"),
    path("indicators/<int:pk>/schedule/", catalogue.schedule_set, name="schedule"),
    path("indicators/<int:pk>/import/", imports.indicator_import, name="import"),
    path("indicators/imports/", imports.runs, name="runs"),
    path("indicators/imports/<int:pk>/", imports.run_detail, name="run_detail"),
    path("indicators/imports/sotkanet/<str:what>/", imports.source_refresh, name="source_refresh"),
    path("phenomena/<int:pk>/indicators/", phenomena.phenomenon_link, name="phenomenon_link"),
    path("codevelopment/metrics/<int:pk>/indicator/", metrics.metric_link, name="metric_link"),
]
