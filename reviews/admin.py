from django.contrib import admin

from reviews.models import Review, ReviewVersion


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "period_label", "status", "layout", "created_at"]
    list_filter = ["status", "layout"]
    readonly_fields = ["version", "annexes"]


@admin.register(ReviewVersion)
class ReviewVersionAdmin(admin.ModelAdmin):
    list_display = ["review", "number", "action", "author", "created_at"]
