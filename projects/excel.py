"""The project registry as a workbook: export, and import of an existing registry.

The import takes the sheet the export writes (same columns), so a registry kept in Excel
before this system can be moved in, and an export can be corrected and loaded elsewhere. It is
all-or-nothing: every bad cell is named ("Dòng 7, cột C: …") and nothing is written unless
every row is right. Imported rows keep the status they had in the old registry (their history
before this system is not invented); the status machine governs every step from then on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from core import xlsx
from core.errors import ActionError, NotAllowed
from core.permissions import MANAGE_PROJECTS
from core.scoping import scope_for
from core.text import fold
from organisations.models import Organisation
from orgunits.models import OrgUnit
from projects import actions
from projects.models import (
    Project,
    ProjectKind,
    ProjectLevel,
    Rating,
    ScienceField,
    Status,
)
from projects.parsing import ParseError, parse_budget_cell, parse_vnd, parse_year

if TYPE_CHECKING:
    from accounts.models import User

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_ROW, FIRST_ROW = 1, 2
# (column letter, header). The import reads the same columns the export writes.
COLUMNS = [
    ("A", "Mã số"),
    ("B", "Tên nhiệm vụ"),
    ("C", "Loại nhiệm vụ"),
    ("D", "Cấp quản lý"),
    ("E", "Lĩnh vực"),
    ("F", "Trạng thái"),
    ("G", "Năm danh mục"),
    ("H", "Mã đơn vị đề xuất"),
    ("I", "Mã cơ quan quản lý"),
    ("J", "Tổ chức chủ trì"),
    ("K", "Chủ nhiệm"),
    ("L", "Số hợp đồng"),
    ("M", "Bắt đầu (dd/mm/yyyy)"),
    ("N", "Kết thúc (dd/mm/yyyy)"),
    ("O", "Ngày nghiệm thu (dd/mm/yyyy)"),
    ("P", "Xếp loại"),
    ("Q", "Số GCN đăng ký kết quả"),
    ("R", "Kinh phí dự kiến (đồng)"),
    ("S", "Mục tiêu"),
    ("T", "Kinh phí theo nguồn và năm (năm | nguồn vốn | số tiền; …)"),
]
WIDTH = len(COLUMNS)


def _choice(enum: Any, raw: Any) -> str:
    """A choice by its code or its Vietnamese label, with or without diacritics."""
    wanted = fold(str(raw or ""))
    bare = wanted.removeprefix("cap ")  # "Cấp tỉnh" as well as "Tỉnh"
    for member in enum:
        if {wanted, bare} & {fold(member.value), fold(str(member.label))}:
            return str(member.value)
    raise ParseError(_("“%(t)s” không có trong danh mục") % {"t": raw})


def export_projects(projects: Iterable[Project]) -> bytes:
    workbook, sheet = xlsx.new_sheet("Nhiem vu KHCN")
    sheet.append([_(h) for _c, h in COLUMNS])
    xlsx.style_header(sheet[HEADER_ROW], fill="DDEBF7")
    xlsx.append_rows(
        sheet,
        (
            [
                p.code,
                p.title,
                p.get_kind_display(),
                p.get_level_display(),
                p.get_science_field_display(),
                p.get_status_display(),
                p.list_year,
                p.unit.code,
                p.managing_unit.code,
                p.host.name if p.host else "",
                p.principal_investigator,
                p.contract_number,
                p.start_date,
                p.end_date,
                p.accepted_on,
                p.get_rating_display() if p.rating else "",
                p.registration_number,
                p.estimated_budget,
                p.objectives,
                "; ".join(
                    f"{b.year} | {b.get_source_display()} | {b.amount}"
                    for b in p.budget_lines.all()
                ),
            ]
            for p in projects
        ),
    )
    xlsx.set_widths(
        sheet, [14, 60, 18, 14, 22, 18, 10, 16, 16, 34, 24, 16, 12, 12, 12, 10, 16, 18, 40, 44]
    )
    return xlsx.to_bytes(workbook)


class _Row:
    def __init__(self, number: int, errors: list[xlsx.RowError]) -> None:
        self.number, self.errors = number, errors

    def take(self, column: str, parse: Any, raw: Any) -> Any:
        try:
            return parse(raw)
        except (ParseError, ValueError) as exc:
            message = str(exc) if isinstance(exc, ParseError) else _("ngày phải viết dd/mm/yyyy")
            self.errors.append(xlsx.RowError(self.number, column, message))
            return None


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def import_projects(actor: User, data: bytes) -> int:
    """Read the workbook and write every row, or nothing; returns the number of projects."""
    scope = scope_for(actor)
    if not scope.can(MANAGE_PROJECTS):
        raise NotAllowed()
    workbook = xlsx.open_workbook(data, max_bytes=MAX_BYTES, read_only=True)
    sheet = workbook.worksheets[0]
    header = [
        _text(c)
        for c in next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True), ())
    ]
    if [fold(h) for h in header[:3]] != [fold(h) for _c, h in COLUMNS[:3]]:
        raise ActionError(
            _(
                "Tệp không đúng mẫu: dòng 1 phải có tiêu đề các cột như tệp xuất "
                "(Mã số, Tên nhiệm vụ, Loại nhiệm vụ…)."
            )
        )
    rows = xlsx.data_rows(sheet, first_row=FIRST_ROW, width=WIDTH, max_rows=MAX_ROWS)
    units = {u.code: u for u in OrgUnit.objects.visible_to(actor)}
    orgs = {fold(o.name): o for o in Organisation.objects.visible_to(actor)}
    taken = set(Project.objects.exclude(code="").values_list("code", flat=True))
    errors: list[xlsx.RowError] = []
    parsed: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, start=FIRST_ROW):
        if all(c in (None, "") for c in cells):
            continue
        row = _Row(number, errors)
        code, title = _text(cells[0]), _text(cells[1])
        if code in taken:
            errors.append(xlsx.RowError(number, "A", _("mã số %(c)s đã có trong sổ") % {"c": code}))
        elif code and code in seen:
            errors.append(
                xlsx.RowError(number, "A", _("mã số trùng với dòng %(r)s") % {"r": seen[code]})
            )
        seen.setdefault(code, number)
        if not title:
            errors.append(xlsx.RowError(number, "B", _("thiếu tên nhiệm vụ")))
        values: dict[str, Any] = {
            "code": code,
            "title": title[:500],
            "kind": row.take("C", lambda v: _choice(ProjectKind, v), cells[2]),
            "level": row.take("D", lambda v: _choice(ProjectLevel, v), cells[3]),
            "science_field": row.take("E", lambda v: _choice(ScienceField, v), cells[4]),
            "status": row.take("F", lambda v: _choice(Status, v), cells[5]),
            "list_year": row.take("G", parse_year, cells[6])
            if cells[6] not in (None, "")
            else None,
            "principal_investigator": _text(cells[10])[:200],
            "contract_number": _text(cells[11])[:100],
            "start_date": row.take("M", xlsx.parse_date, cells[12]),
            "end_date": row.take("N", xlsx.parse_date, cells[13]),
            "accepted_on": row.take("O", xlsx.parse_date, cells[14]),
            "rating": row.take("P", lambda v: _choice(Rating, v), cells[15])
            if cells[15] not in (None, "")
            else "",
            "registration_number": _text(cells[16])[:100],
            "estimated_budget": row.take(
                "R", parse_vnd, cells[17] if cells[17] not in (None, "") else 0
            ),
            "objectives": _text(cells[18]),
            "budget": row.take("T", parse_budget_cell, cells[19]) or [],
        }
        for column, key, raw in (("H", "unit", cells[7]), ("I", "managing_unit", cells[8])):
            unit = units.get(_text(raw))
            if unit is None:
                errors.append(
                    xlsx.RowError(
                        number, column, _("không có đơn vị mã “%(c)s”") % {"c": _text(raw)}
                    )
                )
            values[key] = unit
        if values["managing_unit"] is not None and not scope.can(
            MANAGE_PROJECTS, values["managing_unit"].path
        ):
            errors.append(
                xlsx.RowError(number, "I", _("bạn không quản lý nhiệm vụ của cơ quan này"))
            )
        host_name = _text(cells[9])
        values["host"] = orgs.get(fold(host_name)) if host_name else None
        if host_name and values["host"] is None:
            errors.append(
                xlsx.RowError(
                    number, "J", _("không có tổ chức “%(t)s” trong danh bạ") % {"t": host_name}
                )
            )
        status = values["status"]
        if status == Status.DRAFT:
            errors.append(xlsx.RowError(number, "F", _("sổ không nhận đề xuất nháp")))
        judged = status in (Status.ACCEPTED, Status.REGISTERED, Status.FAILED)
        if (
            judged
            and not values["accepted_on"]
            and not any(e.row == number and e.column == "O" for e in errors)
        ):
            errors.append(
                xlsx.RowError(number, "O", _("nhiệm vụ đã nghiệm thu cần ngày nghiệm thu"))
            )
        if (
            judged
            and not values["rating"]
            and not any(e.row == number and e.column == "P" for e in errors)
        ):
            errors.append(xlsx.RowError(number, "P", _("nhiệm vụ đã nghiệm thu cần xếp loại")))
        if (
            values["start_date"]
            and values["end_date"]
            and values["end_date"] < values["start_date"]
        ):
            errors.append(xlsx.RowError(number, "N", _("ngày kết thúc trước ngày bắt đầu")))
        parsed.append({"row": number, **values})
    if not parsed and not errors:
        errors.append(xlsx.RowError(0, "B", _("tệp không có dòng nhiệm vụ nào")))
    if errors:
        raise xlsx.ImportRejected(xlsx.by_position(errors))
    return _write(actor, parsed)


@transaction.atomic
def _write(actor: User, parsed: list[dict[str, Any]]) -> int:
    for values in parsed:
        values = dict(values)
        row = values.pop("row")
        try:
            actions.import_project(actor, **values)
        except ActionError as exc:
            raise xlsx.ImportRejected([xlsx.RowError(row, "A", exc.message)]) from exc
    return len(parsed)
