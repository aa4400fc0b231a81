"""Reading what people type or paste: VND amounts, people lists, budget lines.

Shared by the forms and the XLSX import, so "1.250.000.000", "1250000000" and "1 250 000 000"
mean the same everywhere, and a bad line is named the same way ("Dòng 2: …").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from core.text import fold
from projects.actions import Budget, Person
from projects.models import MAX_YEAR, MIN_YEAR, FundingSource

MAX_AMOUNT = 10**14
_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")


class ParseError(ValueError):
    """``str()`` is the Vietnamese message."""


def parse_vnd(raw: Any) -> int:
    """An amount in VND (đồng), a whole number written with or without thousand separators."""
    if isinstance(raw, bool):
        raise ParseError(_("Số tiền không hợp lệ."))
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float | Decimal):
        if raw != int(raw):
            raise ParseError(_("Số tiền tính bằng đồng, không có phần lẻ."))
        value = int(raw)
    else:
        text = str(raw or "").strip()
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(" ", "")
        if not text.isdigit():
            raise ParseError(_("Số tiền “%(t)s” không hợp lệ (ví dụ: 1.250.000.000).") % {"t": raw})
        value = int(text)
    if not 0 <= value <= MAX_AMOUNT:
        raise ParseError(_("Số tiền phải từ 0 đến 100.000 tỷ đồng."))
    return value


def parse_year(raw: Any) -> int:
    try:
        year = int(str(raw).strip().removesuffix(".0"))
    except (TypeError, ValueError):
        raise ParseError(_("Năm “%(t)s” không hợp lệ.") % {"t": raw}) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError(
            _("Năm %(y)s nằm ngoài khoảng %(a)s–%(b)s.") % {"y": year, "a": MIN_YEAR, "b": MAX_YEAR}
        )
    return year


def parse_source(raw: str) -> str:
    """A funding source by code or by its Vietnamese name, with or without diacritics."""
    wanted = fold(raw or "")
    for source in FundingSource:
        if wanted in (source.value, fold(str(source.label))):
            return source.value
    raise ParseError(_("Nguồn vốn “%(t)s” không có trong danh mục.") % {"t": raw})


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, [cell.strip() for cell in line.split("|")])
        for number, line in enumerate((text or "").splitlines(), start=1)
        if line.strip()
    ]


def parse_people(text: str, *, scores: bool) -> list[Person]:
    """Lines "Họ tên | vai trò | điểm" (councils) or "Họ tên | vai trò | cơ quan" (teams)."""
    people = []
    errors = []
    for number, cells in _lines(text):
        cells += ["", "", ""]
        name, role, third = cells[0], cells[1], cells[2]
        if not name:
            errors.append(_("Dòng %(n)s: thiếu họ tên.") % {"n": number})
            continue
        score = None
        if scores and third:
            try:
                score = Decimal(third.replace(",", "."))
            except InvalidOperation:
                errors.append(
                    _("Dòng %(n)s: điểm “%(t)s” không hợp lệ.") % {"n": number, "t": third}
                )
                continue
            if not 0 <= score <= 100:
                errors.append(_("Dòng %(n)s: điểm từ 0 đến 100.") % {"n": number})
                continue
        people.append(
            Person(name=name, role=role, score=score, affiliation="" if scores else third)
        )
    if errors:
        raise ParseError(" ".join(errors))
    return people


def parse_budget(text: str) -> list[Budget]:
    """Lines "năm | nguồn vốn | số tiền", e.g. "2024 | Ngân sách tỉnh | 450.000.000"."""
    lines = []
    errors = []
    for number, cells in _lines(text):
        if len(cells) != 3:
            errors.append(
                _("Dòng %(n)s: cần đúng 3 phần: năm | nguồn vốn | số tiền.") % {"n": number}
            )
            continue
        try:
            lines.append(
                Budget(
                    source=parse_source(cells[1]),
                    year=parse_year(cells[0]),
                    amount=parse_vnd(cells[2]),
                )
            )
        except ParseError as exc:
            errors.append(_("Dòng %(n)s: %(m)s") % {"n": number, "m": exc})
    if errors:
        raise ParseError(" ".join(errors))
    return lines


def parse_budget_cell(raw: Any) -> list[Budget]:
    """One spreadsheet cell of budget lines separated by ";" or line breaks, each
    "năm | nguồn vốn | số tiền" (the form the export writes)."""
    text = "" if raw is None else str(raw)
    lines = []
    errors = []
    items = [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]
    for number, item in enumerate(items, start=1):
        cells = [cell.strip() for cell in item.split("|")]
        try:
            if len(cells) != 3:
                raise ParseError(_("cần đúng 3 phần: năm | nguồn vốn | số tiền"))
            lines.append(
                Budget(
                    source=parse_source(cells[1]),
                    year=parse_year(cells[0]),
                    amount=parse_vnd(cells[2]),
                )
            )
        except ParseError as exc:
            errors.append(_("mục %(n)s: %(m)s") % {"n": number, "m": exc})
    if errors:
        raise ParseError("; ".join(errors))
    return lines
