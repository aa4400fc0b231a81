from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<uuid:pk>/open/", views.NotificationOpenView.as_view(), name="open"),
    path("read-all/", views.MarkAllReadView.as_view(), name="read_all"),
    path("preferences/", views.PreferenceView.as_view(), name="preferences"),
]
