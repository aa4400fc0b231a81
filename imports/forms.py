"""The upload form and the review form (a whole draft posted back as indexed fields)."""

from __future__ import annotations

import copy
import datetime
import re
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.matching import parse_deadline
from orgunits.models import UnitKind
from plans.models import Frequency


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản (.docx, .pdf, .txt, .doc)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.doc"}),
    )
    text = forms.CharField(
        label=gettext_lazy("Hoặc dán toàn văn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Hãy chọn một tệp hoặc dán nội dung văn bản."))
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Chỉ chọn tệp hoặc dán văn bản, không cả hai."))
        return data


def to_display_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return formats.date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT")
    except ValueError:
        return iso


def _date_from(value: str, label: str, errors: list[str]) -> str | None:
    value = value.strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    try:
        if not match:
            raise ValueError(value)
        day, month, year = (int(g) for g in match.groups())
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        errors.append(
            _("%(field)s: ngày không hợp lệ (%(value)s), cần dạng dd/mm/yyyy.")
            % {"field": label, "value": value}
        )
        return None


def flatten_sections(nodes: list[dict], depth: int = 0) -> list[dict]:
    out: list[dict] = []
    for node in nodes:
        out.append(
            {"label": node.get("label", ""), "heading": node.get("heading", ""), "depth": depth}
        )
        out += flatten_sections(node.get("children") or [], depth + 1)
    return out


def build_tree(rows: list[dict]) -> list[dict]:
    """Rows with depths (as edited) back to the nested section tree."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(-1, root)]
    for row in rows:
        node = {"label": row["label"], "heading": row["heading"], "children": []}
        depth = max(0, row["depth"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((depth, node["children"]))
    return root


def draft_from_post(
    post: QueryDict, draft: dict[str, Any], *, unit_ids: set[str], can_create_units: bool
) -> tuple[dict[str, Any], list[str]]:
    """Apply the posted review form to a copy of ``draft``; return (new draft, errors)."""
    new = copy.deepcopy(draft)
    errors: list[str] = []
    get = lambda name: (post.get(name) or "").strip()  # noqa: E731

    for key in ("kind", "number_symbol", "issuer", "place", "title", "plan_title"):
        new[key] = get(key) or None
    new["date"] = _date_from(get("date"), _("Ngày ban hành"), errors)
    new["recipients"] = [
        line.strip() for line in (post.get("recipients") or "").splitlines() if line.strip()
    ]
    new["signer"] = {"title": get("signer_title") or None, "name": get("signer_name") or None}
    for key in ("owner_id", "issuer_id"):
        value = get(key)
        if value and value not in unit_ids:
            errors.append(_("Đơn vị được chọn không có trong danh mục."))
            value = ""
        new[key] = value or None

    for i, ref in enumerate(new.get("references") or []):
        p = f"ref-{i}-"
        ref["include"] = bool(post.get(p + "include"))
        for key in ("kind", "number_symbol", "issuer", "text"):
            ref[key] = get(p + key) or None
        ref["date"] = _date_from(
            get(p + "date"), _("Văn bản dẫn chiếu %(n)s") % {"n": i + 1}, errors
        )
        relation = get(p + "relation")
        ref["relation"] = relation if relation in ("implements", "cites") else "cites"
        target = get(p + "target_id")
        ref["target_id"] = (
            target
            if target and target == draft["references"][i].get("target_id")
            else (target or None)
        )

    rows = []
    for i in range(int(post.get("section-count") or 0)):
        p = f"sec-{i}-"
        if post.get(p + "delete"):
            continue
        try:
            depth = int(post.get(p + "depth") or 0)
        except ValueError:
            depth = 0
        rows.append({"label": get(p + "label"), "heading": get(p + "heading"), "depth": depth})
    if "section-count" in post:
        new["sections"] = build_tree(rows)

    new_units = new.setdefault("new_units", [])
    known = unit_ids | {f"new:{n}" for n in range(len(new_units))}
    for i, task in enumerate(new.get("tasks") or []):
        p = f"task-{i}-"
        task["include"] = bool(post.get(p + "include"))
        task["path"] = get(p + "path") or task.get("path")
        task["text"] = get(p + "text")
        if task["include"] and not task["text"]:
            errors.append(
                _("Nhiệm vụ %(path)s: nội dung không được để trống.") % {"path": task["path"]}
            )
        task["lead_ids"] = [u for u in post.getlist(p + "lead_ids") if u in known]
        task["cooperating_ids"] = [
            u
            for u in post.getlist(p + "cooperating_ids")
            if u in known and u not in task["lead_ids"]
        ]
        task["deadline"] = get(p + "deadline") or None
        try:
            parse_deadline(task["deadline"])
        except ValueError:
            errors.append(
                _("Nhiệm vụ %(path)s: hạn hoàn thành không hợp lệ (%(value)s).")
                % {"path": task["path"], "value": task["deadline"]}
            )
        frequency = get(p + "frequency")
        task["frequency"] = frequency if frequency in Frequency.values else Frequency.YEARLY

    for i, mention in enumerate(new.get("mentions") or []):
        p = f"mention-{i}-"
        target = get(p + "map_to")
        create_name = get(p + "create_name")
        ids: list[str] = []
        if target:
            if target not in unit_ids:
                errors.append(_("Đơn vị được chọn không có trong danh mục."))
                continue
            ids = [target]
            mention.update(unit_ids=ids, confidence=1.0, reason=_("người dùng chọn"))
        elif create_name:
            if not can_create_units:
                errors.append(
                    _("Bạn không có quyền thêm đơn vị vào danh mục; hãy chọn một đơn vị có sẵn.")
                )
                continue
            parent = get(p + "create_parent")
            if parent and parent not in unit_ids:
                errors.append(_("Đơn vị cấp trên được chọn không có trong danh mục."))
                continue
            kind = get(p + "create_kind")
            new_units.append(
                {
                    "name": create_name,
                    "parent_id": parent or None,
                    "kind": kind if kind in UnitKind.values else UnitKind.OTHER,
                    "mention": mention["mention"],
                }
            )
            ids = [f"new:{len(new_units) - 1}"]
            mention.update(unit_ids=ids, confidence=1.0, reason=_("đơn vị mới"))
        if not ids:
            continue
        for task in new.get("tasks") or []:
            for role in ("lead", "cooperating"):
                if mention["mention"] in (task.get(role) or []):
                    key = f"{role}_ids"
                    task[key] = [
                        *task.get(key, []),
                        *[u for u in ids if u not in task.get(key, [])],
                    ]
    return new, errors
