from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="list"),
    path("<uuid:pk>/", views.IndicatorDetailView.as_view(), name="detail"),
    path("<uuid:pk>/targets/", views.SetTargetView.as_view(), name="set_target"),
    path("<uuid:pk>/definition/", views.IndicatorBasisView.as_view(), name="edit_basis"),
    path("units/", views.UnitRootsView.as_view(), name="unit_roots"),
    path("units/<uuid:pk>/", views.UnitIndicatorsView.as_view(), name="unit"),
    path(
        "units/<uuid:pk>/targets.xlsx",
        views.UnitTargetsTemplateView.as_view(),
        name="unit_targets_template",
    ),
    path(
        "units/<uuid:pk>/targets/import/",
        views.UnitTargetsImportView.as_view(),
        name="unit_targets_import",
    ),
    path("reports/<uuid:pk>/", views.ReportValuesView.as_view(), name="report_values"),
    path(
        "reports/<uuid:pk>/template.xlsx",
        views.ReportTemplateView.as_view(),
        name="report_template",
    ),
    path("reports/<uuid:pk>/import/", views.ReportImportView.as_view(), name="report_import"),
]
