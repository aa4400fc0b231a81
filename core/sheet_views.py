"""The pages every registry's Excel import/export shares (sheets declared in ``core.sheets``).

- ``SheetExportMixin`` on a ``ScopedListView``: ``?export=xlsx`` answers the rows the user sees
  with the current filters (the scoped, filtered queryset), at most ``Sheet.max_export``.
- ``SheetTemplateView``: the empty template with its guide sheet.
- ``SheetImportView``: the upload page; the import runs the registry's one transactional action
  and re-renders every bad cell ("Dòng 7, cột C: …") when the file is refused.

Import and template pages exist only for those who may import (else 404, like a missing page);
the registry says who with ``may_import(user)``.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from core import sheets
from core.forms import cleaned
from core.forms_views import ScopedFormActionView
from core.views import ScopedViewMixin
from core.xlsx import download


class SheetImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) theo mẫu"))
    # Shown only after an import stopped on near-identical names (core.sheets.SimilarRows).
    confirm_similar = forms.BooleanField(
        label=_("Tôi đã xem các dòng có tên gần giống bản ghi đã có và vẫn muốn nhập"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, max_bytes: int = sheets.MAX_BYTES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx"})
        if self.data.get("confirm_similar"):
            self.show_confirm()

    def show_confirm(self) -> None:
        self.fields["confirm_similar"].widget = forms.CheckboxInput(
            attrs={"class": "form-check-input"}
        )

    def clean_file(self) -> Any:
        upload = cleaned(self)["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": self.max_bytes // (1024 * 1024)}
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel có đuôi .xlsx."))
        return upload


class SheetExportMixin:
    """``?export=xlsx`` on a list page: what the user sees with the current filters."""

    export_sheet: sheets.Sheet
    request: HttpRequest

    def export_queryset(self, queryset: Any) -> Any:
        """Hook for select_related/prefetch of what the rows read."""
        return queryset

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "xlsx":
            queryset = self.export_queryset(self.get_queryset())  # type: ignore[attr-defined]
            objects = list(queryset[: self.export_sheet.max_export])
            data = sheets.export(self.export_sheet, self.export_rows(objects))
            return download(data, f"{self.export_sheet.filename}.xlsx")
        return super().get(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_query"] = query.urlencode()
        return cast(dict[str, Any], context)


class _ImportGate:
    request: HttpRequest

    def may_import(self, user: Any) -> bool:
        raise NotImplementedError


class SheetTemplateView(_ImportGate, ScopedViewMixin, View):
    """The empty template of a registry's sheet, for those who may import."""

    sheet: sheets.Sheet

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.may_import(request.user):
            raise Http404
        return download(sheets.template(self.sheet), f"mau-{self.sheet.filename}.xlsx")


class SheetImportView(_ImportGate, ScopedFormActionView):
    """Upload a filled sheet: every row or none."""

    sheet: sheets.Sheet
    form_class = SheetImportForm
    template_name = "includes/sheet_import.html"
    optional_object = True
    errors_on_form = True
    invalid_status = 400
    heading: Any = ""
    intro: Any = ""
    done_message: Any = _("Đã nhập %(n)s dòng từ tệp.")
    list_url_name = ""
    template_url_name = ""

    def run(self, user: Any, data: bytes) -> int:
        """Check the file and call the registry's import action; returns the rows written."""
        raise NotImplementedError

    def get_object(self) -> Any:
        if not self.may_import(self.request.user):
            raise Http404
        return None

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"max_bytes": self.sheet.max_bytes}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        context = super().get_context_data(obj, form, **extra)
        context.update(
            heading=self.heading,
            intro=self.intro,
            max_rows=self.sheet.max_rows,
            max_mb=self.sheet.max_bytes // (1024 * 1024),
            list_url=reverse(self.list_url_name),
            template_url=reverse(self.template_url_name) if self.template_url_name else "",
        )
        return context

    def perform(self, form: Any, obj: Any) -> int:
        with sheets.confirmed_similar(form.cleaned_data.get("confirm_similar", False)):
            return self.run(self.request.user, form.cleaned_data["file"].read())

    def refused(self, obj: Any, form: Any, error: Any) -> HttpResponse:
        if isinstance(error, sheets.SimilarRows) and form is not None:
            form.show_confirm()
        return super().refused(obj, form, error)

    def failure_context(self, error: Any) -> dict[str, Any]:
        return {"errors": getattr(error, "errors", [])}

    def get_success_message(self, result: Any) -> str:
        return str(self.done_message) % {"n": result}

    def success_url(self, result: Any) -> str:
        return reverse(self.list_url_name)

    def return_url(self) -> str:
        return reverse(self.list_url_name)
