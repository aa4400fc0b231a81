"""Pages of the reporting cycle: the plan's calendar and rounds, unit reports (fill, submit,
approve, review), revisions and their comparison, evidence files."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from plans.models import Plan
from reporting import actions, evidence_actions
from reporting.compare import compare
from reporting.filtersets import UnitReportFilterSet
from reporting.forms import (
    CommentForm,
    EvidenceForm,
    GenerateRoundsForm,
    ReportForm,
    RoundForm,
    ScheduleForm,
    section_forms,
)
from reporting.models import (
    EDITABLE_STATUSES,
    OUTSTANDING_STATUSES,
    Evidence,
    ReportingRound,
    ReportingSchedule,
    ReportRevision,
    ReportStatus,
    UnitReport,
    is_reviewer,
)


def completeness(reports: QuerySet) -> dict[Any, dict[str, int]]:
    """Counts per round id: total, each status, and submitted-or-later."""
    counts: dict[Any, dict[str, int]] = {}
    for row in reports.values("round_id", "status").annotate(n=Count("pk")).order_by():
        entry = counts.setdefault(row["round_id"], Counter())
        entry[row["status"]] += row["n"]
        entry["total"] += row["n"]
        if row["status"] in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
            entry["in"] += row["n"]
    return counts


class PlanCalendarView(ScopedDetailView):
    """The plan's reporting calendar (lịch báo cáo) and its rounds with completeness counts."""

    model = Plan
    template_name = "reporting/plan_calendar.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan: Plan = self.object
        user = self.request.user
        rounds = list(plan.rounds.all().order_by("-period_end", "kind"))
        counts = completeness(UnitReport.objects.visible_to(user).filter(round__plan=plan))
        for round_ in rounds:
            round_.counts = counts.get(round_.pk, {})  # type: ignore[attr-defined]
        can_manage = is_reviewer(user, plan)
        context.update(
            schedules=plan.reporting_schedules.all().order_by("kind"),
            rounds=rounds,
            can_manage=can_manage,
            schedule_form=ScheduleForm() if can_manage else None,
            generate_form=GenerateRoundsForm(initial={"until": timezone.localdate()}),
            today=timezone.localdate(),
        )
        return context


class ScheduleCreateView(ScopedActionView):
    model = Plan

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        form = ScheduleForm(request.POST)
        if form.is_valid():
            try:
                actions.create_schedule(cast(User, request.user), plan, **form.cleaned_data)
                messages.success(request, _("Đã thêm lịch báo cáo định kỳ."))
            except ActionError as error:
                self.action_failed(request, error)
        else:
            messages.error(request, _("Thông tin lịch báo cáo chưa hợp lệ: kiểm tra các ngày."))
        return redirect("reporting:plan_calendar", pk=plan.pk)


class GenerateRoundsView(ScopedActionView):
    model = ReportingSchedule

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.plan)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        schedule = self.get_object()
        form = GenerateRoundsForm(request.POST)
        if form.is_valid():
            try:
                created = actions.generate_rounds(
                    cast(User, request.user), schedule, form.cleaned_data["until"]
                )
                messages.success(request, _("Đã tạo %(n)s kỳ báo cáo mới.") % {"n": len(created)})
            except ActionError as error:
                self.action_failed(request, error)
        else:
            messages.error(request, _("Ngày không hợp lệ (dd/mm/yyyy)."))
        return redirect("reporting:plan_calendar", pk=schedule.plan_id)


class RoundCreateView(ScopedActionView):
    """A one-off round (sơ kết, tổng kết) with its own deadline and template."""

    model = Plan
    template_name = "reporting/round_form.html"

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        return render(request, self.template_name, {"form": RoundForm(), "plan": plan})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        plan = self.get_object()
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                round_ = actions.create_round(cast(User, request.user), plan, **form.cleaned_data)
                messages.success(request, _("Đã tạo kỳ báo cáo và các báo cáo cần nộp."))
                return redirect("reporting:round_detail", pk=round_.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "plan": plan})


