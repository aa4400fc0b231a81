from django.contrib import admin

from indicators.models import Indicator, IndicatorTarget, IndicatorValue


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "measure_unit", "value_type", "aggregation", "is_active"]
    list_filter = ["value_type", "aggregation", "is_active", "group"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["numerator", "denominator"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "year", "value"]
    list_filter = ["year"]
    autocomplete_fields = ["indicator", "unit"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "period_start", "period_end", "value", "source"]
    list_filter = ["source"]
    autocomplete_fields = ["indicator", "unit"]
    raw_id_fields = ["report", "entered_by"]
