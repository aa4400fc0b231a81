from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<uuid:pk>/open/", views.NotificationOpenView.as_view(), name="open"),
    path("read-all/", views.MarkAllReadView.as_view(), name="read_all"),
    path("preferences/", views.PreferenceView.as_view(), name="preferences"),
    path("reminders/", views.ReminderLogListView.as_view(), name="reminder_list"),
    path("remind/<uuid:pk>/", views.RemindView.as_view(), name="remind"),
    path("remind/round/<uuid:pk>/", views.RemindRoundView.as_view(), name="remind_round"),
]