class RoundDetailView(ScopedDetailView):
    model = ReportingRound
    template_name = "reporting/round_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("plan")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        round_: ReportingRound = self.object
        user = self.request.user
        reports = list(
            UnitReport.objects.visible_to(user)
            .filter(round=round_)
            .select_related("unit", "round")
            .annotate(sections=Count("task_reports"))
            .order_by("unit__name")
        )
        context.update(
            reports=reports,
            counts=Counter(r.status for r in reports),
            can_manage=is_reviewer(user, round_.plan),
            history=history_for(round_)[:20],
        )
        return context


class DeriveReportsView(ScopedActionView):
    model = ReportingRound

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.plan)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        round_ = self.get_object()
        try:
            result = actions.derive_reports(cast(User, request.user), round_)
            messages.success(
                request,
                _("Đã bổ sung %(r)s báo cáo và %(s)s phần nhiệm vụ.")
                % {"r": result["reports"], "s": result["sections"]},
            )
            if result["orphans"]:
                messages.warning(
                    request,
                    _("Đơn vị đã giải thể chưa có đơn vị kế thừa: %s")
                    % ", ".join(result["orphans"]),
                )
        except ActionError as error:
            self.action_failed(request, error)
        return redirect("reporting:round_detail", pk=round_.pk)


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


def _report_queryset(queryset: QuerySet) -> QuerySet:
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
    """The unit report page: one card per task; editable while the report is with the unit."""

    model = UnitReport
    template_name = "reporting/report_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return _report_queryset(queryset)

    def context(self, report: UnitReport, **extra: Any) -> dict[str, Any]:
        user = self.request.user
        can_edit = report.can_edit(user)
        sections = extra.pop("sections", None) or section_forms(report)
        evidence = list(report.evidence.select_related("task_report__task", "uploaded_by"))
        by_section: dict[Any, list[Evidence]] = {}
        for item in evidence:
            by_section.setdefault(item.task_report_id, []).append(item)
        cards: list[dict[str, Any]] = [
            {"section": s, "form": f, "evidence": by_section.get(s.pk, [])} for s, f in sections
        ]
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
            "can_submit": report.can_submit(user),
            "can_approve": report.can_approve(user),
            "can_review": report.can_review(user),
            "can_promote": is_reviewer(user, report.round.plan),
            "needs_approval": report.requires_leader_approval(),
            "evidence_form": EvidenceForm(report=report) if can_edit else None,
            "conflict": conflict,
            "history": history_for(report)[:30],
            **extra,
        }

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        conflict = None
        if request.GET.get("conflict"):
            conflict = report.revisions.filter(
                is_conflict=True, number=request.GET["conflict"]
            ).first()
        return render(request, self.template_name, self.context(report, conflict=conflict))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        if not report.can_edit(request.user):
            raise Http404
        form = ReportForm(request.POST)
        sections = section_forms(report, request.POST)
        valid = form.is_valid() & all(f.is_valid() for _s, f in sections)
        if not valid:
            messages.error(request, _("Báo cáo chưa được lưu: hãy sửa các ô được đánh dấu."))
            return render(
                request,
                self.template_name,
                self.context(report, form=form, sections=sections),
                status=400,
            )
        data = {str(s.pk): f.cleaned_data for s, f in sections}
        try:
            report = actions.save_report(
                cast(User, request.user),
                report,
                expected_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                sections=data,
            )
            if request.POST.get("action") == "submit":
                report = actions.submit_report(cast(User, request.user), report)
                if report.status == ReportStatus.PENDING_APPROVAL:
                    messages.success(request, _("Đã gửi lãnh đạo đơn vị duyệt."))
                else:
                    messages.success(request, _("Đã nộp báo cáo."))
            else:
                messages.success(request, _("Đã lưu bản nháp."))
            return redirect("reporting:report_detail", pk=report.pk)
        except actions.ReportConflict as error:
            messages.error(request, error.message)
            fresh = self.get_object()
            return render(
                request,
                self.template_name,
                self.context(fresh, conflict=error.revision),
                status=409,
            )
        except ActionError as error:
            self.action_failed(request, error)
            fresh = self.get_object()
            return render(request, self.template_name, self.context(fresh), status=400)


