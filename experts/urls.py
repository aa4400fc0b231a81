from django.urls import path

from experts import views

app_name = "experts"
urlpatterns = [
    path("", views.ExpertListView.as_view(), name="list"),
    path("new/", views.ExpertEditView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("<uuid:pk>/", views.ExpertDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.ExpertEditView.as_view(), name="edit"),
    path("<uuid:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("<uuid:pk>/export.json", views.ExportView.as_view(), name="export"),
    path("counted/<str:code>/", views.CountedView.as_view(), name="counted"),
]
