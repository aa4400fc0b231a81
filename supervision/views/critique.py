"""Social critique (phản biện xã hội) pages: the drafting body submits its draft plan, the
Front invites experts, experts comment paragraph by paragraph, the Front consolidates and
sends, the drafting body answers every point, the Front publishes."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView
from plans.models import Plan
from supervision import actions
from supervision.forms import (
    CommentForm,
    CritiqueSubmitForm,
    InviteForm,
    PointAnswerForm,
    PointForm,
    PublishForm,
)
from supervision.models import Critique, CritiqueStatus


def _back(critique: Any) -> str:
    return reverse("supervision:critique", kwargs={"pk": critique.pk})


class CritiqueSubmitView(ScopedFormActionView):
    """The drafting body sends its draft plan for critique (pk: the plan)."""

    model = Plan
    form_class = CritiqueSubmitForm
    template_name = "supervision/form.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã gửi dự thảo đề nghị phản biện.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_submit_for_critique(self.request.user, obj)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        context = super().get_context_data(obj, form, **extra)
        return {**context, "heading": _("Đề nghị phản biện xã hội dự thảo")}

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.submit_for_critique(cast(User, self.request.user), obj, **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return _back(result)


class CritiqueDetailView(ScopedDetailView):
    model = Critique
    template_name = "supervision/critique.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan__owner", "organiser")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, critique = self.request.user, self.object
        manage = actions.can_supervise(user, critique.organiser)
        expert = critique.experts.filter(pk=getattr(user, "pk", None)).exists()
        # Comments are the Front's and the experts' working material; the drafting body
        # receives the consolidated points.
        comments = (
            list(critique.comments.select_related("author", "task")) if manage or expert else []
        )
        by_task: dict[Any, list[Any]] = {}
        for comment in comments:
            by_task.setdefault(comment.task_id, []).append(comment)
        paragraphs = [
            {"task": task, "comments": by_task.get(task.pk, [])}
            for task in critique.plan.tasks.order_by("order", "code")
        ]
        context.update(
            {
                "manage": manage,
                "paragraphs": paragraphs,
                "general_comments": by_task.get(None, []),
                "points": critique.points.select_related("task", "answered_by"),
                "history": history_for(critique)[:30],
            }
        )
        version = {"version": critique.version}
        if actions.can_comment(user, critique):
            context["comment_form"] = CommentForm(critique=critique)
        if manage and critique.status == CritiqueStatus.OPEN:
            context["invite_form"] = InviteForm(
                initial={**version, "experts": list(critique.experts.all())}
            )
            context["point_form"] = PointForm(critique=critique)
            context["send_form"] = PublishForm(initial=version)
        if manage and critique.status == CritiqueStatus.ANSWERED:
            context["publish_form"] = PublishForm(
                initial={**version, "publish": not critique.is_published}
            )
        if actions.can_answer_critique(user, critique):
            context["answer_form"] = PointAnswerForm(critique=critique)
        return context


class _CritiqueStep(ScopedFormActionView):
    model = Critique
    errors_on_form = False

    def return_url(self) -> str:
        return _back(self.object)


class InviteView(_CritiqueStep):
    form_class = InviteForm
    success_message = _("Đã mời chuyên gia, tổ chức góp ý.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_supervise(self.request.user, obj.organiser)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.invite_experts(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            experts=form.cleaned_data["experts"],
        )


class CommentView(_CritiqueStep):
    form_class: Any = CommentForm
    success_message = _("Đã ghi ý kiến.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_comment(self.request.user, obj)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"critique": obj}

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {}

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.add_comment(
            cast(User, self.request.user), obj, task=data["task"], text=data["text"]
        )


class PointView(CommentView):
    form_class = PointForm
    success_message = _("Đã thêm nội dung phản biện.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_supervise(self.request.user, obj.organiser)

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.add_point(
            cast(User, self.request.user),
            obj,
            task=data["task"],
            text=data["text"],
            sources=data["sources"],
        )


class SendView(_CritiqueStep):
    form_class = PublishForm
    success_message = _("Đã gửi văn bản phản biện tới cơ quan soạn thảo.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_supervise(self.request.user, obj.organiser)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.send_critique(
            cast(User, self.request.user), obj, expected_version=form.cleaned_data["version"]
        )


class AnswerPointView(CommentView):
    form_class = PointAnswerForm
    success_message = _("Đã trả lời nội dung phản biện.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_answer_critique(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.answer_point(
            cast(User, self.request.user), data["point"], kind=data["kind"], answer=data["answer"]
        )


class PublishCritiqueView(_CritiqueStep):
    form_class = PublishForm
    success_message = _("Đã cập nhật việc công khai.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_supervise(self.request.user, obj.organiser)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.publish_critique(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            publish=form.cleaned_data["publish"],
        )
