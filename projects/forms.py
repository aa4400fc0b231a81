"""Forms of the project pages: the proposal, and one form per step of the status machine."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionField, cleaned, limit_choices
from core.permissions import PROPOSE_PROJECT
from core.scoping import scope_for
from documents.models import Document
from organisations.models import Organisation
from orgunits.models import OrgUnit
from plans.models import Task
from projects.models import AdjustmentKind, FundingSource, Project, Rating, SelectionMethod
from projects.parsing import ParseError, parse_budget, parse_people, parse_vnd

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
MEMBERS_HELP = _("Mỗi dòng một người: Họ tên | vai trò | điểm (điểm có thể bỏ trống).")


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class AmountField(forms.CharField):
    """An amount in VND typed as "1.250.000.000" (integer đồng)."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_vnd(text)
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ProposalForm(forms.ModelForm):
    version = VersionField()
    estimated_budget = AmountField(label=_("Kinh phí dự kiến (đồng)"), required=False)

    class Meta:
        model = Project
        fields = list(Project.PROPOSAL_FIELDS)
        widgets = {"plan_tasks": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["version"]
        scope = scope_for(user)
        own = OrgUnit.objects.visible_to(user).filter(
            scope.own_units_q(), scope.units_where_q(PROPOSE_PROJECT)
        )
        limit_choices(self, "unit", own.order_by("path"))
        limit_choices(
            self,
            "managing_unit",
            OrgUnit.objects.visible_to(user).filter(depth__lte=3).order_by("path"),
        )
        limit_choices(self, "proposer", Organisation.objects.visible_to(user).order_by("name"))
        limit_choices(
            self,
            "plan_tasks",
            Task.objects.visible_to(user).select_related("plan").order_by("code"),
        )
        _style(self)

    def clean_estimated_budget(self) -> int:
        return cleaned(self).get("estimated_budget") or 0


class VersionOnlyForm(forms.Form):
    version = VersionField()


class ListForm(VersionOnlyForm):
    list_year = forms.IntegerField(label=_("Năm danh mục"), min_value=1990, max_value=2100)
    note = forms.CharField(label=_("Ghi chú (quyết định phê duyệt danh mục)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class CouncilFields(forms.Form):
    council_decision = forms.CharField(label=_("Quyết định thành lập hội đồng"), required=False)
    council_met_on = forms.DateField(label=_("Ngày họp hội đồng"), widget=DATE, required=False)
    council_members = forms.CharField(
        label=_("Thành viên hội đồng"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=MEMBERS_HELP,
    )
    council_conclusion = forms.CharField(
        label=_("Kết luận của hội đồng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    council_required = False

    def clean_council_members(self) -> Any:
        try:
            return parse_people(cleaned(self).get("council_members", ""), scores=True)
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def council(self) -> Any:
        from projects.actions import CouncilInput

        data = cleaned(self)
        if not data.get("council_members") and not data.get("council_met_on"):
            return None
        return CouncilInput(
            met_on=data["council_met_on"],
            decision_ref=data.get("council_decision", ""),
            conclusion=data.get("council_conclusion", ""),
            members=tuple(data["council_members"]),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        members, met = data.get("council_members"), data.get("council_met_on")
        if (members or self.council_required) and not met and "council_met_on" not in self.errors:
            self.add_error("council_met_on", _("Hãy nhập ngày họp hội đồng."))
        if (met or self.council_required) and not members and "council_members" not in self.errors:
            self.add_error("council_members", _("Hãy nhập thành viên hội đồng."))
        return data


class SelectForm(VersionOnlyForm, CouncilFields):
    method = forms.ChoiceField(label=_("Hình thức"), choices=SelectionMethod.choices)
    decision = forms.CharField(label=_("Quyết định phê duyệt"), required=False)
    decided_on = forms.DateField(label=_("Ngày phê duyệt"), widget=DATE)
    host = forms.ModelChoiceField(label=_("Tổ chức chủ trì"), queryset=Organisation.objects.none())
    principal_investigator = forms.CharField(label=_("Chủ nhiệm"))
    members = forms.CharField(
        label=_("Thành viên thực hiện"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Mỗi dòng một người: Họ tên | vai trò | cơ quan."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Tổ chức phối hợp"), queryset=Organisation.objects.none(), required=False
    )
    field_order = [
        "method",
        "decision",
        "decided_on",
        "host",
        "principal_investigator",
        "members",
        "partners",
    ]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.visible_to(user).order_by("name")
        limit_choices(self, "host", organisations)
        limit_choices(self, "partners", organisations)
        _style(self)

    def clean_members(self) -> Any:
        try:
            return parse_people(cleaned(self).get("members", ""), scores=False)
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        self.council_required = cleaned(self).get("method") == SelectionMethod.CALL
        return super().clean()


class ContractForm(VersionOnlyForm):
    contract_number = forms.CharField(label=_("Số hợp đồng"))
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DATE)
    start_date = forms.DateField(label=_("Bắt đầu"), widget=DATE)
    end_date = forms.DateField(label=_("Kết thúc"), widget=DATE)
    budget = forms.CharField(
        label=_("Kinh phí theo nguồn và năm"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sources = ", ".join(str(s.label) for s in FundingSource)
        self.fields["budget"].help_text = _(
            "Mỗi dòng: năm | nguồn vốn | số tiền (đồng), ví dụ: 2024 | Ngân sách tỉnh | "
            "450.000.000. Nguồn vốn: %(s)s."
        ) % {"s": sources}
        _style(self)

    def clean_budget(self) -> Any:
        try:
            return parse_budget(cleaned(self).get("budget", ""))
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


class ReasonForm(VersionOnlyForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class DisbursementForm(VersionOnlyForm):
    paid_on = forms.DateField(label=_("Ngày cấp"), widget=DATE)
    source = forms.ChoiceField(label=_("Nguồn vốn"), choices=FundingSource.choices)
    amount = AmountField(label=_("Số tiền (đồng)"))
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ProgressCheckForm(VersionOnlyForm):
    checked_on = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE)
    on_schedule = forms.BooleanField(label=_("Đúng tiến độ"), required=False, initial=True)
    findings = forms.CharField(
        label=_("Kết quả kiểm tra"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class AdjustmentForm(VersionOnlyForm):
    kind = forms.ChoiceField(label=_("Loại điều chỉnh"), choices=AdjustmentKind.choices)
    decision_ref = forms.CharField(label=_("Số quyết định"))
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    description = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    new_end_date = forms.DateField(label=_("Thời hạn mới"), widget=DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class AcceptForm(VersionOnlyForm, CouncilFields):
    accepted_on = forms.DateField(label=_("Ngày nghiệm thu"), widget=DATE)
    rating = forms.ChoiceField(label=_("Xếp loại"), choices=Rating.choices)
    products_delivered = forms.CharField(
        label=_("Sản phẩm đã giao nộp (so với dự kiến)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    council_required = True
    field_order = ["accepted_on", "rating", "products_delivered"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class RegisterForm(VersionOnlyForm):
    registration_number = forms.CharField(label=_("Số giấy chứng nhận đăng ký kết quả"))
    registered_on = forms.DateField(label=_("Ngày cấp"), widget=DATE)
    publish = forms.BooleanField(
        label=_("Công khai kết quả (tên, tóm tắt, sản phẩm)"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ApplicationForm(VersionOnlyForm):
    applier = forms.CharField(label=_("Đơn vị, doanh nghiệp, hộ áp dụng"))
    organisation = forms.ModelChoiceField(
        label=_("Tổ chức trong danh bạ (nếu có)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    place = forms.CharField(label=_("Địa điểm"))
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    # Typed as Vietnamese write it ("4,5"): a localized text field, not a browser number box.
    area_ha = forms.DecimalField(
        label=_("Diện tích (ha)"),
        required=False,
        min_value=0,
        max_value=10**7,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    households = forms.IntegerField(label=_("Số hộ"), required=False, min_value=0, max_value=10**7)
    output = forms.CharField(label=_("Sản lượng, quy mô khác"), required=False)
    benefits = forms.CharField(
        label=_("Hiệu quả"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_replication = forms.BooleanField(
        label=_("Nhân rộng ngoài nơi thực hiện nhiệm vụ"), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "organisation", Organisation.objects.visible_to(user).order_by("name"))
        _style(self)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))

    def clean_file(self) -> Any:
        from projects.excel import MAX_BYTES

        upload = cleaned(self)["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel có đuôi .xlsx."))
        return upload


class TeamForm(VersionOnlyForm):
    """The team after approval: principal investigator, members, partner organisations."""

    principal_investigator = forms.CharField(label=_("Chủ nhiệm"), max_length=200)
    members = forms.CharField(
        label=_("Thành viên thực hiện"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Mỗi dòng một người: Họ tên | vai trò | cơ quan."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Tổ chức phối hợp"), queryset=Organisation.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Căn cứ thay đổi (số quyết định, văn bản)"), required=False, max_length=500
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "partners", Organisation.objects.visible_to(user).order_by("name"))
        self.fields["partners"].widget.attrs["size"] = 6
        _style(self)

    def clean_members(self) -> Any:
        try:
            return parse_people(cleaned(self).get("members", ""), scores=False)
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BudgetChangeForm(VersionOnlyForm):
    """An approved budget change: the whole new budget by source and year."""

    decision_ref = forms.CharField(label=_("Số quyết định điều chỉnh"), max_length=200)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    budget = forms.CharField(
        label=_("Kinh phí sau điều chỉnh, theo nguồn và năm"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    description = forms.CharField(
        label=_("Nội dung điều chỉnh"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sources = ", ".join(str(s.label) for s in FundingSource)
        self.fields["budget"].help_text = _(
            "Mỗi dòng: năm | nguồn vốn | số tiền (đồng), ví dụ: 2024 | Ngân sách tỉnh | "
            "450.000.000. Nguồn vốn: %(s)s."
        ) % {"s": sources}
        _style(self)

    def clean_budget(self) -> Any:
        try:
            lines = parse_budget(cleaned(self).get("budget", ""))
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not lines:
            raise forms.ValidationError(_("Hãy nhập ít nhất một dòng kinh phí."))
        return lines


class DocumentsForm(VersionOnlyForm):
    """The documents linked to a project, among those the user may see."""

    documents = forms.ModelMultipleChoiceField(
        label=_("Văn bản liên quan"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("Giữ Ctrl (hoặc chạm trên điện thoại) để chọn nhiều văn bản."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "documents", Document.objects.visible_to(user))
        self.fields["documents"].widget.attrs["size"] = 10
        _style(self)
