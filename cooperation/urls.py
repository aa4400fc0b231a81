from django.urls import path

from cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("", views.AgreementListView.as_view(), name="list"),
    path("new/", views.AgreementEditView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("<uuid:pk>/", views.AgreementDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.AgreementEditView.as_view(), name="edit"),
    path("counted/<str:code>/", views.CountedView.as_view(), name="counted"),
]
