from django.contrib import admin

from plans.models import Milestone, Plan, Section, Task, TaskAssignment


class AssignmentInline(admin.TabularInline):
    model = TaskAssignment
    fk_name = "task"
    extra = 0
    autocomplete_fields = ["unit"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "is_published"]
    list_filter = ["status", "is_published"]
    search_fields = ["title"]
    autocomplete_fields = ["owner", "parent", "document"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["label", "heading", "plan"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "plan", "status", "progress"]
    list_filter = ["status", "frequency"]
    search_fields = ["title", "code"]
    inlines = [AssignmentInline, MilestoneInline]
