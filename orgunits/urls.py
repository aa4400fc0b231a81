from django.urls import path

from orgunits import views

app_name = "orgunits"
urlpatterns = [
    path("", views.OrgUnitListView.as_view(), name="list"),
    path("new/", views.OrgUnitEditView.as_view(), name="create"),
    path("pick/", views.UnitPickView.as_view(), name="pick"),
    path("export/", views.OrgUnitExportView.as_view(), name="export"),
    path("import/", views.OrgUnitImportView.as_view(), name="import"),
    path("<uuid:pk>/", views.OrgUnitDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.OrgUnitEditView.as_view(), name="edit"),
    path("<uuid:pk>/succession/", views.SuccessionView.as_view(), name="succession"),
]
