"""A registry as one Excel sheet: its columns, template, export and an all-or-nothing import.

``core.xlsx`` holds the safe primitives (opening an upload, bounded rows, formula neutralising,
dates); this module is what every registry import/export on top of it shares, so that the
organisations, IP, events, experts and cooperation registries read and write sheets the same
way:

- ``Sheet`` declares the columns once (header, how to fill it in, a sample value); the export,
  the downloadable template (header row + a guide sheet with the sample row) and the import's
  header check all read it. Row 1 is the header, data start at row 2, so an export can be
  corrected and imported again (round trip).
- ``read_rows`` opens the upload with the checks of ``core.xlsx.open_workbook`` (size, not a
  zip, zip bombs, XML entities, damaged files), checks the header and returns the numbered,
  non-blank rows, at most ``Sheet.max_rows``.
- ``RowReader`` parses one row cell by cell; each refused cell becomes a ``RowError`` ("Dòng 7,
  cột C: …") and parsing goes on, so every bad row of the file is reported at once.
  ``validate`` runs the model's own checks (constraints with their Vietnamese messages) on the
  unsaved row and reports them on the right column.
- ``check_rows`` turns a file into parsed rows or raises ``ImportRejected`` with every error;
  ``sheet_row`` names the row of an error raised while the action writes (the action's
  transaction then rolls back everything: nothing of the file is kept).
- ``SimilarCheck`` (given to ``check_rows``): rows whose name is near-identical to a record of
  the registry, or to an earlier row, stop the import with ``SimilarRows`` until the user, having
  read them, ticks the import form's confirm box (``confirmed_similar``) — the same warning as
  the registry's form (``core.duplicates``), for a whole file at once.
"""

from __future__ import annotations

import contextlib
import contextvars
import decimal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from core import duplicates, xlsx
from core.errors import ActionError
from core.text import fold

T = TypeVar("T")

HEADER_ROW, FIRST_ROW = 1, 2
MAX_BYTES = 5 * 1024 * 1024
YES = {"có", "co", "x", "1", "yes", "true"}
NO = {"", "không", "khong", "0", "no", "false"}


@dataclass(frozen=True)
class Column:
    """One column of a registry sheet."""

    header: str  # Vietnamese, not translated: the header is the file's format
    guide: Any = ""  # how to fill it in (the template's guide sheet)
    sample: Any = ""  # the sample row of the template
    width: float = 18


@dataclass(frozen=True)
class Sheet:
    """A registry's sheet: ASCII sheet and file names (older viewers mangle diacritics)."""

    title: str
    filename: str
    columns: tuple[Column, ...]
    max_rows: int = 2_000  # an import's rows: checked and written within one request
    max_bytes: int = MAX_BYTES
    max_export: int = 10_000  # an export's rows (the first ones of the filtered list)
    check_header: bool = True

    @property
    def width(self) -> int:
        return len(self.columns)

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]


def letter(index: int) -> str:
    """The column letter of a 0-based index."""
    return get_column_letter(index + 1)


# ---------------------------------------------------------------------------------------------
# Writing: export and template
# ---------------------------------------------------------------------------------------------


def export(sheet_spec: Sheet, rows: Iterable[Sequence[Any]]) -> bytes:
    """The header and ``rows`` (every text cell neutralised against formula injection)."""
    workbook, sheet = xlsx.new_sheet(sheet_spec.title)
    sheet.append(sheet_spec.headers())
    xlsx.style_header(sheet[HEADER_ROW], fill="DDEBF7")
    xlsx.append_rows(sheet, rows)
    xlsx.set_widths(sheet, [c.width for c in sheet_spec.columns])
    sheet.freeze_panes = "A2"
    return xlsx.to_bytes(workbook)


