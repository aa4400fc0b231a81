"""Every URL of the platform. Apps own their patterns; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from khcn.security import docs_view

# The platform's own error pages, in the user's language (khcn/error_pages.py).
handler400 = "khcn.error_pages.bad_request"
handler403 = "khcn.error_pages.permission_denied"
handler404 = "khcn.error_pages.page_not_found"
handler500 = "khcn.error_pages.server_error"

admin.site.site_header = "KH&CN — Quản trị hệ thống"
admin.site.site_title = "KH&CN"

urlpatterns = [
    path("", include("home.urls")),
    path("accounts/", include("accounts.urls")),
    path("units/", include("orgunits.urls")),
    path("documents/", include("documents.urls")),
    path("organisations/", include("organisations.urls")),
    path("projects/", include("projects.urls")),
    path("market/", include("market.urls")),
    path("ip/", include("ip.urls")),
    path("events/", include("events.urls")),
    path("experts/", include("experts.urls")),
    path("cooperation/", include("cooperation.urls")),
    path("supervision/", include("supervision.urls")),
    path("cong-khai/", include("portal.urls")),
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
    # One sign-in page for everyone, administrators included: it is the one that throttles
    # (django-axes) and asks for the second factor (accounts.views_otp).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin-login-redirect",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("khcn.api_urls")),
    path("api/schema/", docs_view(SpectacularAPIView.as_view(), page=False), name="api-schema"),
    # The split view loads its start-up script from a URL instead of an inline <script>, which
    # the Content-Security-Policy refuses.
    path(
        "api/docs/",
        docs_view(SpectacularSwaggerSplitView.as_view(url_name="api-schema"), page=True),
        name="api-docs",
    ),
]
# MEDIA is never mounted, not even under DEBUG: stored files leave only through the scoped
# download views (core.files.serve_file), which check who may see them.
