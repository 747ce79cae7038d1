from django.urls import path

from . import views

app_name = "familycentres"

urlpatterns = [
    path("", views.centre_list, name="centre_list"),
    path("centres/<slug:slug>/", views.centre_detail, name="centre_detail"),
    path("areas/", views.area_list, name="area_list"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/calendar-link/", views.group_calendar_rotate, name="group_calendar_rotate"),
    path("groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/agenda/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
]
