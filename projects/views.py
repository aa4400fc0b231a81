"""Pages of the project registry: list (filters, search, drill-down, XLSX export), detail with
the full timeline, the proposal form, one page per step of the status machine, XLSX import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedListView
from core.xlsx import download
from documents.models import Document
from projects import actions, excel, rules
from projects.actions.team import TEAM_STATUSES
from projects.filtersets import ProjectFilterSet
from projects.forms import (
    AcceptForm,
    AdjustmentForm,
    ApplicationForm,
    ContractForm,
    DisbursementForm,
    ImportForm,
    ListForm,
    ProgressCheckForm,
    ProposalForm,
    ReasonForm,
    RegisterForm,
    SelectForm,
    VersionOnlyForm,
)
from projects.models import Project, Status
from projects.timeline import timeline


class ProjectListView(ScopedListView):
    model = Project
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    partial_template_name = "projects/_project_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("host", "unit").order_by("-list_year", "title")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "xlsx":
            rows = (
                self.get_queryset()
                .select_related("managing_unit", "proposer")
                .prefetch_related("budget_lines")
            )
            return download(excel.export_projects(rows[: excel.MAX_ROWS]), "nhiem-vu-khcn.xlsx")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_propose"] = rules.can_propose(user)
        context["can_import"] = rules.can_import(user)
        context["counted_label"] = getattr(self.filterset, "counted_label", None)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_query"] = query.urlencode()
        return context


@dataclass(frozen=True)
class Step:
    label: Any
    url_name: str
    style: str = "outline-primary"
    button: bool = False  # a POST-only button carrying the version


def _steps(user: Any, project: Project) -> list[Step]:
    """The steps the user may take now, in the order of the status machine."""
    steps: list[Step] = []
    status = project.status
    if rules.can_edit_proposal(user, project):
        steps.append(Step(_("Sửa đề xuất"), "edit"))
        if status == Status.DRAFT:
            steps.append(Step(_("Gửi đề xuất"), "submit", "primary", button=True))
            steps.append(Step(_("Hủy đề xuất"), "cancel", "outline-danger"))
    if rules.can_manage(user, project):
        moves = {
            Status.LISTED: Step(_("Đưa vào danh mục năm"), "list_step", "primary"),
            Status.SELECTED: Step(_("Tuyển chọn / giao trực tiếp"), "select", "primary"),
            Status.CONTRACTED: Step(_("Ký hợp đồng"), "contract", "primary"),
            Status.ACCEPTED: Step(_("Nghiệm thu"), "accept", "primary"),
            Status.REGISTERED: Step(_("Đăng ký kết quả"), "register", "primary"),
            Status.SUSPENDED: Step(_("Tạm dừng"), "suspend", "outline-warning"),
            Status.CANCELLED: Step(_("Hủy"), "cancel", "outline-danger"),
        }
        if status == Status.CONTRACTED:
            steps.append(Step(_("Bắt đầu thực hiện"), "start", "primary", button=True))
        if status == Status.SUSPENDED:
            steps.append(Step(_("Tiếp tục thực hiện"), "resume", "primary", button=True))
        steps += [step for to, step in moves.items() if project.can_move_to(to)]
        if status in TEAM_STATUSES:
            steps.append(Step(_("Thành viên, phối hợp"), "team"))
        if status in (Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED):
            steps += [
                Step(_("Cấp kinh phí"), "disburse"),
                Step(_("Kiểm tra tiến độ"), "check"),
                Step(_("Điều chỉnh"), "adjust"),
                Step(_("Điều chỉnh kinh phí"), "budget"),
            ]
        elif status == Status.ACCEPTED:
            steps.append(Step(_("Cấp kinh phí"), "disburse"))
    if rules.can_link_documents(user, project):
        steps.append(Step(_("Văn bản liên quan"), "documents"))
    if rules.can_report_application(user, project):
        steps.append(Step(_("Báo cáo ứng dụng kết quả"), "apply", "success"))
    # A step named twice (cancel for a draft's proposer who also manages) is shown once.
    return list({s.url_name: s for s in steps}.values())


class ProjectDetailView(ScopedDetailView):
    model = Project
    template_name = "projects/project_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "managing_unit", "proposer", "host")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project: Project = self.object
        user = self.request.user
        context.update(
            steps=_steps(user, project),
            timeline=timeline(project),
            councils=project.councils.prefetch_related("members"),
            budget=project.budget_lines.all(),
            budget_total=sum(b.amount for b in project.budget_lines.all()),
            disbursed_total=sum(d.amount for d in project.disbursements.all()),
            applications=project.applications.all(),
            members=project.members.all(),
            partners=project.partners.select_related("organisation"),
            tasks=project.plan_tasks.select_related("plan").filter(pk__in=_visible_tasks(user)),
            documents=project.documents.filter(
                pk__in=Document.objects.visible_to(user).values("pk")
            ),
            history=history_for(project)[:50],
        )
        return context


def _visible_tasks(user: Any) -> QuerySet:
    from plans.models import Task

    return Task.objects.visible_to(user).values("pk")


class ProjectStepView(ScopedFormActionView):
    """One step of a project's life through its named action (base of the step pages)."""

    model = Project
    template_name: str | None = "projects/step_form.html"
    invalid_status = 400
    errors_on_form = True
    title: Any = ""
    intro: Any = ""
    user_kwarg = False

    def allowed(self, obj: Any) -> bool:
        return rules.can_manage(self.request.user, obj)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user} if self.user_kwarg else {}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return super().get_context_data(obj, form, title=self.title, intro=self.intro, **extra)

    def return_url(self) -> str:
        return reverse("projects:detail", kwargs={"pk": self.object.pk})

    def success_url(self, result: Any) -> str:
        return self.return_url()

    @property
    def actor(self) -> User:
        return cast(User, self.request.user)

    def data(self, form: Any, *names: str) -> dict[str, Any]:
        return {n: form.cleaned_data[n] for n in names}


