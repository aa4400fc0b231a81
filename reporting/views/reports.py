"""Pages of a unit report: my reports, the report itself, approval, review, revisions."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.forms import MISSING_VERSION
from core.forms_views import ScopedFormActionView
from core.params import bound_text_fields, int_param
from core.scoping import scope_for
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from reporting import actions
from reporting.compare import compare
from reporting.filtersets import UnitReportFilterSet
from reporting.forms import (
    CommentForm,
    ReportForm,
    section_forms,
)
from reporting.models import (
    EDITABLE_STATUSES,
    OUTSTANDING_STATUSES,
    SENT_REVISION_ACTIONS,
    Evidence,
    ReportRevision,
    ReportStatus,
    UnitReport,
    is_reviewer,
)
from reporting.parts import bind_parts
from reporting.privacy import own_unit


class MyReportsView(ScopedListView):
    """ "Báo cáo của tôi": the reports of the user's units — due, overdue, returned."""

    model = UnitReport
    filterset_class = UnitReportFilterSet
    template_name = "reporting/report_list.html"
    partial_template_name = "reporting/_report_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("round", "round__plan", "unit").order_by(
            "-round__due_date", "unit__name"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        mine = self.scoped_queryset()
        context["today"] = today
        context["summary"] = mine.aggregate(
            due=Count("pk", filter=Q(status__in=EDITABLE_STATUSES, round__due_date__gte=today)),
            overdue=Count(
                "pk", filter=Q(status__in=OUTSTANDING_STATUSES, round__due_date__lt=today)
            ),
            returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
        )
        return context


def report_queryset(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "round",
        "round__plan",
        "unit",
        "unit__reporting_policy",
        "submitted_by",
        "approved_by",
        "reviewed_by",
    )


class ReportDetailView(ScopedActionView):
    """The unit report page: one card per task; editable while the report is with the unit.

    Not a ScopedFormActionView: one POST binds the report form and a form per task section,
    may run two actions (save, then submit), and a lost concurrent save is answered with the
    kept conflict revision shown beside each section (409), not with a form error.
    """

    model = UnitReport
    template_name = "reporting/report_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return report_queryset(queryset)

    def context(self, report: UnitReport, **extra: Any) -> dict[str, Any]:
        user = self.request.user
        can_edit = report.can_edit(user)
        can_read = report.can_read_text(user)
        sections = extra.pop("sections", None) or section_forms(report)
        evidence = (
            list(report.evidence.select_related("task_report__task", "uploaded_by"))
            if can_read
            else []
        )
        by_section: dict[Any, list[Evidence]] = {}
        for item in evidence:
            by_section.setdefault(item.task_report_id, []).append(item)
        cards: list[dict[str, Any]] = [
            {"section": s, "form": f, "evidence": by_section.get(s.pk, [])} for s, f in sections
        ]
        parts = extra.pop("parts", None)
        if parts is None:
            parts = bind_parts(report, user) if can_edit else []
        conflict = extra.pop("conflict", None)
        if conflict is not None:
            theirs = {row["id"]: row for row in conflict.content.get("sections", [])}
            for card in cards:
                card["conflict"] = theirs.get(str(card["section"].pk))
        return {
            "report": report,
            "object": report,
            "cards": cards,
            "general_evidence": by_section.get(None, []),
            "form": extra.pop("form", None)
            or ReportForm(initial={"version": report.version, "summary": report.summary}),
            "can_edit": can_edit,
            "can_read": can_read,
            # Higher apps' inputs inside the report's form (reporting.parts), saved with it.
            "parts": parts,
            "part_forms": {part.name: part.form for part in parts},
            "can_submit": report.can_submit(user),
            "can_approve": report.can_approve(user),
            "can_review": report.can_review(user),
            "can_promote": is_reviewer(user, report.round.plan),
            "needs_approval": report.requires_leader_approval(),
            "conflict": conflict,
            # The save entries carry the text: only for those who may read it.
            "history": (
                history_for(report)
                if can_read
                else history_for(report).exclude(action="report.save")
            )[:30],
            **extra,
        }

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        conflict = None
        number = int_param(request.GET, "conflict", minimum=1, maximum=2**31 - 1)
        if number is not None:
            conflict = report.revisions.filter(is_conflict=True, number=number).first()
        return render(request, self.template_name, self.context(report, conflict=conflict))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        if not report.can_edit(request.user):
            raise Http404
        form = bound_text_fields(ReportForm(request.POST))
        sections = [(s, bound_text_fields(f)) for s, f in section_forms(report, request.POST)]
        parts = bind_parts(report, request.user, request.POST, request.FILES)
        typed = {"form": form, "sections": sections, "parts": parts}
        valid = (
            form.is_valid()
            & all([f.is_valid() for _s, f in sections])
            & all([part.form.is_valid() for part in parts])
        )
        if not valid:
            if "version" in form.errors:
                messages.error(request, str(MISSING_VERSION))
            else:
                messages.error(request, _("Báo cáo chưa được lưu: hãy sửa các ô được đánh dấu."))
            return render(request, self.template_name, self.context(report, **typed), status=400)
        data = {str(s.pk): f.cleaned_data for s, f in sections}
        try:
            report = actions.save_report(
                cast(User, request.user),
                report,
                expected_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                sections=data,
                parts=parts,
            )
        except actions.ReportConflict as error:
            messages.error(request, error.message)
            fresh = self.get_object()
            return render(
                request,
                self.template_name,
                self.context(fresh, conflict=error.revision, parts=parts),
                status=409,
            )
        except ActionError as error:
            # Nothing was saved (one transaction): the page comes back as it was typed.
            self.action_failed(request, error)
            return render(request, self.template_name, self.context(report, **typed), status=400)
        try:
            if request.POST.get("action") == "submit":
                # Based on the version this very save produced: a change by someone else
                # in between refuses the submission instead of sending unseen text.
                report = actions.submit_report(
                    cast(User, request.user), report, expected_version=report.version
                )
                if report.status == ReportStatus.PENDING_APPROVAL:
                    messages.success(request, _("Đã gửi lãnh đạo đơn vị duyệt."))
                else:
                    messages.success(request, _("Đã nộp báo cáo."))
            else:
                messages.success(request, _("Đã lưu bản nháp."))
            return redirect("reporting:report_detail", pk=report.pk)
        except ActionError as error:
            # The draft is saved; only the submission was refused: show what is stored now.
            self.action_failed(request, error)
            fresh = self.get_object()
            return render(request, self.template_name, self.context(fresh), status=400)


