"""The upload form and the review form (a whole draft posted back as indexed fields)."""

from __future__ import annotations

import copy
import datetime
import re
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import VersionField, VersionForm
from imports.draft import Draft, DraftSection, Mention, NewUnit, Signer
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


def flatten_sections(draft: Draft) -> list[dict[str, Any]]:
    """The section tree as the review table's rows (label, heading, depth)."""
    return [
        {"label": section.label, "heading": section.heading, "depth": depth}
        for section, depth in draft.iter_sections()
    ]


def build_tree(rows: list[dict[str, Any]]) -> list[DraftSection]:
    """Rows with depths (as edited) back to the nested section tree."""
    root: list[DraftSection] = []
    stack: list[tuple[int, list[DraftSection]]] = [(-1, root)]
    for row in rows:
        node = DraftSection(label=row["label"], heading=row["heading"])
        depth = max(0, row["depth"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((depth, node.children))
    return root


def draft_from_post(
    post: QueryDict, draft: Draft, *, unit_ids: set[str], can_create_units: bool
) -> tuple[Draft, list[str]]:
    """Apply the posted review form to a copy of ``draft``; return (new draft, errors)."""
    new = copy.deepcopy(draft)
    errors: list[str] = []
    get = lambda name: (post.get(name) or "").strip()  # noqa: E731

    new.kind = get("kind") or None
    new.number_symbol = get("number_symbol") or None
    new.issuer = get("issuer") or None
    new.place = get("place") or None
    new.title = get("title") or None
    new.plan_title = get("plan_title") or None
    new.date = _date_from(get("date"), _("Ngày ban hành"), errors)
    new.recipients = [
        line.strip() for line in (post.get("recipients") or "").splitlines() if line.strip()
    ]
    new.signer = Signer(title=get("signer_title") or None, name=get("signer_name") or None)
    new.owner_id = _known_unit(get("owner_id"), unit_ids, errors)
    new.issuer_id = _known_unit(get("issuer_id"), unit_ids, errors)
    if new.issuer_id:
        new.issuer_status = "matched"  # the reviewer's pick is the issuer, external or not
    elif draft.issuer_status == "matched":
        new.issuer_status = "unmatched"

    for i, ref in enumerate(new.references):
        p = f"ref-{i}-"
        ref.include = bool(post.get(p + "include"))
        ref.kind = get(p + "kind") or None
        ref.number_symbol = get(p + "number_symbol") or None
        ref.issuer = get(p + "issuer") or None
        ref.text = get(p + "text") or None
        ref.date = _date_from(get(p + "date"), _("Văn bản dẫn chiếu %(n)s") % {"n": i + 1}, errors)
        relation = get(p + "relation")
        ref.relation = relation if relation in ("implements", "cites") else "cites"
        ref.target_id = get(p + "target_id") or None

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
        new.sections = build_tree(rows)

    known = unit_ids | {Draft.new_unit_token(n) for n in range(len(new.new_units))}
    for i, task in enumerate(new.tasks):
        p = f"task-{i}-"
        task.include = bool(post.get(p + "include"))
        task.path = get(p + "path") or task.path
        task.text = get(p + "text")
        if task.include and not task.text:
            errors.append(
                _("Nhiệm vụ %(path)s: nội dung không được để trống.") % {"path": task.path}
            )
        task.lead_ids = [u for u in post.getlist(p + "lead_ids") if u in known]
        task.cooperating_ids = [
            u for u in post.getlist(p + "cooperating_ids") if u in known and u not in task.lead_ids
        ]
        task.deadline = get(p + "deadline") or None
        try:
            parse_deadline(task.deadline)
        except ValueError:
            errors.append(
                _("Nhiệm vụ %(path)s: hạn hoàn thành không hợp lệ (%(value)s).")
                % {"path": task.path, "value": task.deadline}
            )
        frequency = get(p + "frequency")
        task.frequency = frequency if frequency in Frequency.values else Frequency.YEARLY

    for i, mention in enumerate(new.mentions):
        if post.get(f"mention-{i}-trim"):
            _trim(new, mention, post.getlist(f"mention-{i}-units"))
    for i, mention in enumerate(new.mentions):
        p = f"mention-{i}-"
        target = get(p + "map_to")
        create_name = get(p + "create_name")
        ids: list[str] = []
        if target:
            if target not in unit_ids:
                errors.append(_("Đơn vị được chọn không có trong danh mục."))
                continue
            ids = [target]
            mention.unit_ids, mention.confidence, mention.chosen = ids, 1.0, True
            mention.reason = _("người dùng chọn")
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
            new.new_units.append(
                NewUnit(
                    name=create_name,
                    parent_id=parent or None,
                    kind=kind if kind in UnitKind.values else UnitKind.OTHER,
                    mention=mention.mention,
                )
            )
            ids = [Draft.new_unit_token(len(new.new_units) - 1)]
            mention.unit_ids, mention.confidence, mention.chosen = ids, 1.0, True
            mention.reason = _("đơn vị mới")
        if not ids:
            continue
        for task in new.tasks:
            if mention.mention in task.lead:
                task.lead_ids = [*task.lead_ids, *[u for u in ids if u not in task.lead_ids]]
            if mention.mention in task.cooperating:
                task.cooperating_ids = [
                    *task.cooperating_ids,
                    *[u for u in ids if u not in task.cooperating_ids],
                ]
    return new, errors


def _trim(draft: Draft, mention: Mention, checked: list[str]) -> None:
    """The reviewer's checkboxes for a mention's offered units (a group's expansion, a guess):
    the checked ones become its units, and the tasks naming it gain or lose them (a unit that
    another mention of the same task still brings stays)."""
    chosen = [u for u in mention.candidates if u in checked]
    removed = set(mention.unit_ids) - set(chosen)
    added = [u for u in chosen if u not in mention.unit_ids]
    mention.unit_ids = chosen
    if not removed and not added:
        return
    by_name = {m.mention: m for m in draft.mentions}

    def kept(names: list[str]) -> set[str]:
        return {
            u for n in names if n != mention.mention and n in by_name for u in by_name[n].unit_ids
        }

    for task in draft.tasks:
        if mention.mention in task.lead:
            keep = kept(task.lead)
            task.lead_ids = [u for u in task.lead_ids if u not in removed or u in keep]
            task.lead_ids += [u for u in added if u not in task.lead_ids]
        if mention.mention in task.cooperating:
            keep = kept(task.cooperating)
            task.cooperating_ids = [
                u for u in task.cooperating_ids if (u not in removed or u in keep)
            ]
            task.cooperating_ids += [
                u for u in added if u not in task.cooperating_ids and u not in task.lead_ids
            ]


def _known_unit(value: str, unit_ids: set[str], errors: list[str]) -> str | None:
    if value and value not in unit_ids:
        errors.append(_("Đơn vị được chọn không có trong danh mục."))
        return None
    return value or None


class ReviewForm(forms.Form):
    """The review page posted back: the whole draft (``draft_from_post``) and its version.

    ``draft`` is the edited copy (the stored draft until bound); its problems are the form's
    non-field errors, listed at the top of the page.
    """

    version = VersionField()

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        draft: Draft,
        unit_ids: set[str] | None = None,
        can_create_units: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, files, **kwargs)
        self.draft = draft
        self.unit_ids = unit_ids or set()
        self.can_create_units = can_create_units

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.draft, errors = draft_from_post(
            cast(QueryDict, self.data),  # bound from request.POST
            self.draft,
            unit_ids=self.unit_ids,
            can_create_units=self.can_create_units,
        )
        for error in errors:
            self.add_error(None, error)
        return cleaned

    def messages(self) -> list[str]:
        """Every problem, the missing version first, as the page lists them."""
        return [str(e) for e in (*self.errors.get("version", []), *self.non_field_errors())]


class ConfirmForm(VersionForm):
    """The confirm button; ``allow_outside`` is the second, explicit yes for assigning tasks to
    units outside the owner's area (asked only when there are such units)."""

    allow_outside = forms.BooleanField(
        label=gettext_lazy("Tôi xác nhận giao nhiệm vụ cho các đơn vị ngoài phạm vi nêu trên"),
        required=False,
    )
