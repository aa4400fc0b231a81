"""Deterministic drafting of a compiled report from accepted unit reports (no AI).

``draft(plan, period)`` reads the plan's sections and tasks, the round's unit reports and the
indicator values, and returns the header fields, a list of paragraphs (each with the ids of the
unit reports and task reports it came from) and the annex tables. ``reviews.actions`` stores it.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from core.text import fold
from orgunits.models import OrgUnit, UnitKind
from plans.models import AssignmentRole, Plan, Section, Task, TaskAssignment, TaskStatus
from reporting.models import PeriodKind, ReportingRound, ReportStatus, TaskReport, UnitReport
from reviews.models import Layout, ParagraphKind

PARTY_KINDS = {UnitKind.PARTY_COMMITTEE, UnitKind.PARTY_AGENCY, UnitKind.PARTY_GRASSROOTS}
DONE_STATUSES = {TaskStatus.COMPLETED, TaskStatus.CLOSED}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
QUOTE_LIMIT = 260
# Words too common to tell two difficulties apart.
STOPWORDS = frozenset(
    "va cua cac cho con chua da dang duoc la co mot nhung trong khi de voi tu nay do tai the "
    "nhieu it van bi se theo ve thi ma nen o ra vao lai".split()
)
CAUSE_PREFIXES = ("do ", "vi ", "nguyen nhan", "bởi", "boi ")


@dataclass
class Period:
    """What a compiled report covers: a reporting round, or a bare period (start, end)."""

    label: str
    start: datetime.date
    end: datetime.date
    kind: str = PeriodKind.YEAR
    round: ReportingRound | None = None
    due_date: datetime.date | None = None

    @classmethod
    def of_round(cls, rnd: ReportingRound) -> Period:
        return cls(
            label=rnd.label,
            start=rnd.period_start,
            end=rnd.period_end,
            kind=rnd.kind,
            round=rnd,
            due_date=rnd.due_date,
        )


@dataclass
class Para:
    part: str
    text: str
    kind: str = ParagraphKind.TEXT
    reports: set[Any] = field(default_factory=set)
    task_reports: set[Any] = field(default_factory=set)


@dataclass
class Draft:
    header: dict[str, Any]
    paragraphs: list[Para]
    annexes: dict[str, Any]


# ---------------------------------------------------------------- small text helpers


def fmt_date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def fmt_number(value: Any) -> str:
    """Vietnamese number format: 1.234,5 (dot for thousands, comma for decimals)."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def sentences(text: str) -> list[str]:
    """Split a free-text field into items: lines, then sentences; bullets stripped."""
    items = []
    for line in (text or "").splitlines():
        for piece in re.split(r"(?<=[.;!?])\s+", line):
            piece = piece.strip().lstrip("-+•*–· ").strip().rstrip(";.").strip()
            if len(piece) > 1:
                items.append(piece)
    return items


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The key result: the first sentence(s) of a text, cut at a word boundary."""
    items = sentences(text)
    if not items:
        return ""
    result = items[0]
    for extra in items[1:]:
        if len(result) + len(extra) + 2 > limit:
            break
        result += "; " + extra
    if len(result) > limit:
        result = result[:limit].rsplit(" ", 1)[0] + "…"
    return result


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    common = len(a & b)
    return common / len(a | b) >= 0.5 or common / min(len(a), len(b)) >= 0.8


def group_similar(
    items: list[tuple[str, Any]], similar: bool = True
) -> list[tuple[str, list[Any]]]:
    """Greedy grouping of (text, source) by folded word overlap; first text represents.

    With ``similar=False`` only texts equal after folding are merged (deduplication)."""
    groups: list[tuple[frozenset[str], str, list[Any]]] = []
    exact: dict[str, int] = {}
    for text, source in items:
        key = fold(text)
        if key in exact:
            groups[exact[key]][2].append(source)
            continue
        tokens = frozenset(w for w in re.findall(r"\w+", key) if w not in STOPWORDS)
        for index, (rep, _text, sources) in enumerate(groups):
            if similar and _similar(tokens, rep):
                sources.append(source)
                exact[key] = index
                break
        else:
            exact[key] = len(groups)
            groups.append((tokens, text, [source]))
    return [(text, sources) for _tokens_, text, sources in groups]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[1:2].isupper() else text


def _names(units: list[str], limit: int = 8) -> str:
    unique = list(dict.fromkeys(units))
    if len(unique) <= limit:
        return ", ".join(unique)
    return ", ".join(unique[:limit]) + f" và {len(unique) - limit} đơn vị khác"


# ---------------------------------------------------------------- header (thể thức)


def _issuer(plan: Plan) -> OrgUnit:
    document = plan.document
    if document is not None and document.issuer is not None:
        return document.issuer
    return plan.owner


def layout_for(unit: OrgUnit) -> str:
    return Layout.PARTY if unit.kind in PARTY_KINDS else Layout.STATE


def _party_org_name(committee_name: str) -> str:
    """ "Tỉnh ủy Lâm Đồng" → "Đảng bộ tỉnh Lâm Đồng" (the Party organisation it leads)."""
    for prefix, level in (
        ("Tỉnh ủy ", "tỉnh "),
        ("Thành ủy ", "thành phố "),
        ("Huyện ủy ", "huyện "),
    ):
        if committee_name.startswith(prefix):
            return "Đảng bộ " + level + committee_name[len(prefix) :]
    if committee_name.startswith("Đảng ủy "):
        return "Đảng bộ " + committee_name[len("Đảng ủy ") :]
    return committee_name


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"\w+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words).upper() or "CQ"


def header_for(plan: Plan, period: Period) -> dict[str, Any]:
    issuer = _issuer(plan)
    layout = layout_for(issuer)
    chain = issuer.ancestors()
    document = plan.document
    place = (document.place if document else "") or _place_from(issuer.name)
    if layout == Layout.PARTY:
        name = issuer.name
        committee = issuer
        if name.startswith("Ban Thường vụ ") and chain:
            # The standing committee issues in the name of its Party committee.
            committee = chain[-1]
            name = committee.name
        upper = [u for u in committee.ancestors() if u.kind == UnitKind.PARTY_COMMITTEE]
        superior = _party_org_name(upper[-1].name) if upper else ""
        suffix = "TU" if re.match(r"(Tỉnh|Thành) ủy", name) else _initials(name)
        number = f"Số      -BC/{suffix}"
        signer_title = "T/M BAN THƯỜNG VỤ" if committee.kind == UnitKind.PARTY_COMMITTEE else ""
        signer_role = "PHÓ BÍ THƯ" if signer_title else "TRƯỞNG BAN"
    else:
        name = issuer.name
        superior = chain[-1].name if chain and issuer.kind != UnitKind.GOVERNMENT else ""
        if issuer.kind == UnitKind.GOVERNMENT:
            suffix = "UBND"
            signer_title, signer_role = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
        else:
            suffix = _initials(issuer.short_name or issuer.name)
            signer_title = ""
            signer_role = "GIÁM ĐỐC" if name.startswith("Sở") else "THỦ TRƯỞNG CƠ QUAN"
        number = f"Số:      /BC-{suffix}"
    recipients = list(document.recipients) if document and document.recipients else []
    if not recipients:
        recipients = ["Như trên", "Lưu: VT"]
    return {
        "layout": layout,
        "issuer_name": name,
        "superior_name": superior,
        "number_symbol": number,
        "place": place,
        "signer_title": signer_title,
        "signer_role": signer_role,
        "recipients": recipients,
        "title": title_for(plan, period),
    }


def _place_from(name: str) -> str:
    for marker in ("thành phố ", "Thành ủy ", "tỉnh ", "Tỉnh ủy "):
        if marker in name:
            return name.split(marker, 1)[1].strip()
    return ""


def title_for(plan: Plan, period: Period) -> str:
    document = plan.document
    ref = _lower_first(str(plan.title))
    if document is not None and document.number_symbol:
        ref = f"{document.get_kind_display().lower()} số {document.number_symbol}"
    if period.kind == PeriodKind.INTERIM_REVIEW:
        return f"Sơ kết giai đoạn {period.start.year} - {period.end.year} thực hiện {ref}"
    if period.kind == PeriodKind.FINAL_REVIEW:
        return f"Tổng kết thực hiện {ref}"
    return f"Kết quả thực hiện {ref} ({_lower_first(period.label)})"


# ---------------------------------------------------------------- data loading


def _tasks(plan: Plan) -> list[Task]:
    assignments = Prefetch(
        "assignments",
        queryset=TaskAssignment.objects.filter(is_active=True).select_related("unit"),
    )
    return list(
        plan.tasks.select_related("section", "section__parent")
        .prefetch_related(assignments)
        .order_by("order", "code")
    )


def _reports(period: Period, plan: Plan) -> list[UnitReport]:
    if period.round is not None:
        query = Q(round=period.round)
    else:
        query = Q(
            round__plan=plan,
            round__period_start__gte=period.start,
            round__period_end__lte=period.end,
        )
    return list(
        UnitReport.objects.filter(query)
        .select_related("unit", "round")
        .order_by("unit__name", "round__period_end")
    )


def _section_label(section: Section | None) -> str:
    if section is None:
        return ""
    if section.parent_id and section.parent is not None:
        return f"{section.parent.label}.{section.label}"
    return section.label


# ---------------------------------------------------------------- the draft


def draft(plan: Plan, period: Period) -> Draft:
    header = header_for(plan, period)
    tasks = _tasks(plan)
    reports = _reports(period, plan)
    accepted = [r for r in reports if r.status == ReportStatus.ACCEPTED]
    accepted_ids = [r.pk for r in accepted]
    task_reports = list(
        TaskReport.objects.filter(unit_report_id__in=accepted_ids)
        .select_related("unit_report__unit")
        .order_by("task_id", "unit_report__unit__name")
    )
    by_task: dict[Any, list[TaskReport]] = defaultdict(list)
    for tr in task_reports:
        by_task[tr.task_id].append(tr)

    paras: list[Para] = []
    completeness = _completeness(tasks, reports, period)
    task_rows = _task_rows(tasks, by_task)
    indicator_rows, indicator_sources = _indicators(plan, period, accepted, tasks)

    kind_word: str = {
        str(PeriodKind.INTERIM_REVIEW): "sơ kết",
        str(PeriodKind.FINAL_REVIEW): "tổng kết",
    }.get(str(period.kind), "báo cáo")
    paras.append(
        Para(
            "intro",
            f"Thực hiện {_lower_first(str(plan.title))}, {header['issuer_name']} {kind_word} "
            f"kết quả thực hiện {_lower_first(period.label)} (từ ngày {fmt_date(period.start)} "
            f"đến ngày {fmt_date(period.end)}) như sau:",
        )
    )
    part = iter(ROMAN)
    paras.append(Para("results", f"{next(part)}. KẾT QUẢ THỰC HIỆN", ParagraphKind.HEADING))
    paras.append(
        Para(
            "results", "1. Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện", ParagraphKind.SUBHEADING
        )
    )
    paras.append(_completeness_paragraph(completeness, accepted, period))
    paras.append(_status_paragraph(task_rows, task_reports))
    paras.append(Para("results", "2. Kết quả thực hiện các nhiệm vụ", ParagraphKind.SUBHEADING))
    paras.extend(_result_paragraphs(tasks, by_task))
    if indicator_rows:
        paras.append(Para("results", "3. Kết quả thực hiện các chỉ tiêu", ParagraphKind.SUBHEADING))
        paras.extend(_indicator_paragraphs(indicator_rows, indicator_sources))
    paras.append(
        Para(
            "difficulties",
            f"{next(part)}. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
            ParagraphKind.HEADING,
        )
    )
    paras.extend(_difficulty_paragraphs(task_reports, completeness))
    paras.append(
        Para(
            "directions",
            f"{next(part)}. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            ParagraphKind.HEADING,
        )
    )
    paras.extend(_direction_paragraphs(plan, tasks, task_rows, by_task, period))
    paras.append(Para("proposals", f"{next(part)}. ĐỀ XUẤT, KIẾN NGHỊ", ParagraphKind.HEADING))
    paras.extend(_proposal_paragraphs(task_reports))
    annexes = {
        "completeness": completeness,
        "tasks": task_rows,
        "indicators": indicator_rows,
        "compiled_on": fmt_date(timezone.localdate()),
        "accepted_reports": len(accepted),
    }
    return Draft(header=header, paragraphs=paras, annexes=annexes)


def _completeness(
    tasks: list[Task], reports: list[UnitReport], period: Period
) -> list[dict[str, Any]]:
    expected: dict[Any, OrgUnit] = {}
    for task in tasks:
        for assignment in task.assignments.all():
            unit = assignment.unit
            if (unit.valid_from is None or unit.valid_from <= period.end) and (
                unit.valid_to is None or unit.valid_to >= period.start
            ):
                expected[unit.pk] = unit
    latest: dict[Any, UnitReport] = {}
    for unit_report in reports:
        expected.setdefault(unit_report.unit_id, unit_report.unit)
        latest[unit_report.unit_id] = unit_report  # ordered by period end: the last round wins
    rows = []
    for unit in sorted(expected.values(), key=lambda u: fold(u.name)):
        report = latest.get(unit.pk)
        submitted = report.submitted_at if report else None
        due = report.round.due_date if report else period.due_date
        on_time = bool(submitted and due and timezone.localdate(submitted) <= due)
        rows.append(
            {
                "unit": unit.name,
                "report_id": str(report.pk) if report else "",
                "status": report.get_status_display() if report else "Chưa có báo cáo",
                "status_code": report.status if report else "",
                "submitted_on": fmt_date(timezone.localdate(submitted)) if submitted else "",
                "due_date": fmt_date(due),
                "on_time": on_time,
                "accepted": bool(report and report.status == ReportStatus.ACCEPTED),
            }
        )
    return rows


def _completeness_paragraph(
    rows: list[dict[str, Any]], accepted: list[UnitReport], period: Period
) -> Para:
    total = len(rows)
    submitted = sum(1 for r in rows if r["submitted_on"])
    on_time = sum(1 for r in rows if r["on_time"])
    missing = [r["unit"] for r in rows if not r["submitted_on"]]
    text = (
        f"Trong kỳ {_lower_first(period.label)}, {on_time}/{total} đơn vị đã nộp báo cáo đúng "
        f"hạn; {submitted - on_time} đơn vị nộp muộn; {len(missing)} đơn vị chưa nộp báo cáo. "
        f"Cơ quan theo dõi đã tiếp nhận và tổng hợp {len(accepted)} báo cáo."
    )
    if missing:
        text += f" Các đơn vị chưa nộp: {_names(missing)}."
    return Para("results", text, reports={r.pk for r in accepted})


def _task_rows(tasks: list[Task], by_task: dict[Any, list[TaskReport]]) -> list[dict[str, Any]]:
    labels = dict(TaskStatus.choices)
    rows = []
    for task in tasks:
        reported = by_task.get(task.pk, [])
        leads = [a.unit.name for a in task.assignments.all() if a.role == AssignmentRole.LEAD]
        status, progress, source = task.status, task.progress, "plan"
        lead_reports = [tr for tr in reported if tr.role == AssignmentRole.LEAD] or reported
        with_status = [tr for tr in lead_reports if tr.status]
        if with_status:
            best = max(with_status, key=lambda tr: tr.progress or 0)
            status, source = best.status, "report"
            progress = best.progress if best.progress is not None else progress
        rows.append(
            {
                "code": task.code,
                "title": task.title,
                "section": _section_label(task.section),
                "leads": ", ".join(leads),
                "status": str(labels.get(status, status)),
                "status_code": status,
                "progress": progress,
                "reports": len(reported),
                "source": source,
            }
        )
    return rows


def _status_paragraph(rows: list[dict[str, Any]], task_reports: list[TaskReport]) -> Para:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["status_code"]] += 1
    parts = [
        f"{counts[code]} nhiệm vụ {str(label).lower()}"
        for code, label in TaskStatus.choices
        if counts.get(code)
    ]
    reported = sum(1 for r in rows if r["reports"])
    text = (
        f"Kế hoạch có {len(rows)} nhiệm vụ, trong đó {reported} nhiệm vụ có báo cáo kết quả "
        f"được tiếp nhận trong kỳ. Tình hình thực hiện: {'; '.join(parts) or 'chưa có số liệu'}."
    )
    return Para("results", text, reports={tr.unit_report_id for tr in task_reports})


def _result_paragraphs(tasks: list[Task], by_task: dict[Any, list[TaskReport]]) -> list[Para]:
    paras: list[Para] = []
    current: Any = object()
    for task in tasks:
        if task.section_id != current:
            current = task.section_id
            if task.section is not None:
                paras.append(
                    Para(
                        "results",
                        f"{_section_label(task.section)}. {task.section.heading}",
                        ParagraphKind.SUBHEADING,
                    )
                )
        reported = [tr for tr in by_task.get(task.pk, []) if tr.results.strip()]
        head = f"Nhiệm vụ {task.code} ({_lower_first(task.title)})" if task.code else task.title
        if not reported:
            paras.append(Para("results", f"{head}: chưa có báo cáo kết quả được tiếp nhận."))
            continue
        reported.sort(
            key=lambda tr: (tr.role != AssignmentRole.LEAD, fold(tr.unit_report.unit.name))
        )
        quotes = [f"{tr.unit_report.unit.name}: {quote(tr.results)}" for tr in reported]
        progress = [tr.progress for tr in reported if tr.progress is not None]
        tail = f" Tiến độ chung đạt khoảng {max(progress)}%." if progress else ""
        paras.append(
            Para(
                "results",
                f"{head}: " + "; ".join(quotes) + "." + tail,
                reports={tr.unit_report_id for tr in reported},
                task_reports={tr.pk for tr in reported},
            )
        )
    return paras


def _target_year(day: datetime.date) -> int:
    """The milestone year (2020, 2025, 2030…) a period ending on ``day`` is measured against."""
    return ((day.year + 4) // 5) * 5


def _indicators(
    plan: Plan, period: Period, accepted: list[UnitReport], tasks: list[Task]
) -> tuple[list[dict[str, Any]], dict[str, set[Any]]]:
    """Indicators vs targets.

    The plan is measured where its targets are set: among the plan's owner (and ancestors) and
    the units assigned to its tasks, each indicator takes the broadest unit (shallowest in the
    tree) holding a target for the milestone year, and its figure is that unit's roll-up over
    the period (``indicators.rollup.table``: subtree, predecessors, aggregation rule). Values
    entered in accepted reports of the round without such a target are added up as reported.
    """
    try:
        from indicators.models import IndicatorTarget, IndicatorValue
    except ImportError:  # pragma: no cover - the indicators app is optional
        return [], {}
    try:
        from indicators import rollup as rollup_module
    except ImportError:  # pragma: no cover - written by another app
        rollup_module = None  # type: ignore[assignment]
    owner = plan.owner
    candidates = {u.pk: u for u in [*owner.ancestors(), owner]}
    for task in tasks:
        for assignment in task.assignments.all():
            candidates.setdefault(assignment.unit_id, assignment.unit)
    year = _target_year(period.end)
    targets = sorted(
        IndicatorTarget.objects.filter(unit_id__in=list(candidates), year=year).select_related(
            "indicator"
        ),
        key=lambda t: (candidates[t.unit_id].depth, fold(candidates[t.unit_id].name)),
    )
    chosen: dict[Any, Any] = {}
    for target in targets:
        chosen.setdefault(target.indicator_id, target)
    figures: dict[Any, Any] = {}
    by_unit: dict[Any, list[Any]] = defaultdict(list)
    for target in chosen.values():
        by_unit[target.unit_id].append(target.indicator)
    table_fn = getattr(rollup_module, "table", None)
    rollup_fn = getattr(rollup_module, "rollup", None)
    for unit_id, indicator_list in by_unit.items():
        unit = candidates[unit_id]
        if table_fn is not None:
            for row in table_fn(indicator_list, [unit], (period.start, period.end)):
                figures[row.indicator.pk] = _plain_value(row.cells[0].value)
        elif rollup_fn is not None:
            for indicator in indicator_list:
                figures[indicator.pk] = _plain_value(
                    rollup_fn(indicator, unit, period.start, period.end)
                )
    sources: dict[str, set[Any]] = defaultdict(set)
    sums: dict[Any, Decimal] = defaultdict(Decimal)
    extra: dict[Any, Any] = {}
    for value in IndicatorValue.objects.filter(
        report_id__in=[r.pk for r in accepted],
        period_start__gte=period.start,
        period_end__lte=period.end,
    ).select_related("indicator"):
        sources[value.indicator.code].add(value.report_id)
        if value.indicator_id not in chosen:
            extra.setdefault(value.indicator_id, value.indicator)
            sums[value.indicator_id] += value.value
    rows = []
    entries = [(t.indicator, t, figures.get(t.indicator_id)) for t in chosen.values()]
    entries += [(ind, None, sums[pk]) for pk, ind in extra.items()]
    for indicator, target, actual in sorted(entries, key=lambda e: (e[0].order, e[0].code)):
        percent = None
        if target is not None and actual is not None and target.value:
            percent = round(float(Decimal(str(actual)) / target.value * 100), 1)
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "measure_unit": indicator.measure_unit,
                "unit": candidates[target.unit_id].name if target else "",
                "target_year": target.year if target else None,
                "target": str(target.value) if target else None,
                "value": str(actual) if actual is not None else None,
                "percent": percent,
            }
        )
    return rows, sources


def _plain_value(result: Any) -> Any:
    for attr in ("value", "total"):
        if hasattr(result, attr):
            result = getattr(result, attr)
            break
    if isinstance(result, dict):
        result = result.get("value")
    if result is None:
        return None
    try:
        return Decimal(str(result))
    except ArithmeticError:  # pragma: no cover - defensive
        return None


def _indicator_paragraphs(rows: list[dict[str, Any]], sources: dict[str, set[Any]]) -> list[Para]:
    paras = []
    for row in rows:
        unit = f" {row['measure_unit']}" if row["measure_unit"] else ""
        where = f" ({row['unit']})" if row["unit"] else ""
        if row["value"] is None:
            text = f"{row['name']}{where}: chưa có số liệu trong kỳ"
        else:
            text = f"{row['name']}{where}: đạt {fmt_number(row['value'])}{unit}"
        if row["target"] is not None:
            text += f" (mục tiêu đến năm {row['target_year']}: {fmt_number(row['target'])}{unit}"
            if row["percent"] is not None:
                text += f", bằng {fmt_number(row['percent'])}% mục tiêu"
            text += ")"
        paras.append(Para("results", text + ".", reports=set(sources.get(row["code"], ()))))
    return paras


def _difficulty_paragraphs(
    task_reports: list[TaskReport], completeness: list[dict[str, Any]]
) -> list[Para]:
    limits: list[tuple[str, TaskReport]] = []
    causes: list[tuple[str, TaskReport]] = []
    for tr in task_reports:
        for item in sentences(tr.difficulties):
            folded = fold(item)
            target = (
                causes if folded.startswith(CAUSE_PREFIXES) or "nguyen nhan" in folded else limits
            )
            target.append((item, tr))
    paras: list[Para] = [Para("difficulties", "1. Hạn chế, khó khăn", ParagraphKind.SUBHEADING)]
    late = [r["unit"] for r in completeness if not r["on_time"]]
    if late:
        paras.append(
            Para(
                "difficulties",
                f"Công tác báo cáo chưa kịp thời: {len(late)}/{len(completeness)} đơn vị nộp "
                f"báo cáo muộn hoặc chưa nộp ({_names(late)}).",
            )
        )
    paras.extend(_grouped("difficulties", limits))
    if not limits and not late:
        paras.append(Para("difficulties", "Các đơn vị không nêu khó khăn, vướng mắc trong kỳ."))
    paras.append(Para("difficulties", "2. Nguyên nhân", ParagraphKind.SUBHEADING))
    paras.extend(_grouped("difficulties", causes))
    if not causes:
        paras.append(
            Para(
                "difficulties",
                "Các báo cáo được tiếp nhận chưa phân tích nguyên nhân của hạn chế, khó khăn; "
                "cần bổ sung khi hoàn thiện báo cáo.",
            )
        )
    return paras


def _grouped(part: str, items: list[tuple[str, TaskReport]], similar: bool = True) -> list[Para]:
    paras = []
    for text, sources in group_similar(items, similar=similar):
        units = [tr.unit_report.unit.name for tr in sources]
        count = len(set(units))
        where = f"{count} đơn vị nêu" if count > 1 else "nêu tại báo cáo của"
        paras.append(
            Para(
                part,
                f"{_upper_first(text)} ({where}: {_names(units)}).",
                reports={tr.unit_report_id for tr in sources},
                task_reports={tr.pk for tr in sources},
            )
        )
    return paras


def _direction_paragraphs(
    plan: Plan,
    tasks: list[Task],
    rows: list[dict[str, Any]],
    by_task: dict[Any, list[TaskReport]],
    period: Period,
) -> list[Para]:
    paras: list[Para] = []
    by_section: dict[Any, list[tuple[Task, dict[str, Any]]]] = {}
    for task, row in zip(tasks, rows, strict=True):
        if row["status_code"] in DONE_STATUSES:
            continue
        by_section.setdefault(task.section_id, []).append((task, row))
    for items in by_section.values():
        section = items[0][0].section
        lead = f"Về {_lower_first(section.heading)}" if section is not None else "Các nhiệm vụ khác"
        parts = [
            f"{task.code or task.title[:60]} (đạt {row['progress']}%"
            + (f", {row['leads']} chủ trì" if row["leads"] else "")
            + ")"
            for task, row in items
        ]
        reported = [tr for task, _row in items for tr in by_task.get(task.pk, [])]
        paras.append(
            Para(
                "directions",
                f"{lead}: tiếp tục triển khai, phấn đấu hoàn thành các nhiệm vụ "
                + "; ".join(parts)
                + ".",
                reports={tr.unit_report_id for tr in reported},
                task_reports={tr.pk for tr in reported},
            )
        )
    done = sum(1 for r in rows if r["status_code"] in DONE_STATUSES)
    if done:
        paras.append(
            Para(
                "directions",
                f"Duy trì, nhân rộng kết quả của {done} nhiệm vụ đã hoàn thành; rà soát, điều "
                f"chỉnh lộ trình sau ngày {fmt_date(period.end)} cho phù hợp tình hình mới.",
            )
        )
    try:
        from reporting.models import OPEN_ISSUE_STATUSES, Issue
    except ImportError:  # pragma: no cover
        return paras
    issues = list(
        Issue.objects.filter(plan=plan, status__in=OPEN_ISSUE_STATUSES)
        .select_related("owner", "source")
        .order_by("-severity", "created_at")[:10]
    )
    if issues:
        listed = "; ".join(f"{i.title} ({i.owner.name} xử lý)" for i in issues)
        paras.append(
            Para(
                "directions",
                f"Tập trung tháo gỡ các vướng mắc còn tồn đọng: {listed}.",
                reports={i.source.unit_report_id for i in issues if i.source is not None},
                task_reports={i.source_id for i in issues if i.source_id},
            )
        )
    return paras


def _proposal_paragraphs(task_reports: list[TaskReport]) -> list[Para]:
    items = [(item, tr) for tr in task_reports for item in sentences(tr.proposals)]
    paras = _grouped("proposals", items, similar=False)
    if not paras:
        paras.append(Para("proposals", "Các đơn vị không có đề xuất, kiến nghị trong kỳ."))
    return paras
