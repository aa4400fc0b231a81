"""Pages of the reporting cycle: the plan's calendar and rounds, unit reports (fill, submit,
approve, review), revisions and their comparison, evidence files."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.forms import MISSING_VERSION
from core.forms_views import ScopedFormActionView
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


class ScheduleCreateView(ScopedFormActionView):
    """A button on the calendar: add a regular schedule (lịch báo cáo định kỳ)."""

    model = Plan
    form_class = ScheduleForm
    success_message = gettext_lazy("Đã thêm lịch báo cáo định kỳ.")
    invalid_message = gettext_lazy("Thông tin lịch báo cáo chưa hợp lệ: kiểm tra các ngày.")

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.create_schedule(cast(User, self.request.user), obj, **form.cleaned_data)

    def return_url(self) -> str:
        return reverse("reporting:plan_calendar", kwargs={"pk": self.object.pk})


class GenerateRoundsView(ScopedFormActionView):
    model = ReportingSchedule
    form_class = GenerateRoundsForm
    invalid_message = gettext_lazy("Ngày không hợp lệ (dd/mm/yyyy).")

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.plan)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.generate_rounds(
            cast(User, self.request.user), obj, form.cleaned_data["until"]
        )

    def get_success_message(self, result: Any) -> str:
        return _("Đã tạo %(n)s kỳ báo cáo mới.") % {"n": len(result)}

    def return_url(self) -> str:
        return reverse("reporting:plan_calendar", kwargs={"pk": self.object.plan_id})


class RoundCreateView(ScopedFormActionView):
    """A one-off round (sơ kết, tổng kết) with its own deadline and template."""

    model = Plan
    form_class = RoundForm
    template_name = "reporting/round_form.html"
    object_name = "plan"
    success_message = gettext_lazy("Đã tạo kỳ báo cáo và các báo cáo cần nộp.")

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.create_round(cast(User, self.request.user), obj, **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return reverse("reporting:round_detail", kwargs={"pk": result.pk})


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


class DeriveReportsView(ScopedFormActionView):
    """A button: add the reports and task sections a round is missing."""

    model = ReportingRound

    def allowed(self, obj: Any) -> bool:
        return is_reviewer(self.request.user, obj.plan)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.derive_reports(cast(User, self.request.user), obj)

    def get_success_message(self, result: Any) -> str:
        if result["orphans"]:
            messages.warning(
                self.request,
                _("Đơn vị đã giải thể chưa có đơn vị kế thừa: %s") % ", ".join(result["orphans"]),
            )
        return _("Đã bổ sung %(r)s báo cáo và %(s)s phần nhiệm vụ.") % {
            "r": result["reports"],
            "s": result["sections"],
        }

    def return_url(self) -> str:
        return reverse("reporting:round_detail", kwargs={"pk": self.object.pk})


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
    """The unit report page: one card per task; editable while the report is with the unit.

    Not a ScopedFormActionView: one POST binds the report form and a form per task section,
    may run two actions (save, then submit), and a lost concurrent save is answered with the
    kept conflict revision shown beside each section (409), not with a form error.
    """

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
            if "version" in form.errors:
                messages.error(request, str(MISSING_VERSION))
            else:
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


class ReportApproveView(ScopedFormActionView):
    """Buttons: the unit leader approves (or sends back) a report before it goes out."""

    model = UnitReport
    form_class = CommentForm

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return _report_queryset(queryset)

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
        return _report_queryset(queryset)

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


class EvidenceUploadView(ScopedFormActionView):
    """A button on the report page: attach an evidence file."""

    model = UnitReport
    form_class = EvidenceForm
    success_message = gettext_lazy("Đã đính kèm minh chứng.")
    invalid_message = gettext_lazy("Hãy chọn một tệp minh chứng.")

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return _report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> Any:
        return EvidenceForm(data, files, report=obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return evidence_actions.add_evidence(
            cast(User, self.request.user),
            obj,
            form.cleaned_data["file"],
            task_report=form.cleaned_data["task_report"],
        )

    def return_url(self) -> str:
        return reverse("reporting:report_detail", kwargs={"pk": self.object.pk})


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


class EvidenceDeleteView(ScopedFormActionView):
    """A button on the report page: remove an evidence file."""

    model = Evidence
    success_message = gettext_lazy("Đã gỡ minh chứng.")

    def allowed(self, obj: Any) -> bool:
        return obj.unit_report.can_edit(self.request.user)

    def perform(self, form: Any, obj: Any) -> Any:
        return evidence_actions.remove_evidence(cast(User, self.request.user), obj)

    def return_url(self) -> str:
        return reverse("reporting:report_detail", kwargs={"pk": self.object.unit_report_id})


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
