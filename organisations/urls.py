from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("new/", views.OrganisationEditView.as_view(), name="create"),
    path("<uuid:pk>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.OrganisationEditView.as_view(), name="edit"),
]
