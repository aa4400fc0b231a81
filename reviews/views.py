from __future__ import annotations

import difflib
import uuid
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.forms_views import ScopedFormActionView
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from plans.models import Plan
from reporting.models import UnitReport
from reviews import actions
from reviews.drafting import Period
from reviews.exports import FORMATS, export, filename
from reviews.forms import ApproveForm, CompileForm, ParagraphForm
from reviews.models import Review, ReviewParagraph
from reviews.rendering import pdf_response

SOURCES = Prefetch(
    "source_reports",
    queryset=UnitReport.objects.select_related("unit").order_by("unit__name"),
)


class ReviewListView(ScopedListView):
    """All compiled reports the user may see, newest first (filter by ?plan=)."""

    model = Review
    template_name = "reviews/review_list.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        plan = self.request.GET.get("plan")
        if plan:
            try:
                queryset = queryset.filter(plan_id=uuid.UUID(plan))
            except ValueError:
                queryset = queryset.none()
        return queryset.select_related("plan", "round")


class PlanReviewsView(ScopedDetailView):
    """The compiled reports of one plan, with the compile button for its editors."""

    model = Plan
    template_name = "reviews/plan_reviews.html"
    context_object_name = "plan"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan: Plan = self.object
        context["reviews"] = (
            Review.objects.visible_to(self.request.user)
            .filter(plan=plan)
            .select_related("round")
            .annotate(n_versions=Count("versions"))
        )
        context["can_compile"] = plan.can_edit(self.request.user)
        return context


class CompileView(ScopedFormActionView):
    """Choose a round and compile a new draft from the accepted unit reports."""

    model = Plan
    form_class = CompileForm
    template_name = "reviews/compile.html"
    object_name = "plan"
    success_message = gettext_lazy("Đã tổng hợp dự thảo báo cáo.")
    invalid_status = 400

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"plan": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Review:
        return actions.compile_review(
            cast(User, self.request.user), obj, Period.of_round(form.cleaned_data["round"])
        )

    def success_url(self, result: Any) -> str:
        return reverse("reviews:detail", kwargs={"pk": result.pk})


class ReviewDetailView(ScopedDetailView):
    """The draft editor: paragraphs with their source links, inline edit (htmx)."""

    model = Review
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan", "plan__owner", "round", "approved_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review: Review = self.object
        context.update(
            paragraphs=review.paragraphs.order_by("order").prefetch_related(SOURCES),
            can_edit=review.can_change_text(self.request.user),
            can_approve=review.can_approve(self.request.user),
            can_publish=review.can_publish(self.request.user),
            formats=list(FORMATS),
            history=history_for(review)[:30],
        )
        return context