class ReportApproveView(ScopedActionView):
    """The unit leader approves (or sends back) a report before it goes out."""

    model = UnitReport

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return _report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_approve(self.request.user)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        form = CommentForm(request.POST)
        form.is_valid()
        version = form.cleaned_data.get("version")
        try:
            if request.POST.get("action") == "send_back":
                actions.send_back_to_drafting(
                    cast(User, request.user),
                    report,
                    comment=form.cleaned_data.get("comment", ""),
                    expected_version=version,
                )
                messages.success(request, _("Đã trả lại cho người soạn báo cáo."))
            else:
                actions.approve_report(cast(User, request.user), report, expected_version=version)
                messages.success(request, _("Đã duyệt và nộp báo cáo."))
        except ActionError as error:
            self.action_failed(request, error)
        return redirect("reporting:report_detail", pk=report.pk)


class ReportReviewView(ScopedActionView):
    """The monitoring office accepts a report or returns it with a comment."""

    model = UnitReport
    template_name = "reporting/report_review.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return _report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_review(self.request.user)

    def page(self, report: UnitReport, form: CommentForm, status: int = 200) -> HttpResponse:
        sections = list(report.task_reports.select_related("task").order_by("task__order"))
        evidence = list(report.evidence.select_related("task_report"))
        return render(
            self.request,
            self.template_name,
            {"report": report, "form": form, "sections": sections, "evidence": evidence},
            status=status,
        )

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        return self.page(report, CommentForm(initial={"version": report.version}))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        form = CommentForm(request.POST)
        if form.is_valid():
            comment = form.cleaned_data["comment"]
            version = form.cleaned_data["version"]
            try:
                if request.POST.get("action") == "return":
                    actions.return_report(
                        cast(User, request.user), report, comment=comment, expected_version=version
                    )
                    messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
                else:
                    actions.accept_report(
                        cast(User, request.user), report, comment=comment, expected_version=version
                    )
                    messages.success(request, _("Đã tiếp nhận báo cáo."))
                return redirect("reporting:report_detail", pk=report.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return self.page(report, form, status=400)


class EvidenceUploadView(ScopedActionView):
    model = UnitReport

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return _report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        form = EvidenceForm(request.POST, request.FILES, report=report)
        if form.is_valid():
            try:
                evidence_actions.add_evidence(
                    cast(User, request.user),
                    report,
                    form.cleaned_data["file"],
                    task_report=form.cleaned_data["task_report"],
                )
                messages.success(request, _("Đã đính kèm minh chứng."))
            except ActionError as error:
                self.action_failed(request, error)
        else:
            messages.error(request, _("Hãy chọn một tệp minh chứng."))
        return redirect("reporting:report_detail", pk=report.pk)


class EvidenceDownloadView(ScopedActionView):
    """Only people who can see the report get its files (missing and forbidden: 404)."""

    model = Evidence

    def get(self, request: HttpRequest, pk: Any) -> FileResponse:
        evidence = self.get_object()
        try:
            handle = evidence.file.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404 from exc
        return FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )


class EvidenceDeleteView(ScopedActionView):
    model = Evidence

    def allowed(self, obj: Any) -> bool:
        return obj.unit_report.can_edit(self.request.user)

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        evidence = self.get_object()
        report_pk = evidence.unit_report_id
        try:
            evidence_actions.remove_evidence(cast(User, request.user), evidence)
            messages.success(request, _("Đã gỡ minh chứng."))
        except ActionError as error:
            self.action_failed(request, error)
        return redirect("reporting:report_detail", pk=report_pk)


class RevisionListView(ScopedDetailView):
    model = UnitReport
    template_name = "reporting/revision_list.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("round", "unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        revisions = list(self.object.revisions.select_related("author").order_by("-number"))
        context["revisions"] = revisions
        return context


class RevisionCompareView(ScopedDetailView):
    """Two revisions side by side, changed fields highlighted (?a=number&b=number)."""

    model = UnitReport
    template_name = "reporting/revision_compare.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("round", "unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        revisions = list(self.object.revisions.select_related("author").order_by("number"))
        by_number = {r.number: r for r in revisions}

        def pick(name: str, default: ReportRevision | None) -> ReportRevision | None:
            raw = self.request.GET.get(name, "")
            return by_number.get(int(raw)) if raw.isdigit() else default

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