def template(sheet_spec: Sheet) -> bytes:
    """An empty sheet to fill (the header only), and a guide sheet: each column, how to fill
    it in and the sample row (on the guide, so importing the template as is adds nothing)."""
    workbook, sheet = xlsx.new_sheet(sheet_spec.title)
    sheet.append(sheet_spec.headers())
    xlsx.style_header(sheet[HEADER_ROW], fill="DDEBF7")
    xlsx.set_widths(sheet, [c.width for c in sheet_spec.columns])
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Huong dan")
    guide.append([_("Hướng dẫn: điền từ dòng 2 của trang đầu; dòng 1 giữ nguyên tiêu đề. "
                    "Tệp có lỗi thì không dòng nào được nhập.")])  # fmt: skip
    guide.append([])
    guide.append([_("Cột"), _("Tiêu đề"), _("Cách ghi"), _("Dòng mẫu")])
    xlsx.style_header(guide[3], fill="DDEBF7")
    xlsx.append_rows(
        guide,
        (
            [letter(i), str(c.header), str(c.guide), c.sample]
            for i, c in enumerate(sheet_spec.columns)
        ),
    )
    xlsx.set_widths(guide, [6, 32, 60, 30])
    for row in guide.iter_rows(min_row=4):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    return xlsx.to_bytes(workbook)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_rows(sheet_spec: Sheet, data: bytes) -> list[tuple[int, list[Any]]]:
    """The numbered non-blank rows of the first sheet, each ``width`` cells long."""
    workbook = xlsx.open_workbook(data, max_bytes=sheet_spec.max_bytes, read_only=True)
    sheet = workbook.worksheets[0]
    if sheet_spec.check_header:
        first = next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True), ())
        wanted = [fold(h) for h in sheet_spec.headers()[:3]]
        found = [fold(str(c or "")) for c in list(first)[: len(wanted)]]
        if found != wanted:
            raise ActionError(
                _("Tệp không đúng mẫu: dòng 1 phải có tiêu đề các cột như tệp mẫu (%(h)s…).")
                % {"h": ", ".join(sheet_spec.headers()[:3])}
            )
    rows = xlsx.data_rows(
        sheet, first_row=FIRST_ROW, width=sheet_spec.width, max_rows=sheet_spec.max_rows
    )
    return [
        (number, cells)
        for number, cells in enumerate(rows, start=FIRST_ROW)
        if any(str(c).strip() for c in cells if c is not None)
    ]


class CellError(ValueError):
    """A cell that cannot be read; ``message`` says why, in Vietnamese."""

    def __init__(self, message: Any) -> None:
        self.message = str(message)
        super().__init__(self.message)


class RowReader:
    """One data row: ``take`` parses a cell, a refused cell is recorded and gives ``None``."""

    def __init__(self, number: int, cells: list[Any], errors: list[xlsx.RowError]) -> None:
        self.number, self.cells, self.errors = number, cells, errors
        self._start = len(errors)

    @property
    def ok(self) -> bool:
        """No error recorded for this row so far."""
        return len(self.errors) == self._start

    def error(self, index: int | None, message: Any) -> None:
        column = letter(index) if index is not None else ""
        self.errors.append(xlsx.RowError(self.number, column, str(message)))

    def raw(self, index: int) -> Any:
        return self.cells[index]

    def take(self, index: int, parse: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return parse(self.cells[index], *args, **kwargs)
        except CellError as exc:
            self.error(index, exc.message)
            return None

    def validate(self, instance: models.Model, columns: dict[str, int]) -> None:
        """The model's own checks on the unsaved row (fields, ``clean``, constraints with
        their Vietnamese messages), each message on its column (a check across fields: on the
        row). What ``full_clean`` asks the database row by row is done without it where that
        is safe: foreign keys were found in scoped querysets, a new row's UUID is not taken,
        and simple check constraints are evaluated in Python (``_holds``); other constraints
        (a unique number) still ask the database. The action's own ``full_clean`` repeats
        everything when it writes."""
        errors: dict[str, Any] = {}
        meta = instance._meta
        relations = [f.name for f in meta.concrete_fields if f.is_relation]
        steps: list[Callable[[], None]] = [
            lambda: instance.clean_fields(exclude=relations),
            instance.clean,
            lambda: instance.validate_unique(exclude=[meta.pk.name]),
        ]
        for step in steps:
            try:
                step()
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        for constraint in meta.constraints:
            condition = getattr(constraint, "condition", None)
            if isinstance(constraint, models.CheckConstraint) and condition is not None:
                try:
                    if _holds(condition, instance) is False:
                        errors.setdefault(NON_FIELD_ERRORS, []).append(
                            constraint.get_violation_error_message()
                        )
                    continue
                except _Unsupported:
                    pass  # asked of the database below
            try:
                constraint.validate(type(instance), instance)
            except ValidationError as exc:
                if isinstance(constraint, models.UniqueConstraint) and not hasattr(
                    exc, "error_dict"
                ):
                    # A key already taken ("số văn bằng" of that kind): on the key's column.
                    named = [f for f in constraint.fields if f in columns]
                    if named:
                        exc = ValidationError({named[-1]: exc.error_list})
                errors = exc.update_error_dict(errors)
        for field, messages in errors.items():
            index = None if field == NON_FIELD_ERRORS else columns.get(field)
            for message in messages:
                self.error(index, message.message if hasattr(message, "message") else message)


class _Unsupported(Exception):
    """A condition ``_holds`` cannot evaluate in Python (the database is asked instead)."""


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "exact": lambda a, b: bool(a == b),
    "gt": lambda a, b: bool(a > b),
    "gte": lambda a, b: bool(a >= b),
    "lt": lambda a, b: bool(a < b),
    "lte": lambda a, b: bool(a <= b),
}


