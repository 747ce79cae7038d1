"""Administrators keep the indicator sources: the catalogue (a Statistics Finland indicator is added here
with its PxWeb table path and query), the regions and their source ids. Values come only through imports,
so they are read-only here."""

from django.contrib import admin

from .models import Indicator, PackageEntry, PhenomenonIndicator, Region, Value


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "kind", "code", "sotkanet_id", "parent", "area"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv", "code"]
    list_select_related = ["parent", "area"]
    autocomplete_fields = ["parent", "area"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "title_fi",
        "source",
        "source_id",
        "value_type",
        "in_default_package",
        "schedule",
        "last_imported_at",
    ]
    list_filter = ["source", "in_default_package", "schedule", "value_type"]
    search_fields = ["title_fi", "title_sv", "title_en", "source_id"]
    readonly_fields = ["last_imported_at", "source_updated_at"]


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "region", "year", "gender", "value", "abs_value"]
    list_filter = ["gender", "indicator__source"]
    search_fields = ["indicator__title_fi", "region__name_fi", "region__code"]
    list_select_related = ["indicator", "region"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(PackageEntry)
admin.site.register(PhenomenonIndicator)
