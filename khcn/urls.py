"""Every URL of the platform. Apps own their patterns; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "KH&CN — Quản trị hệ thống"
admin.site.site_title = "KH&CN"

urlpatterns = [
    path("", include("home.urls")),
    path("accounts/", include("accounts.urls")),
    path("units/", include("orgunits.urls")),
    path("documents/", include("documents.urls")),
    path("plans/", include("plans.urls")),
    path("imports/", include("imports.urls")),
    path("reporting/", include("reporting.urls")),
    path("notifications/", include("notifications.urls")),
    # The reminder pages keep their /notifications/… addresses from before the split.
    path("notifications/", include("reminders.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("indicators/", include("indicators.urls")),
    path("reviews/", include("reviews.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("khcn.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
# MEDIA is never mounted, not even under DEBUG: stored files leave only through the scoped
# download views (core.files.serve_file), which check who may see them.