class ProposalView(ProjectStepView):
    """Create (no pk) or edit a proposal."""

    form_class = ProposalForm
    template_name = "projects/proposal_form.html"
    optional_object = True
    user_kwarg = True
    success_message = _("Đã lưu đề xuất nhiệm vụ.")

    def get_object(self) -> Any:
        obj = super().get_object()
        if obj is None and not rules.can_propose(self.request.user):
            raise Http404
        return obj

    def allowed(self, obj: Any) -> bool:
        return rules.can_edit_proposal(self.request.user, obj)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Project:
        data = {n: form.cleaned_data[n] for n in Project.PROPOSAL_FIELDS}
        if obj is None:
            return actions.create_project(self.actor, **data)
        return actions.update_proposal(
            self.actor, obj, expected_version=form.cleaned_data["version"], **data
        )

    def success_url(self, result: Any) -> str:
        return reverse("projects:detail", kwargs={"pk": result.pk})


class SubmitView(ProjectStepView):
    form_class = VersionOnlyForm
    template_name = None
    success_message = _("Đã gửi đề xuất tới cơ quan quản lý.")

    def allowed(self, obj: Any) -> bool:
        return rules.can_edit_proposal(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.submit_proposal(
            self.actor, obj, expected_version=form.cleaned_data["version"]
        )


class ListStepView(ProjectStepView):
    form_class = ListForm
    title = _("Đưa vào danh mục nhiệm vụ năm")
    success_message = _("Đã đưa nhiệm vụ vào danh mục.")

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.list_project(
            self.actor,
            obj,
            **self.data(form, "list_year", "note"),
            expected_version=form.cleaned_data["version"],
        )


class SelectView(ProjectStepView):
    form_class = SelectForm
    user_kwarg = True
    title = _("Tuyển chọn hoặc giao trực tiếp")
    intro = _(
        "Tuyển chọn cần có hội đồng (thành viên, điểm, kết luận); giao trực tiếp có thể ghi "
        "hội đồng xét giao."
    )
    success_message = _("Đã phê duyệt tổ chức chủ trì và chủ nhiệm nhiệm vụ.")

    def perform(self, form: Any, obj: Any) -> Project:
        d = form.cleaned_data
        return actions.select_project(
            self.actor,
            obj,
            expected_version=d["version"],
            method=d["method"],
            host=d["host"],
            principal_investigator=d["principal_investigator"],
            decision=d["decision"],
            council=form.council(),
            members=d["members"],
            partners=list(d["partners"]),
            decided_on=d["decided_on"],
        )


class ContractView(ProjectStepView):
    form_class = ContractForm
    title = _("Ký hợp đồng và kinh phí")
    success_message = _("Đã ghi hợp đồng.")

    def perform(self, form: Any, obj: Any) -> Project:
        d = form.cleaned_data
        return actions.sign_contract(
            self.actor,
            obj,
            expected_version=d["version"],
            contract_number=d["contract_number"],
            signed_on=d["signed_on"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            budget=d["budget"],
        )


class StartView(ProjectStepView):
    form_class = VersionOnlyForm
    template_name = None
    success_message = _("Nhiệm vụ đã chuyển sang đang thực hiện.")

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.start_project(self.actor, obj, expected_version=form.cleaned_data["version"])


class ResumeView(StartView):
    def perform(self, form: Any, obj: Any) -> Project:
        return actions.resume_project(
            self.actor, obj, expected_version=form.cleaned_data["version"]
        )


class DisburseView(ProjectStepView):
    form_class = DisbursementForm
    title = _("Cấp kinh phí")
    success_message = _("Đã ghi lần cấp kinh phí.")

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.record_disbursement(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            **self.data(form, "paid_on", "source", "amount", "note"),
        )


class CheckView(ProjectStepView):
    form_class = ProgressCheckForm
    title = _("Kiểm tra tiến độ")
    success_message = _("Đã ghi kết quả kiểm tra tiến độ.")

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.record_progress_check(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            **self.data(form, "checked_on", "findings", "on_schedule"),
        )


class AdjustView(ProjectStepView):
    form_class = AdjustmentForm
    title = _("Điều chỉnh nhiệm vụ")
    success_message = _("Đã ghi điều chỉnh.")

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.record_adjustment(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            **self.data(form, "kind", "decision_ref", "decided_on", "description", "new_end_date"),
        )


class SuspendView(ProjectStepView):
    form_class = ReasonForm
    title = _("Tạm dừng nhiệm vụ")
    success_message = _("Đã tạm dừng nhiệm vụ.")

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.suspend_project(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )


class CancelView(ProjectStepView):
    form_class = ReasonForm
    title = _("Hủy nhiệm vụ")
    success_message = _("Đã hủy nhiệm vụ.")

    def allowed(self, obj: Any) -> bool:
        user = self.request.user
        return rules.can_manage(user, obj) or (
            obj.status == Status.DRAFT and rules.can_edit_proposal(user, obj)
        )

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.cancel_project(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )


class AcceptView(ProjectStepView):
    form_class = AcceptForm
    title = _("Nghiệm thu")
    intro = _("Xếp loại “Không đạt” kết thúc nhiệm vụ là nghiệm thu không đạt.")
    success_message = _("Đã ghi kết quả nghiệm thu.")

    def perform(self, form: Any, obj: Any) -> Project:
        d = form.cleaned_data
        return actions.accept_project(
            self.actor,
            obj,
            expected_version=d["version"],
            accepted_on=d["accepted_on"],
            rating=d["rating"],
            products_delivered=d["products_delivered"],
            council=form.council(),
        )


class RegisterView(ProjectStepView):
    form_class = RegisterForm
    title = _("Đăng ký kết quả thực hiện nhiệm vụ")
    success_message = _("Đã ghi giấy chứng nhận đăng ký kết quả.")

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.register_result(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            **self.data(form, "registration_number", "registered_on", "publish"),
        )


class ApplicationView(ProjectStepView):
    form_class = ApplicationForm
    user_kwarg = True
    title = _("Báo cáo ứng dụng, nhân rộng kết quả")
    success_message = _("Đã ghi nơi ứng dụng kết quả.")

    def allowed(self, obj: Any) -> bool:
        return rules.can_report_application(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        names = (
            "applier",
            "organisation",
            "place",
            "year",
            "area_ha",
            "households",
            "output",
            "benefits",
            "is_replication",
        )
        return actions.record_application(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            **self.data(form, *names),
        )


class ImportView(ProjectStepView):
    """Upload the existing registry (XLSX): every row or none."""

    form_class = ImportForm
    template_name = "projects/import.html"
    optional_object = True

    def get_object(self) -> Any:
        if not rules.can_import(self.request.user):
            raise Http404
        return None

    def perform(self, form: Any, obj: Any) -> int:
        return excel.import_projects(self.actor, form.cleaned_data["file"].read())

    def failure_context(self, error: Any) -> dict[str, Any]:
        return {"errors": getattr(error, "errors", [])}

    def get_success_message(self, result: Any) -> str:
        return str(_("Đã nhập %(n)s nhiệm vụ từ tệp.")) % {"n": result}

    def success_url(self, result: Any) -> str:
        return reverse("projects:list")

    def return_url(self) -> str:
        return reverse("projects:list")
