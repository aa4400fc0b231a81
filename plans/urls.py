from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("new/", views.PlanEditView.as_view(), name="create"),
    path("<uuid:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.PlanEditView.as_view(), name="edit"),
    path("<uuid:pk>/roadmap/", views.PlanRoadmapView.as_view(), name="roadmap"),
    path("<uuid:pk>/tasks/new/", views.TaskCreateView.as_view(), name="task_create"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/<uuid:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("tasks/<uuid:pk>/edit/", views.TaskEditView.as_view(), name="task_edit"),
    path("tasks/<uuid:pk>/close/", views.TaskCloseView.as_view(), name="task_close"),
    path("tasks/<uuid:pk>/reassign/", views.TaskReassignView.as_view(), name="task_reassign"),
]
