"""The Front's moderation queue of citizens' feedback (signed in, scoped to the recipient)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedListView
from portal import actions
from portal.forms import ModerateForm
from portal.models import Feedback, FeedbackStatus


class QueueView(ScopedListView):
    model = Feedback
    template_name = "portal/queue.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        status = self.request.GET.get("status", FeedbackStatus.PENDING)
        if status in FeedbackStatus.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["statuses"] = FeedbackStatus.choices
        context["current"] = self.request.GET.get("status", FeedbackStatus.PENDING)
        return context


class ModerateView(ScopedFormActionView):
    model = Feedback
    form_class = ModerateForm
    template_name = "portal/moderate.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu kiểm duyệt.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_moderate(self.request.user, obj)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {"version": obj.version, "status": obj.status, "answer": obj.answer}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {**super().get_context_data(obj, form, **extra), "history": history_for(obj)[:20]}

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.moderate_feedback(
            cast(User, self.request.user),
            obj,
            expected_version=data["version"],
            status=data["status"],
            answer=data["answer"],
        )

    def success_url(self, result: Any) -> str:
        return reverse("portal:queue")