class ReportApproveView(ScopedFormActionView):
    """Buttons: the unit leader approves (or sends back) a report before it goes out."""

    model = UnitReport
    form_class = CommentForm

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_approve(self.request.user)

    def sends_back(self) -> bool:
        return self.request.POST.get("action") == "send_back"

    def perform(self, form: Any, obj: Any) -> Any:
        version = form.cleaned_data["version"]
        if self.sends_back():
            return actions.send_back_to_drafting(
                cast(User, self.request.user),
                obj,
                comment=form.cleaned_data["comment"],
                expected_version=version,
            )
        return actions.approve_report(cast(User, self.request.user), obj, expected_version=version)

    def get_success_message(self, result: Any) -> str:
        if self.sends_back():
            return _("Đã trả lại cho người soạn báo cáo.")
        return _("Đã duyệt và nộp báo cáo.")

    def return_url(self) -> str:
        return reverse("reporting:report_detail", kwargs={"pk": self.object.pk})


class ReportReviewView(ScopedFormActionView):
    """The monitoring office accepts a report or returns it with a comment."""

    model = UnitReport
    form_class = CommentForm
    template_name = "reporting/report_review.html"
    object_name = "report"
    invalid_status = 400

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_review(self.request.user)

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        sections = list(obj.task_reports.select_related("task").order_by("task__order"))
        evidence = list(obj.evidence.select_related("task_report"))
        return super().get_context_data(obj, form, sections=sections, evidence=evidence, **extra)

    def returns(self) -> bool:
        return self.request.POST.get("action") == "return"

    def perform(self, form: Any, obj: Any) -> Any:
        act = actions.return_report if self.returns() else actions.accept_report
        return act(
            cast(User, self.request.user),
            obj,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )

    def get_success_message(self, result: Any) -> str:
        if self.returns():
            return _("Đã trả lại báo cáo cho đơn vị.")
        return _("Đã tiếp nhận báo cáo.")

    def success_url(self, result: Any) -> str:
        return reverse("reporting:report_detail", kwargs={"pk": result.pk})


def readable_revisions(report: UnitReport, user: Any) -> QuerySet:
    """All revisions for the unit's own people; for others (the monitoring office) only what
    left the unit: submissions that reached the office and the office's own decisions."""
    revisions = report.revisions.all()
    if own_unit(user, report.unit.path):
        return revisions
    return revisions.filter(action__in=SENT_REVISION_ACTIONS, is_conflict=False).exclude(
        action="submit", content__status=ReportStatus.PENDING_APPROVAL
    )


def _own_history(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    scope = scope_for(request.user)
    return queryset if scope.sees_everything else queryset.filter(scope.units_q("unit__"))


class RevisionListView(ScopedDetailView):
    model = UnitReport
    template_name = "reporting/revision_list.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        # Earlier revisions are drafts: a read-only grant (supervision) reads the accepted
        # report, not its drafting history.
        return _own_history(self.request, queryset).select_related("round", "unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        revisions = list(
            readable_revisions(self.object, self.request.user)
            .select_related("author")
            .order_by("-number")
        )
        context["revisions"] = revisions
        return context


class RevisionCompareView(ScopedDetailView):
    """Two revisions side by side, changed fields highlighted (?a=number&b=number)."""

    model = UnitReport
    template_name = "reporting/revision_compare.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        # Earlier revisions are drafts: a read-only grant (supervision) reads the accepted
        # report, not its drafting history.
        return _own_history(self.request, queryset).select_related("round", "unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        revisions = list(
            readable_revisions(self.object, self.request.user)
            .select_related("author")
            .order_by("number")
        )
        by_number = {r.number: r for r in revisions}

        def pick(name: str, default: ReportRevision | None) -> ReportRevision | None:
            raw = self.request.GET.get(name, "")
            return by_number.get(int(raw)) if raw.isdigit() and len(raw) < 12 else default

        left = pick("a", revisions[-2] if len(revisions) > 1 else None)
        right = pick("b", revisions[-1] if revisions else None)
        rows = compare(left.content, right.content) if left and right else []
        only_changed = self.request.GET.get("all") != "1"
        context.update(
            revisions=revisions,
            left=left,
            right=right,
            rows=[r for r in rows if r["changed"] or not only_changed],
            changed_count=sum(1 for r in rows if r["changed"]),
            only_changed=only_changed,
        )
        return context