def _holds(condition: Any, instance: models.Model) -> bool | None:
    """A check constraint's ``Q`` on an unsaved row, in SQL's three-valued logic (``None``:
    unknown, which a check constraint lets pass, as ``CheckConstraint.validate`` does)."""
    results = []
    for child in condition.children:
        if isinstance(child, models.Q):
            results.append(_holds(child, instance))
        else:
            results.append(_lookup(instance, *child))
    if condition.connector == models.Q.AND:
        value = False if False in results else (None if None in results else True)
    else:
        value = True if True in results else (None if None in results else False)
    if condition.negated and value is not None:
        return not value
    return value


def _value(instance: models.Model, name: str) -> Any:
    try:
        field = instance._meta.get_field(name)
    except Exception as exc:
        raise _Unsupported(name) from exc
    if not getattr(field, "concrete", False) or getattr(field, "many_to_many", False):
        raise _Unsupported(name)
    return getattr(instance, field.attname)  # type: ignore[union-attr]


def _lookup(instance: models.Model, key: str, expected: Any) -> bool | None:
    name, _sep, operator = key.partition("__")
    operator = operator or "exact"
    value = _value(instance, name)
    if isinstance(expected, models.F):
        expected = _value(instance, getattr(expected, "name", ""))
    elif hasattr(expected, "resolve_expression"):
        raise _Unsupported(key)
    if operator == "isnull":
        return (value is None) == bool(expected)
    if operator not in _COMPARE:
        raise _Unsupported(key)
    if value is None or expected is None:
        return None
    try:
        return _COMPARE[operator](value, expected)
    except TypeError as exc:
        raise _Unsupported(key) from exc


class SameKey:
    """An exact key an import must not repeat (an expert's e-mail, an agreement's number):
    a row with the key of an earlier row, or of a record already in the registry, is refused
    on the key's column ("Dòng 9, cột I: thư điện tử trùng với dòng 4").

    ``check`` notes each row's key (``None`` or "" for none) as the rows are parsed;
    ``check_rows(keys=…)`` then asks ``existing(keys)`` — the keys among them already in the
    registry, whoever keeps the record: the message names no record — 500 keys a query."""

    BATCH = 500

    def __init__(
        self, index: int, label: Any, existing: Callable[[list[Any]], Iterable[Any]]
    ) -> None:
        self.index, self.label, self.existing = index, label, existing
        self.rows: dict[Any, int] = {}

    def check(self, r: RowReader, key: Any) -> None:
        if key in (None, ""):
            return
        if key in self.rows:
            r.error(
                self.index,
                _("%(key)s trùng với dòng %(r)s") % {"key": self.label, "r": self.rows[key]},
            )
            return
        self.rows[key] = r.number

    def clashes(self) -> list[xlsx.RowError]:
        keys = list(self.rows)
        taken: set[Any] = set()
        for start in range(0, len(keys), self.BATCH):
            taken.update(self.existing(keys[start : start + self.BATCH]))
        message = _("%(key)s đã có trong sổ đăng ký (một bản ghi khác)") % {"key": self.label}
        return [
            xlsx.RowError(row, letter(self.index), message)
            for key, row in self.rows.items()
            if key in taken
        ]


@dataclass(frozen=True)
class SimilarCheck:
    """Near-identical names on import: the registry form's ``SimilarName`` rule, its model, the
    importing user (who is told of the matches they may see) and ``may_name(user, record)``."""

    rule: duplicates.SimilarName
    model: type[models.Model]
    user: Any
    may_name: Callable[[Any, Any], bool] | None = None


