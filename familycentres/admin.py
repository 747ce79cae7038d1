from django.contrib import admin
from django.db import models

from .models import (
    AgendaItem,
    Area,
    Attendance,
    FamilyCentre,
    Group,
    Meeting,
    Membership,
    Organisation,
    Service,
    ServiceChannel,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area"]
    list_filter = ["kind"]
    search_fields = ["name", "business_id"]
    autocomplete_fields = ["area"]


@admin.register(FamilyCentre)
class FamilyCentreAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "slug", "wellbeing_county"]
    search_fields = ["name_fi", "name_sv", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}
    filter_horizontal = ["municipalities"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user", "organisation"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "family_centre", "is_active"]
    list_filter = ["kind", "level", "is_active", "family_centre"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["area", "parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role", "organisation", "started_on", "ended_on"]
    list_filter = ["role", "group__kind"]
    search_fields = ["user__full_name", "user__email", "group__name"]
    autocomplete_fields = ["user", "group", "organisation"]
    list_select_related = ["user", "group", "organisation"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "starts_at", "status"]
    list_filter = ["status", "group__kind"]
    search_fields = ["title", "group__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["group"]
    inlines = [AgendaItemInline, AttendanceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ServiceChannelInline(admin.TabularInline):
    model = ServiceChannel
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """For looking things up: coordinators edit services on the service pages, where the rules and the
    audit trail are, so this view is read-only."""

    list_display = ["name_fi", "organisation", "service_group", "source", "is_active"]
    list_filter = ["service_group", "source", "is_active"]
    search_fields = ["name_fi", "name_sv", "organisation__name"]
    list_select_related = ["organisation"]
    inlines = [ServiceChannelInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
