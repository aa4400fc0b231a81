from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.ImportJobListView.as_view(), name="list"),
    path("new/", views.ImportUploadView.as_view(), name="upload"),
    path("<uuid:pk>/", views.ImportJobDetailView.as_view(), name="detail"),
    path("<uuid:pk>/review/", views.ImportReviewView.as_view(), name="review"),
    path("<uuid:pk>/confirm/", views.ImportConfirmView.as_view(), name="confirm"),
]