class SimilarRows(xlsx.ImportRejected):
    """Rows that may already be in the registry: nothing written until the user confirms."""

    def summary(self, count: int) -> str:
        return _(
            "%(n)s dòng có thể đã có trong sổ (tên gần giống); chưa có dòng nào được nhập. "
            "Kiểm tra lại; nếu đúng là bản ghi khác, đánh dấu ô xác nhận và chọn lại tệp để nhập."
        ) % {"n": count}


_similar_confirmed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "similar_confirmed", default=False
)


@contextlib.contextmanager
def confirmed_similar(confirmed: bool) -> Iterator[None]:
    """Inside: the importing user has read the near-identical rows and imports anyway (the
    import form's confirm box; set by ``core.sheet_views.SheetImportView``)."""
    token = _similar_confirmed.set(bool(confirmed))
    try:
        yield
    finally:
        _similar_confirmed.reset(token)


def check_rows(
    sheet_spec: Sheet,
    data: bytes,
    parse_row: Callable[[RowReader], T | None],
    *,
    empty_message: Any = None,
    keys: Sequence[SameKey] = (),
    similar: SimilarCheck | None = None,
) -> list[tuple[int, T]]:
    """Every row parsed by ``parse_row``, or ``ImportRejected`` naming every bad cell
    (``keys``: exact keys no two rows, and no row and record, may share); then, with
    ``similar`` and unless confirmed, ``SimilarRows`` naming the near-identical rows."""
    errors: list[xlsx.RowError] = []
    parsed: list[tuple[int, T]] = []
    for number, cells in read_rows(sheet_spec, data):
        reader = RowReader(number, cells, errors)
        value = parse_row(reader)
        if reader.ok and value is not None:
            parsed.append((number, value))
    for key in keys:
        errors.extend(key.clashes())
    if not parsed and not errors:
        message = empty_message or _("tệp không có dòng dữ liệu nào")
        errors.append(xlsx.RowError(0, "A", str(message)))
    if errors:
        raise xlsx.ImportRejected(xlsx.by_position(errors))
    if similar is not None:
        check_similar(parsed, similar)
    return parsed


def check_similar(parsed: Sequence[tuple[int, Any]], similar: SimilarCheck) -> None:
    """``SimilarRows`` when rows (number, fields) have near-identical names, unless confirmed."""
    if _similar_confirmed.get():
        return
    found = duplicates.similar_rows(
        ((n, row) for n, row in parsed if isinstance(row, dict)),
        similar.rule,
        similar.model,
        similar.user,
        may_name=similar.may_name,
    )
    if found:
        raise SimilarRows([xlsx.RowError(w.row, "", w.message()) for w in found])


@contextlib.contextmanager
def sheet_row(number: int) -> Iterator[None]:
    """Inside an import action: a refusal while writing row ``number`` names that row (the
    caller's transaction rolls back every row written before it)."""
    try:
        yield
    except xlsx.ImportRejected:
        raise
    except ValidationError as exc:
        raise xlsx.ImportRejected([xlsx.RowError(number, "", " ".join(exc.messages))]) from exc
    except ActionError as exc:
        message = exc.message
        if type(exc).__name__ == "NotAllowed":
            message = _("bạn không có quyền ghi dòng này")
        raise xlsx.ImportRejected([xlsx.RowError(number, "", message)]) from exc


# ---------------------------------------------------------------------------------------------
# Cell parsers: each returns the value or raises ``CellError``
# ---------------------------------------------------------------------------------------------


def text(raw: Any, *, required: Any = None, max_length: int | None = None) -> str:
    """A text cell; ``required`` is the message when it is empty ("thiếu tên…")."""
    value = "" if raw is None else str(raw).strip()
    if not value and required:
        raise CellError(required)
    if max_length is not None and len(value) > max_length:
        raise CellError(_("dài quá %(n)s ký tự") % {"n": max_length})
    return value


