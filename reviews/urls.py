from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.ReviewListView.as_view(), name="list"),
    path("plans/<uuid:pk>/", views.PlanReviewsView.as_view(), name="plan_reviews"),
    path("plans/<uuid:pk>/compile/", views.CompileView.as_view(), name="compile"),
    path("<uuid:pk>/", views.ReviewDetailView.as_view(), name="detail"),
    path("<uuid:pk>/paragraph/", views.ParagraphEditView.as_view(), name="paragraph"),
    path("<uuid:pk>/approve/", views.ApproveView.as_view(), name="approve"),
    path("<uuid:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<uuid:pk>/unpublish/", views.UnpublishView.as_view(), name="unpublish"),
    path("<uuid:pk>/versions/", views.VersionListView.as_view(), name="versions"),
    path("<uuid:pk>/export/<str:fmt>/", views.ExportView.as_view(), name="export"),
]
