from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.forms_views import ScopedFormActionView
from core.views import ScopedActionView, ScopedListView
from notifications import actions
from notifications.filtersets import NotificationFilterSet
from notifications.forms import PreferenceForm
from notifications.models import EmailMode, Notification, NotificationPreference


def safe_next(request: HttpRequest, target: str, default: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class NotificationListView(ScopedListView):
    """The notification centre (trung tâm thông báo): only the signed-in person's own."""

    model = Notification
    filterset_class = NotificationFilterSet
    template_name = "notifications/notification_list.html"
    partial_template_name = "notifications/_notification_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-created_at")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["unread_count"] = (
            Notification.objects.visible_to(self.request.user).unread().count()
        )
        return context


class NotificationOpenView(ScopedActionView):
    """Open a notification: mark it read and go to what it is about."""

    model = Notification

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        notification = self.get_object()
        actions.mark_read(request.user, notification)
        return redirect(safe_next(request, notification.link, "notifications:list"))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        notification = self.get_object()
        actions.mark_read(request.user, notification)
        return redirect(safe_next(request, request.POST.get("next", ""), "notifications:list"))


class MarkAllReadView(ScopedActionView):
    model = Notification

    def post(self, request: HttpRequest) -> HttpResponse:
        count = actions.mark_all_read(cast(User, request.user))
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
        return redirect(safe_next(request, request.POST.get("next", ""), "notifications:list"))


class PreferenceView(ScopedFormActionView):
    """The person's own e-mail preference (immediate, daily digest, off)."""

    model = NotificationPreference
    form_class = PreferenceForm
    template_name = "notifications/preferences.html"
    optional_object = True  # no pk: the signed-in person's own row (see get_initial)
    success_message = gettext_lazy("Đã lưu tùy chọn nhận thông báo.")

    def get_initial(self, obj: Any) -> dict[str, Any]:
        preference = self.scoped_queryset().first()
        return {"email_mode": preference.email_mode if preference else EmailMode.IMMEDIATE}

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.set_email_mode(
            cast(User, self.request.user), form.cleaned_data["email_mode"]
        )

    def success_url(self, result: Any) -> str:
        return reverse("notifications:preferences")