def choice(raw: Any, enum: Any, *, default: Any = None, required: Any = None) -> str:
    """A choice by its Vietnamese label or its code, with or without diacritics; an empty
    cell gives ``default`` (or the ``required`` message)."""
    wanted = fold(str(raw or ""))
    if not wanted and default is not None:
        return str(default)
    if not wanted and required:
        raise CellError(required)
    for member in enum:
        if wanted in (fold(str(member.value)), fold(str(member.label))) and (
            wanted or not member.value
        ):
            return str(member.value)
    labels = "; ".join(str(m.label) for m in enum)
    raise CellError(_("“%(t)s” không có trong danh mục (%(l)s)") % {"t": raw or "", "l": labels})


def yes_no(raw: Any) -> bool:
    value = str(raw if raw is not None else "").strip().lower()
    if value in YES or raw is True:
        return True
    if value in NO or raw is False:
        return False
    raise CellError(_("ghi “có” hoặc “không”"))


def date(raw: Any, *, required: Any = None) -> Any:
    try:
        value = xlsx.parse_date(raw)
    except (ValueError, TypeError) as exc:
        raise CellError(_("ngày không hợp lệ (dd/mm/yyyy)")) from exc
    if value is None and required:
        raise CellError(required)
    if value is not None and not 1900 <= value.year <= 2200:
        raise CellError(_("năm phải trong khoảng 1900–2200"))
    return value


def integer(raw: Any, *, minimum: int, maximum: int, required: Any = None) -> int | None:
    """A whole number: a number cell, or text such as "1.200"."""
    if raw in (None, ""):
        if required:
            raise CellError(required)
        return None
    if isinstance(raw, bool):
        raise CellError(_("cần một số nguyên"))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        value = raw
    else:
        cleaned = str(raw).strip().replace(".", "").replace(" ", "")
        if not cleaned.lstrip("-").isdigit() or len(cleaned) > 15:
            raise CellError(_("cần một số nguyên"))
        value = int(cleaned)
    if not minimum <= value <= maximum:
        raise CellError(
            _("phải từ %(a)s đến %(b)s")
            % {
                "a": f"{minimum:,}".replace(",", "."),
                "b": f"{maximum:,}".replace(",", "."),
            }  # fmt: skip
        )
    return value


def number(raw: Any, *, maximum: decimal.Decimal, places: int = 2) -> decimal.Decimal | None:
    """A quantity: a number cell, or text written the Vietnamese way ("1.250,5")."""
    if raw in (None, ""):
        return None
    if isinstance(raw, bool):
        raise CellError(_("cần một số, ví dụ 1.250,5"))
    if isinstance(raw, int | float):
        text_value = repr(raw)
    else:
        text_value = str(raw).strip().replace(" ", "")
        if "," in text_value:
            text_value = text_value.replace(".", "").replace(",", ".")
    try:
        value = decimal.Decimal(text_value)
    except decimal.InvalidOperation as exc:
        raise CellError(_("cần một số, ví dụ 1.250,5")) from exc
    if not value.is_finite() or not 0 <= value <= maximum:
        raise CellError(_("phải từ 0 đến %(n)s") % {"n": f"{maximum:,}".replace(",", ".")})
    return value.quantize(decimal.Decimal(1).scaleb(-places))


def lookup(raw: Any, found: dict[str, T], *, missing: Any, required: Any = None) -> T | None:
    """A record named in the cell (by its folded name or code); empty gives ``None`` (or the
    ``required`` message). ``missing`` has a ``%(t)s`` for the text of the cell."""
    value = str(raw or "").strip()
    if not value:
        if required:
            raise CellError(required)
        return None
    record = found.get(fold(value))
    if record is None:
        raise CellError(str(missing) % {"t": value})
    return record


def by_folded(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    """``{fold(key(item)): item}`` for ``lookup``."""
    return {fold(key(item)): item for item in items if key(item)}


def many(raw: Any, found: dict[str, T], *, missing: Any) -> list[T]:
    """Several records named in one cell, separated by ";" (the export writes them so)."""
    names = [part.strip() for part in str(raw or "").split(";") if part.strip()]
    unknown = [name for name in names if fold(name) not in found]
    if unknown:
        raise CellError(str(missing) % {"t": "; ".join(unknown)})
    return list({id(found[fold(n)]): found[fold(n)] for n in names}.values())


def joined(names: Iterable[str]) -> str:
    """Names for a ``many`` cell."""
    return "; ".join(sorted(names))


def yes_no_text(value: bool) -> str:
    return "có" if value else "không"
