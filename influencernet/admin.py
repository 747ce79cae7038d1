"""Administrators set up a network (its group, its family centres); everything else is done on the network's
own pages, through the services (rules and audit trail), so the other models are read-only here."""

from django.contrib import admin

from .models import Matter, Member, Network, Proposal


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "group", "reminder_days"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["family_centres"]
    list_select_related = ["group"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "network", "kind", "joined_on", "left_on"]
    list_filter = ["kind", "network"]
    search_fields = ["name"]


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "family_centre", "deadline", "status"]
    list_filter = ["status", "network"]
    search_fields = ["title"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "family_centre", "status"]
    list_filter = ["status", "network"]
    search_fields = ["title"]