class ParagraphEditView(ScopedFormActionView):
    """GET: the inline form of one paragraph; POST: save it (a new version of the report).

    Inline (htmx): the form and the saved paragraph replace each other in place; without
    htmx a save goes back to the report page.
    """

    model = Review
    form_class = ParagraphForm
    template_name = "reviews/_paragraph_form.html"
    success_partial_name = "reviews/_paragraph.html"
    object_name = "review"
    success_message = gettext_lazy("Đã lưu đoạn văn.")
    invalid_status = 400
    errors_on_form = True

    def allowed(self, obj: Any) -> bool:
        return obj.can_change_text(self.request.user)

    def paragraph(self) -> ReviewParagraph:
        params = self.request.POST if self.request.method == "POST" else self.request.GET
        try:
            return self.object.paragraphs.prefetch_related(SOURCES).get(pk=params.get("paragraph"))
        except (ReviewParagraph.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
            raise Http404 from exc

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.GET.get("cancel"):
            review = self.object = self.get_object()
            context = {"review": review, "p": self.paragraph(), "can_edit": True}
            return render(request, "reviews/_paragraph.html", context)
        return super().get(request, *args, **kwargs)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        paragraph = self.current
        return {**super().get_initial(obj), "paragraph": paragraph.pk, "text": paragraph.text}

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> Any:
        self.current = self.paragraph()
        return super().get_form(obj, data, files)

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return super().get_context_data(obj, form, p=self.current, can_edit=True, **extra)

    def perform(self, form: Any, obj: Any) -> ReviewParagraph:
        return actions.update_paragraph(
            cast(User, self.request.user),
            self.current,
            form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )

    def success_context(self, result: Any) -> dict[str, Any]:
        self.current.text = result.text
        return {"review": result.review, "p": self.current, "can_edit": True, "saved": True}

    def success_url(self, result: Any) -> str:
        return reverse("reviews:detail", kwargs={"pk": self.object.pk})


class ApproveView(ScopedFormActionView):
    """A button: approve the compiled report (then it may be exported as final)."""

    model = Review
    form_class = ApproveForm
    success_message = gettext_lazy("Đã duyệt báo cáo; có thể xuất bản chính thức.")

    def allowed(self, obj: Any) -> bool:
        # Everyone who may see the draft reaches the action, which says why it refuses.
        return obj.can_edit(self.request.user) or obj.can_approve(self.request.user)

    def perform(self, form: Any, obj: Any) -> Review:
        return actions.approve_review(
            cast(User, self.request.user), obj, expected_version=form.cleaned_data["version"]
        )

    def return_url(self) -> str:
        return reverse("reviews:detail", kwargs={"pk": self.object.pk})


class PublishView(ScopedFormActionView):
    """A button: put the approved report on the public portal."""

    model = Review
    form_class = ApproveForm
    success_message = gettext_lazy("Đã công khai báo cáo trên cổng công khai.")

    def allowed(self, obj: Any) -> bool:
        return obj.can_publish(self.request.user)

    def perform(self, form: Any, obj: Any) -> Review:
        return actions.publish_review(
            cast(User, self.request.user), obj, expected_version=form.cleaned_data["version"]
        )

    def return_url(self) -> str:
        return reverse("reviews:detail", kwargs={"pk": self.object.pk})


class UnpublishView(PublishView):
    """A button: take the report off the public portal."""

    success_message = gettext_lazy("Đã thôi công khai báo cáo.")

    def perform(self, form: Any, obj: Any) -> Review:
        return actions.unpublish_review(
            cast(User, self.request.user), obj, expected_version=form.cleaned_data["version"]
        )


def _diff_html(before: str, after: str) -> str:
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, before.split(), after.split()
    ).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(before.split()[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(after.split()[b1:b2]))}</ins>")
        if op == "equal":
            parts.append(escape(" ".join(before.split()[a1:a2])))
    return " ".join(parts)


class VersionListView(ScopedDetailView):
    """Versions of a compiled report; ?a=&b= compares two of them paragraph by paragraph."""

    model = Review
    template_name = "reviews/versions.html"
    context_object_name = "review"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review: Review = self.object
        versions = list(review.versions.select_related("author").order_by("-number"))
        by_number = {v.number: v for v in versions}
        changes = None
        try:
            a = by_number.get(int(self.request.GET.get("a", "")))
            b = by_number.get(int(self.request.GET.get("b", "")))
        except ValueError:
            a = b = None
        if a is not None and b is not None:
            old = a.texts()
            changes = [
                {
                    "order": row["order"],
                    "html": mark_safe(_diff_html(old.get(row["id"], ""), row["text"])),  # noqa: S308 - escaped in _diff_html
                }
                for row in b.content
                if old.get(row["id"], "") != row["text"]
            ]
        context.update(versions=versions, a=a, b=b, changes=changes)
        return context


class ExportView(ScopedActionView):
    """Download DOCX / PDF / XLSX: the final needs approval; ?preview=1 marks a draft.

    Not a ScopedFormActionView: a GET that writes nothing; ``export`` refuses a final export
    of an unapproved report with an ActionError, shown on the page the link was on.
    """

    model = Review

    def get(self, request: HttpRequest, pk: Any, fmt: str) -> HttpResponse:
        review = self.get_object()
        if fmt not in FORMATS:
            raise Http404
        final = not request.GET.get("preview")
        try:
            # A PDF is the DOCX converted by the worker (reviews.rendering): never in a request.
            content = export(review, "docx" if fmt == "pdf" else fmt, final=final)
        except ActionError as error:
            messages.error(request, error.message)
            return redirect("reviews:detail", pk=review.pk)
        if fmt == "pdf":
            try:
                return pdf_response(
                    request,
                    content,
                    filename=filename(review, fmt),
                    back_url=reverse("reviews:detail", kwargs={"pk": review.pk}),
                )
            except ActionError as error:
                messages.error(request, error.message)
                return redirect("reviews:detail", pk=review.pk)
        response = HttpResponse(content, content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{filename(review, fmt)}"'
        return response
