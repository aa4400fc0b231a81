"""Human labels for the change history (lịch sử thay đổi): action names, field names, values.

An audit row stores keys (``report.submit``, ``is_published: True``) because keys stay stable
when wording changes; what a reader sees is translated here, when the page is drawn:
- the action: the label the owning app declares in its ``audit_labels.py`` (``ACTIONS``);
  an action nobody labelled still reads as a sentence ("Cập nhật: nhiệm vụ"), never as a key;
- a field: the target model's ``verbose_name``, else a label the app declares (``FIELDS``,
  for recorded names that are not model fields, such as ``lead_units``); keys of the form
  ``<code>.<field>`` name a field of a part of the target (``II.1.progress`` on a unit report
  is the progress of its section for task II.1): the app says which model (``PARTS``);
- a value: the choice label (``submitted`` → "Đã nộp"), Có/Không, dates as dd/mm/yyyy and
  numbers in the active language's format.

Each app keeps its labels in ``<app>/audit_labels.py`` next to the actions that write them;
``AuditConfig.ready()`` loads them (``load_app_labels``), so ``audit`` never imports a higher app.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.module_loading import module_has_submodule
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_actions: dict[str, Any] = {}
_fields: dict[str, Any] = {}
_parts: dict[str, str] = {}

# The last segment of an unlabelled action → a verb, so that it still reads as words.
VERBS = {
    "create": gettext_lazy("Tạo"),
    "add": gettext_lazy("Thêm"),
    "update": gettext_lazy("Cập nhật"),
    "edit": gettext_lazy("Sửa"),
    "save": gettext_lazy("Lưu"),
    "delete": gettext_lazy("Xóa"),
    "remove": gettext_lazy("Gỡ bỏ"),
    "submit": gettext_lazy("Nộp"),
    "approve": gettext_lazy("Phê duyệt"),
    "accept": gettext_lazy("Tiếp nhận"),
    "return": gettext_lazy("Trả lại"),
    "close": gettext_lazy("Đóng"),
    "end": gettext_lazy("Kết thúc"),
    "import": gettext_lazy("Nhập"),
    "export": gettext_lazy("Xuất"),
}


def register(
    actions: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
    parts: dict[str, str] | None = None,
) -> None:
    """Declare labels: ``actions`` {key: label}, ``fields`` {recorded name: label} and
    ``parts`` {"app.Model": "app.PartModel"} for ``<code>.<field>`` keys."""
    _actions.update(actions or {})
    _fields.update(fields or {})
    _parts.update(parts or {})


def load_app_labels() -> None:
    """Read ``ACTIONS``, ``FIELDS`` and ``PARTS`` from every installed app's ``audit_labels``."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "audit_labels"):
            module = import_module(f"{config.name}.audit_labels")
            register(
                getattr(module, "ACTIONS", None),
                getattr(module, "FIELDS", None),
                getattr(module, "PARTS", None),
            )


def is_labelled(action: str) -> bool:
    return action in _actions


def action_label(action: str, model: type[models.Model] | None = None) -> str:
    if action in _actions:
        return str(_actions[action])
    verb = VERBS.get(action.rsplit(".", 1)[-1], gettext_lazy("Thay đổi"))
    if model is None:
        return str(verb)
    return f"{verb}: {model._meta.verbose_name}"


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    if field is not None:
        return capfirst(str(field.verbose_name))
    if name in _fields:
        return capfirst(str(_fields[name]))
    code, dot, rest = name.rpartition(".")
    if dot and model is not None and model._meta.label in _parts:
        part = apps.get_model(_parts[model._meta.label])
        return f"{code} — {field_label(part, rest)}"
    return name.replace("_", " ")


def value_text(model: type[models.Model] | None, name: str, value: Any) -> str:
    """One recorded value as a reader expects it (choice labels, Có/Không, dd/mm/yyyy)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, list | tuple):
        return ", ".join(value_text(model, name, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(None, k, v)}" for k, v in value.items())
    field = _field(model, name)
    if field is None:
        _code, dot, rest = name.rpartition(".")
        if dot and model is not None and model._meta.label in _parts:
            return value_text(apps.get_model(_parts[model._meta.label]), rest, value)
    if field is not None and field.choices:
        choices = {str(k): v for k, v in field.flatchoices}
        if str(value) in choices:
            return str(choices[str(value)])
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value[:10])
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    if isinstance(field, models.DecimalField | models.FloatField) and isinstance(value, str):
        try:
            return formats.number_format(decimal.Decimal(value), use_l10n=True)
        except decimal.InvalidOperation:
            return value
    if isinstance(value, int | float | decimal.Decimal):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def describe_changes(model: type[models.Model] | None, changes: dict[str, Any]) -> list[Change]:
    rows = []
    for name, pair in changes.items():
        before, after = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        rows.append(
            Change(
                field_label(model, name),
                value_text(model, name, before),
                value_text(model, name, after),
            )
        )
    return rows
