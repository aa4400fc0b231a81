"""Five years of reporting on the seed plan (2020–2025), deterministic and fast (bulk inserts).

Half-yearly and yearly rounds plus a sơ kết round; most reports accepted, some late, some
missing, some returned then resubmitted; difficulties that recur for some tasks (funding, S&T
staff, slow IP registration) and a few of them promoted to the issues register. Rounds ending
after 30/06/2025 go to the successor units of the 2025 reorganisation, with a few drafts open.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from audit.log import record
from plans.models import Task, TaskStatus
from reporting.actions import round_tasks
from reporting.models import (
    Issue,
    IssueSeverity,
    IssueStatus,
    PeriodKind,
    ReportingRound,
    ReportingSchedule,
    ReportRevision,
    ReportStatus,
    TaskReport,
    UnitReport,
    UnitReportingPolicy,
)
from reporting.periods import periods, responsible_units, successor_map
from reporting.progress import rebuild_plan

SEED = 2020
FIRST = datetime.date(2020, 1, 1)
LAST = datetime.date(2025, 12, 31)
REORGANISED = datetime.date(2025, 6, 30)

# What a unit typically reports for a task (by task code prefix); {n} gets a small number.
RESULTS: dict[str, list[str]] = {
    "II.1": [
        "Tổ chức {n} hội nghị quán triệt Kết luận 50-KL/TW cho cán bộ chủ chốt",
        "Đăng {n} tin, bài về khoa học và công nghệ trên cổng thông tin điện tử thành phố",
        "Lồng ghép nội dung phát triển khoa học và công nghệ vào {n} buổi sinh hoạt chi bộ",
    ],
    "II.2": [
        "Rà soát, đề xuất sửa đổi {n} quy định về quản lý nhiệm vụ khoa học và công nghệ",
        "Vận động {n} doanh nghiệp tìm hiểu việc lập Quỹ phát triển khoa học và công nghệ",
        "Cử {n} cán bộ trẻ tham gia lớp bồi dưỡng quản lý khoa học và công nghệ",
    ],
    "II.3": [
        "Hỗ trợ {n} hộ, hợp tác xã ứng dụng nhà kính, tưới nhỏ giọt tự động",
        "Chuyển giao {n} giống hoa, rau mới nuôi cấy mô cho nông dân",
        "Xây dựng {n} mô hình sản xuất rau an toàn ứng dụng công nghệ cao",
    ],
    "II.4": [
        "Phối hợp Trường Đại học Đà Lạt đào tạo {n} kỹ thuật viên nuôi cấy mô",
        "Hướng dẫn {n} doanh nghiệp đăng ký đề tài, dự án cấp tỉnh",
        "Thử nghiệm {n} quy trình bảo quản sau thu hoạch cho rau, hoa",
    ],
    "II.5": [
        "Hỗ trợ {n} hồ sơ đăng ký nhãn hiệu tập thể cho sản phẩm đặc trưng",
        "Tổ chức {n} phiên kết nối cung - cầu công nghệ cho doanh nghiệp nông nghiệp",
        "Hướng dẫn {n} doanh nghiệp áp dụng công cụ nâng cao năng suất, chất lượng",
    ],
    "II.6": [
        "Ký {n} thỏa thuận hợp tác khoa học và công nghệ với viện, trường",
        "Tham gia {n} hội chợ, triển lãm thành tựu khoa học và công nghệ",
        "Đón {n} đoàn chuyên gia trong nước và quốc tế đến trao đổi",
    ],
    "III": [
        "Ban hành chương trình, kế hoạch thực hiện; tổ chức {n} đợt kiểm tra, đôn đốc",
        "Tổng hợp báo cáo định kỳ đúng hạn; {n} lượt cán bộ được phổ biến kế hoạch",
        "Tổ chức {n} hoạt động tuyên truyền, giám sát việc thực hiện trên địa bàn",
    ],
}
# Difficulties that recur for some tasks: the dashboard's "recurring difficulties" story.
FUNDING = "Thiếu kinh phí triển khai; ngân sách sự nghiệp khoa học và công nghệ phân bổ thấp"
STAFF = "Thiếu cán bộ khoa học và công nghệ có trình độ chuyên sâu; khó thu hút cán bộ trẻ"
IP = "Thủ tục đăng ký bảo hộ sở hữu trí tuệ kéo dài, hồ sơ xác lập nhãn hiệu chậm được cấp"
RECURRING = {
    "II.2.b": FUNDING,
    "II.3.b": FUNDING,
    "II.6.a": FUNDING,
    "II.2.d": STAFF,
    "II.4.a": STAFF,
    "II.4.e": STAFF,
    "II.5.a": STAFF,
    "II.5.b": IP,
    "II.5.c": IP,
}
OCCASIONAL = [
    "Thời tiết bất thường ảnh hưởng tiến độ các mô hình trình diễn",
    "Doanh nghiệp còn e ngại đầu tư đổi mới công nghệ",
    "Phối hợp giữa các đơn vị có lúc chưa chặt chẽ",
    "Dịch COVID-19 làm gián đoạn các hoạt động tập trung",
]
PROPOSALS = {
    FUNDING: "Đề nghị bố trí bổ sung kinh phí sự nghiệp khoa học và công nghệ",
    STAFF: "Đề nghị có chính sách thu hút, đãi ngộ cán bộ khoa học trẻ",
    IP: "Đề nghị Sở Khoa học và Công nghệ hỗ trợ rút ngắn thời gian thẩm định hồ sơ",
}
SO_KET_TEMPLATE = (
    "Đề cương báo cáo sơ kết 5 năm thực hiện Kế hoạch:\n"
    "I. Công tác lãnh đạo, chỉ đạo, tuyên truyền, quán triệt.\n"
    "II. Kết quả thực hiện các nhiệm vụ, giải pháp (theo từng nhiệm vụ được giao).\n"
    "III. Hạn chế, khó khăn, vướng mắc và nguyên nhân.\n"
    "IV. Phương hướng, nhiệm vụ giai đoạn 2025 - 2030 và đề xuất, kiến nghị."
)


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _rounds(plan: Any) -> list[ReportingRound]:
    half = ReportingSchedule.objects.create(
        plan=plan, kind=PeriodKind.HALF_YEAR, due_days_after_end=15, start_date=FIRST
    )
    year = ReportingSchedule.objects.create(
        plan=plan, kind=PeriodKind.YEAR, due_days_after_end=20, start_date=FIRST
    )
    rounds = [
        ReportingRound(
            plan=plan,
            schedule=schedule,
            kind=schedule.kind,
            label=p.label,
            period_start=p.start,
            period_end=p.end,
            due_date=p.end + datetime.timedelta(days=schedule.due_days_after_end),
        )
        for schedule in (half, year)
        for p in periods(schedule.kind, FIRST, LAST)
    ]
    rounds.append(
        ReportingRound(
            plan=plan,
            kind=PeriodKind.INTERIM_REVIEW,
            label="Sơ kết 5 năm thực hiện Kế hoạch (2020 - 2025)",
            period_start=FIRST,
            period_end=datetime.date(2025, 3, 31),
            due_date=datetime.date(2025, 4, 30),
            template=SO_KET_TEMPLATE,
        )
    )
    ReportingRound.objects.bulk_create(rounds)
    return sorted(rounds, key=lambda r: (r.period_end, r.kind))


def _section_text(
    rng: random.Random, task: Task, round_: ReportingRound, role: str
) -> dict[str, Any]:
    key = task.code[:4] if task.code.startswith("II") else "III"
    pool = RESULTS.get(key, RESULTS["III"])
    picks = rng.sample(pool, 2 if round_.kind != PeriodKind.HALF_YEAR else 1)
    results = "; ".join(p.format(n=rng.randint(1, 12)) for p in picks) + "."
    if role != "lead":
        results = "Phối hợp với đơn vị chủ trì: " + results[0].lower() + results[1:]
    span = (LAST - FIRST).days
    elapsed = max(0.05, min(1.0, (round_.period_end - FIRST).days / span))
    target = task.progress or 20
    progress = max(0, min(100, round(target * elapsed + rng.randint(-5, 5))))
    difficulties = ""
    recurring = RECURRING.get(task.code)
    if recurring and rng.random() < 0.75:
        difficulties = recurring
    elif rng.random() < 0.2:
        difficulties = rng.choice(OCCASIONAL[:3] if round_.period_end.year > 2021 else OCCASIONAL)
    proposals = PROPOSALS.get(difficulties, "") if difficulties else ""
    status = TaskStatus.IN_PROGRESS if progress > 0 else TaskStatus.NOT_STARTED
    return {
        "results": results,
        "status": status,
        "progress": progress,
        "difficulties": difficulties,
        "proposals": proposals,
    }


def _content(report: UnitReport, sections: list[TaskReport], **override: Any) -> dict[str, Any]:
    return {
        "status": override.get("status", report.status),
        "version": override.get("version", report.version),
        "summary": override.get("summary", report.summary),
        "review_comment": override.get("review_comment", ""),
        "sections": [
            {
                "id": str(s.pk),
                "task": s.task.code,
                "task_title": s.task.title,
                "results": override.get("results", {}).get(s.pk, s.results),
                "status": s.status,
                "progress": s.progress,
                "difficulties": s.difficulties,
                "proposals": s.proposals,
            }
            for s in sections
        ],
    }


def _waits_for_leader(report: UnitReport) -> bool:
    round_ = report.round
    return round_.kind == PeriodKind.HALF_YEAR and round_.period_end == REORGANISED


def _fate(rng: random.Random, round_: ReportingRound) -> str:
    """accepted | late | returned | missing | submitted | pending | draft."""
    roll = rng.random()
    if round_.period_end > REORGANISED:
        # The newest rounds: successor units are still settling in.
        if roll < 0.15:
            return "draft"
        if roll < 0.3:
            return "submitted"
        if roll < 0.4:
            return "returned_open"
        return "late" if roll < 0.55 else "accepted"
    if roll < 0.05:
        return "missing"
    if roll < 0.15:
        return "returned"
    if roll < 0.32:
        return "late"
    return "accepted"


def load(context: dict[str, Any]) -> None:  # noqa: C901 - one linear story
    rng = random.Random(SEED)
    plan = context["plans"]["seed"]
    units = context["units"]
    users = context["users"]
    monitor, reporter, leader = users["theodoi"], users["donvi"], users.get("donvi_lanhdao")
    ward = units["DB-phuong-1"]
    UnitReportingPolicy.objects.create(unit=ward, requires_leader_approval=True, escalation_days=5)
    rounds = _rounds(plan)
    tasks = round_tasks(plan)
    successors = successor_map()

    reports: list[UnitReport] = []
    sections: dict[int, list[TaskReport]] = {}
    fates: list[str] = []
    for round_ in rounds:
        expected, _orphans = responsible_units(tasks, round_.period_end, successors)
        for unit in sorted(expected, key=lambda u: u.code):
            report = UnitReport(round=round_, unit=unit)
            fate = _fate(rng, round_)
            rows = []
            for task, role in sorted(expected[unit].items(), key=lambda item: item[0].order):
                text = _section_text(rng, task, round_, role)
                if fate == "missing":
                    text = {k: ("" if k != "progress" else None) for k in text}
                elif fate == "draft" and rng.random() < 0.5:
                    text["results"] = ""
                rows.append(TaskReport(unit_report=report, task=task, role=role, **text))
            sections[len(reports)] = rows
            reports.append(report)
            fates.append(fate)

    revisions: list[ReportRevision] = []
    audit_notes = 0
    for index, (report, fate) in enumerate(zip(reports, fates, strict=True)):
        rows = sections[index]
        due = report.round.due_date
        is_ward = report.unit_id == ward.pk
        report.summary = (
            f"{report.unit.name} triển khai các nhiệm vụ được giao trong kỳ "
            f"{report.round.label.lower()}; cơ bản đạt yêu cầu đề ra."
            if fate != "missing"
            else ""
        )
        history: list[tuple[str, Any, dict[str, Any], str]] = []

        def snap(**override: Any) -> dict[str, Any]:
            return _content(report, rows, **override)  # noqa: B023 - used inside the loop

        if fate in ("missing",):
            report.status = ReportStatus.DRAFT
            reports[index] = report
            continue
        history.append(("save", reporter if is_ward else None, snap(status="draft"), ""))
        if fate == "draft":
            report.status = ReportStatus.DRAFT
        else:
            early = fate not in ("late",)
            day = (
                due - datetime.timedelta(days=rng.randint(0, 10))
                if early
                else (due + datetime.timedelta(days=rng.randint(2, 25)))
            )
            report.submitted_at = _aware(day, rng.randint(8, 16))
            report.submitted_by = reporter if is_ward else None
            if is_ward and leader is not None:
                history.append(("submit", reporter, snap(status="pending_approval"), ""))
                report.approved_at, report.approved_by = report.submitted_at, leader
                history.append(("approve", leader, snap(status="submitted"), ""))
            else:
                history.append(("submit", None, snap(status="submitted"), ""))
            report.status = ReportStatus.SUBMITTED
            if fate in ("returned", "returned_open"):
                thin = {s.pk: s.results.split(";")[0].rstrip(".") + "." for s in rows}
                # The first submission was thinner; the comment asks for figures and evidence.
                history[-1] = (
                    history[-1][0],
                    history[-1][1],
                    snap(status="submitted", results=thin),
                    "",
                )
                comment = (
                    "Đề nghị bổ sung số liệu cụ thể và minh chứng cho từng nhiệm vụ; "
                    "nêu rõ nguyên nhân của các khó khăn."
                )
                history.append(
                    ("return", monitor, snap(status="returned", review_comment=comment), comment)
                )
                report.review_comment = comment
                report.reviewed_by = monitor
                report.reviewed_at = report.submitted_at + datetime.timedelta(days=3)
                if fate == "returned_open":
                    report.status = ReportStatus.RETURNED
                else:
                    history.append(
                        ("save", reporter if is_ward else None, snap(status="returned"), "")
                    )
                    report.submitted_at = report.reviewed_at + datetime.timedelta(days=4)
                    history.append(("submit", reporter if is_ward else None, snap(), ""))
                    report.status = ReportStatus.SUBMITTED
            if fate in ("accepted", "late", "returned"):
                report.status = ReportStatus.ACCEPTED
                report.reviewed_by = monitor
                report.reviewed_at = report.submitted_at + datetime.timedelta(
                    days=rng.randint(2, 9)
                )
                report.review_comment = "" if fate != "returned" else report.review_comment
                history.append(("accept", monitor, snap(status="accepted"), ""))
        if is_ward and leader is not None and _waits_for_leader(report):
            # The ward's last report before the reorganisation waits for its leader: the
            # monitoring office sees "chờ lãnh đạo duyệt N ngày" and can remind the leader.
            report.status = ReportStatus.PENDING_APPROVAL
            report.approval_requested_at = _aware(due - datetime.timedelta(days=2), 9)
            report.submitted_at = report.submitted_by = None
            report.approved_at = report.approved_by = None
            report.reviewed_at = report.reviewed_by = None
            report.review_comment = ""
            history = [
                ("save", reporter, snap(status="draft"), ""),
                ("submit", reporter, snap(status="pending_approval"), ""),
            ]
        report.version = len(history) + 1
        for number, (action, author, content, note) in enumerate(history, start=1):
            content["version"] = number + 1
            revisions.append(
                ReportRevision(
                    unit_report=report,
                    number=number,
                    action=action,
                    author=author,
                    content=content,
                    note=note,
                )
            )
        audit_notes += 1

    UnitReport.objects.bulk_create(reports, batch_size=500)
    TaskReport.objects.bulk_create(
        [row for rows in sections.values() for row in rows], batch_size=1000
    )
    rebuild_plan(plan.pk)  # previous progress on every section (reporting.progress)
    ReportRevision.objects.bulk_create(revisions, batch_size=500)
    issues = _issues(plan, units, monitor, reports, sections)
    context["reporting"] = {
        "rounds": rounds,
        "reports": len(reports),
        "revisions": len(revisions),
        "issues": issues,
    }


def _issues(
    plan: Any,
    units: dict[str, Any],
    monitor: Any,
    reports: list[UnitReport],
    sections: dict[int, list[TaskReport]],
) -> list[Issue]:
    """Promote the recurring difficulties (first time each task raised them) to issues."""
    owners = {FUNDING: "UBND-DL", STAFF: "PNV-DL", IP: "SKHCN-LD"}
    new_owners = {FUNDING: "UBND-xuan-huong", STAFF: "UBND-xuan-huong", IP: "SKHCN-LD"}
    resolutions = {
        FUNDING: "UBND thành phố bổ sung dự toán chi sự nghiệp khoa học và công nghệ năm sau.",
        STAFF: "Đã ban hành chính sách hỗ trợ thu hút cán bộ khoa học trẻ về công tác.",
        IP: "Sở Khoa học và Công nghệ lập tổ hỗ trợ hồ sơ; đã cấp văn bằng bảo hộ.",
    }
    severities = {FUNDING: IssueSeverity.HIGH, STAFF: IssueSeverity.MEDIUM, IP: IssueSeverity.HIGH}
    seen: set[tuple[str, str]] = set()
    issues: list[Issue] = []
    for index, report in enumerate(reports):
        if report.status not in (ReportStatus.ACCEPTED, ReportStatus.SUBMITTED):
            continue
        for section in sections[index]:
            text = section.difficulties
            if text not in owners or section.role != "lead":
                continue
            early = report.round.period_end.year <= 2022
            key = (section.task.code, "early" if early else "late")
            if key in seen or report.round.kind != PeriodKind.HALF_YEAR:
                continue
            if not early and report.round.period_end <= REORGANISED:
                continue
            seen.add(key)
            owner = units[owners[text] if early else new_owners[text]]
            issue = Issue(
                plan=plan,
                task=section.task,
                source=section,
                raised_by_unit=report.unit,
                owner=owner,
                title=f"{section.task.code}: {text.split(';')[0]}",
                description=text,
                severity=severities[text],
                due_date=report.round.due_date + datetime.timedelta(days=90),
                status=IssueStatus.RESOLVED if early else IssueStatus.IN_PROGRESS,
                resolution=resolutions[text] if early else "",
                resolved_at=_aware(report.round.due_date + datetime.timedelta(days=80), 9)
                if early
                else None,
                created_by=monitor,
            )
            issues.append(issue)
    Issue.objects.bulk_create(issues)
    for issue in issues:
        record(monitor, "issue.create", issue, {"title": [None, issue.title]})
    return issues
