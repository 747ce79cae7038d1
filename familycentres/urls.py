from django.urls import path

from . import views
from .views import maps, representation

app_name = "familycentres"

urlpatterns = [
    path("", views.centre_list, name="centre_list"),
    path("centres/<slug:slug>/", views.centre_detail, name="centre_detail"),
    path("areas/", views.area_list, name="area_list"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/representation/", representation.representation, name="representation"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/calendar-link/", views.group_calendar_rotate, name="group_calendar_rotate"),
    path("groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/agenda/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("services/", maps.service_list, name="service_list"),
    path("services/new/", maps.service_create, name="service_create"),
    path("services/import/", maps.service_import, name="service_import"),
    path("services/<int:pk>/", maps.service_detail, name="service_detail"),
    path("services/<int:pk>/edit/", maps.service_edit, name="service_edit"),
    path("services/<int:pk>/conflicts/", maps.service_conflict_resolve, name="service_conflict_resolve"),
    path("services/<int:pk>/channels/", maps.channel_add, name="channel_add"),
    path("services/<int:pk>/channels/<int:channel_pk>/remove/", maps.channel_remove, name="channel_remove"),
    path("service-map/", maps.service_map, name="service_map"),
    path(
        "service-map/<str:service_group>/<str:client_group>/", maps.service_map_cell, name="service_map_cell"
    ),
    path("network-map/", maps.network_map, name="network_map"),
]
