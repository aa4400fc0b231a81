"""Mounted under /notifications/ (khcn/urls.py), where these pages lived before the split, so
their addresses stay the same."""

from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.ReminderLogListView.as_view(), name="reminder_list"),
    path("remind/<uuid:pk>/", views.RemindView.as_view(), name="remind"),
    path("remind/round/<uuid:pk>/", views.RemindRoundView.as_view(), name="remind_round"),
]
