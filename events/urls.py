from django.urls import path

from events import ical, views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("feed.ics", ical.event_feed, name="feed"),
    path("new/", views.EventEditView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("<uuid:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.EventEditView.as_view(), name="edit"),
    path("counted/<str:code>/", views.CountedView.as_view(), name="counted"),
]
