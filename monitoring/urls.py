from django.urls import path

from monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("fresh/", views.FreshnessView.as_view(), name="fresh"),
    path("api/summary/", views.SummaryApiView.as_view(), name="api_summary"),
]
