from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("new/", views.OrganisationEditView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("<uuid:pk>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.OrganisationEditView.as_view(), name="edit"),
    path("<uuid:pk>/funds/new/", views.FundCreateView.as_view(), name="fund_create"),
    path("funds/<uuid:pk>/edit/", views.FundEditView.as_view(), name="fund_edit"),
    path("counted/<str:code>/", views.CountedView.as_view(), name="counted"),
]
