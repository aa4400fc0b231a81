from __future__ import annotations

import difflib
import uuid
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from plans.models import Plan
from reporting.models import UnitReport
from reviews import actions
from reviews.drafting import Period
from reviews.exports import FORMATS, export, filename
from reviews.forms import ApproveForm, CompileForm, ParagraphForm
from reviews.models import Review, ReviewParagraph

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


class CompileView(ScopedActionView):
    """Choose a round and compile a new draft from the accepted unit reports."""

    model = Plan
    template_name = "reviews/compile.html"

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        form = CompileForm(plan=plan, user=request.user)
        return render(request, self.template_name, {"form": form, "plan": plan})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        form = CompileForm(request.POST, plan=plan, user=request.user)
        if form.is_valid():
            try:
                review = actions.compile_review(
                    cast(User, request.user), plan, Period.of_round(form.cleaned_data["round"])
                )
                messages.success(request, _("Đã tổng hợp dự thảo báo cáo."))
                return redirect("reviews:detail", pk=review.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "plan": plan}, status=400)


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
            can_approve=not review.is_approved and review.can_edit(self.request.user),
            formats=list(FORMATS),
            history=history_for(review)[:30],
        )
        return context


class ParagraphEditView(ScopedActionView):
    """GET: the inline form of one paragraph; POST: save it (a new version of the report)."""

    model = Review

    def allowed(self, obj: Any) -> bool:
        return obj.can_change_text(self.request.user)

    def _paragraph(self, review: Review, pk: Any) -> ReviewParagraph:
        try:
            return review.paragraphs.prefetch_related(SOURCES).get(pk=pk)
        except (ReviewParagraph.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
            raise Http404 from exc

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        review = self.get_object()
        paragraph = self._paragraph(review, request.GET.get("paragraph"))
        context = {"review": review, "p": paragraph, "can_edit": True}
        if request.GET.get("cancel"):
            return render(request, "reviews/_paragraph.html", context)
        form = ParagraphForm(
            initial={"paragraph": paragraph.pk, "version": review.version, "text": paragraph.text}
        )
        return render(request, "reviews/_paragraph_form.html", {**context, "form": form})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        review = self.get_object()
        form = ParagraphForm(request.POST)
        paragraph = self._paragraph(review, request.POST.get("paragraph"))
        context: dict[str, Any] = {"review": review, "p": paragraph, "can_edit": True}
        if form.is_valid():
            try:
                saved = actions.update_paragraph(
                    cast(User, request.user),
                    paragraph,
                    form.cleaned_data["text"],
                    expected_version=form.cleaned_data["version"],
                )
                paragraph.text = saved.text
                context["review"] = saved.review
                context["saved"] = True
                if not getattr(request, "htmx", False):
                    messages.success(request, _("Đã lưu đoạn văn."))
                    return redirect("reviews:detail", pk=review.pk)
                return render(request, "reviews/_paragraph.html", context)
            except ActionError as error:
                form.add_error(None, error.message)
        return render(
            request, "reviews/_paragraph_form.html", {**context, "form": form}, status=400
        )


class ApproveView(ScopedActionView):
    model = Review

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        review = self.get_object()
        form = ApproveForm(request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else None
        try:
            actions.approve_review(cast(User, request.user), review, expected_version=version)
            messages.success(request, _("Đã duyệt báo cáo; có thể xuất bản chính thức."))
        except ActionError as error:
            self.action_failed(request, error)
        return redirect("reviews:detail", pk=review.pk)


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
    """Download DOCX / PDF / XLSX: the final needs approval; ?preview=1 marks a draft."""

    model = Review

    def get(self, request: HttpRequest, pk: Any, fmt: str) -> HttpResponse:
        review = self.get_object()
        if fmt not in FORMATS:
            raise Http404
        final = not request.GET.get("preview")
        try:
            content = export(review, fmt, final=final)
        except ActionError as error:
            messages.error(request, error.message)
            return redirect("reviews:detail", pk=review.pk)
        response = HttpResponse(content, content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{filename(review, fmt)}"'
        return response
