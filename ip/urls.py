from django.urls import path

from ip import views

app_name = "ip"
urlpatterns = [
    path("", views.TitleListView.as_view(), name="titles"),
    path("new/", views.TitleEditView.as_view(), name="title_create"),
    path("import/", views.TitleImportView.as_view(), name="title_import"),
    path("import/template.xlsx", views.TitleTemplateView.as_view(), name="title_import_template"),
    path("users/import/", views.UserImportView.as_view(), name="user_import"),
    path(
        "users/import/template.xlsx",
        views.UserTemplateView.as_view(),
        name="user_import_template",
    ),
    path("<uuid:pk>/", views.TitleDetailView.as_view(), name="title"),
    path("<uuid:pk>/edit/", views.TitleEditView.as_view(), name="title_edit"),
    path("<uuid:pk>/users/new/", views.AuthorisedUserCreateView.as_view(), name="user_create"),
    path("users/<uuid:pk>/edit/", views.AuthorisedUserEditView.as_view(), name="user_edit"),
    path("products/", views.ProductListView.as_view(), name="products"),
    path("products/new/", views.ProductEditView.as_view(), name="product_create"),
    path("products/import/", views.ProductImportView.as_view(), name="product_import"),
    path(
        "products/import/template.xlsx",
        views.ProductTemplateView.as_view(),
        name="product_import_template",
    ),
    path("products/<uuid:pk>/", views.ProductDetailView.as_view(), name="product"),
    path("products/<uuid:pk>/edit/", views.ProductEditView.as_view(), name="product_edit"),
    path("counted/<str:code>/", views.CountedView.as_view(), name="counted"),
]
