"""Pages that change a project after its step has passed: the team and partners, the
approved budget (on an approved adjustment) and the linked documents."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from projects import actions, rules
from projects.actions.team import BUDGET_STATUSES, TEAM_STATUSES
from projects.forms import BudgetChangeForm, DocumentsForm, TeamForm
from projects.models import Project
from projects.views import ProjectStepView


def _budget_text(project: Project) -> str:
    return "\n".join(
        f"{b.year} | {b.get_source_display()} | {b.amount:,}".replace(",", ".")
        for b in project.budget_lines.order_by("year", "source")
    )


class TeamView(ProjectStepView):
    form_class = TeamForm
    user_kwarg = True
    title = _("Chủ nhiệm, thành viên và tổ chức phối hợp")
    intro = _("Danh sách sau khi lưu thay cho danh sách hiện tại; lịch sử giữ danh sách cũ.")
    success_message = _("Đã cập nhật chủ nhiệm, thành viên và tổ chức phối hợp.")

    def allowed(self, obj: Any) -> bool:
        return obj.status in TEAM_STATUSES and rules.can_manage(self.request.user, obj)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        members = "\n".join(
            " | ".join((m.name, m.role, m.affiliation)).rstrip(" |")
            for m in obj.members.order_by("name")
        )
        return {
            **super().get_initial(obj),
            "principal_investigator": obj.principal_investigator,
            "members": members,
            "partners": [p.organisation_id for p in obj.partners.all()],
        }

    def perform(self, form: Any, obj: Any) -> Project:
        d = form.cleaned_data
        return actions.update_team(
            self.actor,
            obj,
            expected_version=d["version"],
            principal_investigator=d["principal_investigator"],
            members=d["members"],
            partners=list(d["partners"]),
            note=d["note"],
        )


class BudgetChangeView(ProjectStepView):
    form_class = BudgetChangeForm
    title = _("Điều chỉnh kinh phí")
    intro = _("Nhập toàn bộ kinh phí sau điều chỉnh; các dòng cũ được thay và giữ trong lịch sử.")
    success_message = _("Đã ghi điều chỉnh kinh phí.")

    def allowed(self, obj: Any) -> bool:
        return obj.status in BUDGET_STATUSES and rules.can_manage(self.request.user, obj)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {**super().get_initial(obj), "budget": _budget_text(obj)}

    def perform(self, form: Any, obj: Any) -> Project:
        d = form.cleaned_data
        return actions.change_budget(
            self.actor,
            obj,
            expected_version=d["version"],
            budget=d["budget"],
            decision_ref=d["decision_ref"],
            decided_on=d["decided_on"],
            description=d["description"],
        )


class DocumentsView(ProjectStepView):
    form_class = DocumentsForm
    user_kwarg = True
    title = _("Văn bản liên quan")
    intro = _(
        "Chọn các văn bản đã có trong hệ thống (quyết định, hợp đồng, biên bản). Văn bản mới: "
        "nhập ở mục Văn bản trước rồi gắn vào đây."
    )
    success_message = _("Đã cập nhật văn bản liên quan.")

    def allowed(self, obj: Any) -> bool:
        return rules.can_link_documents(self.request.user, obj)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {**super().get_initial(obj), "documents": [d.pk for d in obj.documents.all()]}

    def perform(self, form: Any, obj: Any) -> Project:
        return actions.link_documents(
            self.actor,
            obj,
            expected_version=form.cleaned_data["version"],
            documents=list(form.cleaned_data["documents"]),
        )
