from django.contrib import admin

from .models import AccessLogEntry, AuditEvent, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    """Support staff read the records here; changes go through the pages and their services (rules,
    row locks, audit), never around them. Logs are append-only: nobody edits or deletes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


ReadOnlyLogAdmin = ReadOnlyAdmin  # the earlier name


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "action"]
    date_hierarchy = "at"
    list_select_related = ["actor", "content_type"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "content_type", "object_id", "client_ref", "purpose"]
    list_filter = ["kind", "content_type"]
    search_fields = ["client_ref", "object_id"]
    date_hierarchy = "at"
    list_select_related = ["user", "content_type"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "verb", "text", "read_at"]
    list_filter = ["verb"]
    raw_id_fields = ["recipient"]
