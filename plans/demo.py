"""The seed plan as structured data (task titles in our own words), plus two unit programmes."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from documents.models import Document
from orgunits.demo import OLD_WARDS, _ward_code
from orgunits.models import OrgUnit
from plans import actions
from plans.models import Frequency, Plan, PlanStatus, Section, TaskStatus

SECTIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("I", "Mục đích, yêu cầu", [("1", "Mục đích"), ("2", "Yêu cầu")]),
    (
        "II",
        "Nhiệm vụ và giải pháp",
        [
            ("1", "Tuyên truyền, quán triệt Nghị quyết 20-NQ/TW, Kết luận 50-KL/TW"),
            ("2", "Hoàn thiện cơ chế, chính sách; đổi mới quản lý hoạt động khoa học và công nghệ"),
            ("3", "Nghiên cứu, ứng dụng thành tựu khoa học và công nghệ"),
            ("4", "Đầu tư tiềm lực khoa học và công nghệ"),
            ("5", "Phát triển thị trường khoa học và công nghệ"),
            ("6", "Đa dạng hóa đối tác, đẩy mạnh hợp tác về khoa học và công nghệ"),
        ],
    ),
    (
        "III",
        "Tổ chức thực hiện",
        [
            ("1", "UBND thành phố"),
            ("2", "Các TCCS đảng, các ban, ngành thành phố"),
            ("3", "Ủy ban MTTQ và các đoàn thể"),
            ("4", "Ban Tuyên giáo Thành ủy"),
        ],
    ),
]

GRASSROOTS = ["DB-CQCQ-DL", *[f"DB-{_ward_code(w)}" for w in OLD_WARDS]]
CITY_AGENCIES = ["PKT-DL", "PNV-DL", "PTCKH-DL", "PGD-DL", "PVH-DL"]
MASS_ORGS = ["PN-DL", "DTN-DL", "HND-DL", "CCB-DL", "LDLD-DL"]

# (section path, code, title, leads, cooperating, end year, frequency, status, progress)
TASKS: list[tuple[str, str, str, list[str], list[str], int, str, str, int]] = [
    (
        "II.1",
        "II.1",
        "Tuyên truyền, quán triệt sâu rộng chủ trương phát triển khoa học và công nghệ; "
        "đưa ứng dụng khoa học và công nghệ vào quy hoạch, kế hoạch phát triển của thành phố",
        ["BTG-TU-DL"],
        ["UBND-DL", "MTTQ-DL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        70,
    ),
    (
        "II.2",
        "II.2.a",
        "Hoàn thiện cơ chế quản lý hoạt động khoa học và công nghệ phù hợp thực tế "
        "địa phương; quan tâm đội ngũ cán bộ khoa học, nhất là cán bộ trẻ",
        ["UBND-DL"],
        ["PKT-DL", "PNV-DL"],
        2025,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        60,
    ),
    (
        "II.2",
        "II.2.b",
        "Tăng đầu tư ngân sách cho khoa học và công nghệ, huy động vốn xã hội; vận "
        "động doanh nghiệp lập và sử dụng Quỹ phát triển khoa học và công nghệ",
        ["UBND-DL"],
        ["PTCKH-DL", "PKT-DL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        45,
    ),
    (
        "II.2",
        "II.2.c",
        "Đẩy mạnh tự chủ của tổ chức khoa học và công nghệ và liên kết với doanh "
        "nghiệp trong nghiên cứu, đổi mới công nghệ, đào tạo",
        ["PKT-DL"],
        ["DHDL", "VNCHN"],
        2025,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        50,
    ),
    (
        "II.2",
        "II.2.d",
        "Thực hiện quy hoạch nhân lực thành phố; phát hiện và bồi dưỡng tài năng trẻ "
        "thành cán bộ khoa học và công nghệ giỏi",
        ["PNV-DL"],
        ["PGD-DL", "DTN-DL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        40,
    ),
    (
        "II.3",
        "II.3.a",
        "Ứng dụng tiến bộ kỹ thuật nâng năng suất, chất lượng rau, hoa, chè, cà phê, "
        "dược liệu; công nghệ sinh học cho nông nghiệp công nghệ cao",
        ["PKT-DL"],
        ["TTKTRH", "TTDVNN-DL", "HND-DL"],
        2030,
        Frequency.QUARTERLY,
        TaskStatus.IN_PROGRESS,
        65,
    ),
    (
        "II.3",
        "II.3.b",
        "Phát triển công nghiệp, dịch vụ dựa trên công nghệ; phối hợp phát triển dự "
        "án Công viên khoa học Đà Lạt và Làng Đại học Đà Lạt",
        ["UBND-DL"],
        ["DHDL", "VNCHN"],
        2030,
        Frequency.YEARLY,
        TaskStatus.NOT_STARTED,
        10,
    ),
    (
        "II.4",
        "II.4.a",
        "Phát triển nguồn nhân lực khoa học và công nghệ giai đoạn 2020 - 2025, "
        "hướng tới năm 2030: đào tạo mới, đào tạo lại, trẻ hóa đội ngũ",
        ["PNV-DL"],
        ["DHDL", "PGD-DL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        55,
    ),
    (
        "II.4",
        "II.4.b",
        "Hỗ trợ phát triển doanh nghiệp khoa học và công nghệ; giúp doanh nghiệp, "
        "đơn vị đăng ký đề tài, dự án",
        ["PKT-DL"],
        ["SKHCN-LD"],
        2025,
        Frequency.HALF_YEARLY,
        TaskStatus.IN_PROGRESS,
        50,
    ),
    (
        "II.4",
        "II.4.c",
        "Nâng cao năng lực khoa học nội sinh; liên kết với viện nghiên cứu, trường "
        "đại học trong nước và quốc tế",
        ["UBND-DL"],
        ["DHDL", "VNCHN"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        35,
    ),
    (
        "II.4",
        "II.4.d",
        "Nghiên cứu, chuyển giao công nghệ cao cho nông nghiệp (gen, tế bào, vi sinh, "
        "in vitro) và công nghệ bảo quản sau thu hoạch, sơ chế",
        ["PKT-DL"],
        ["TTKTRH", "TTDVNN-DL"],
        2030,
        Frequency.QUARTERLY,
        TaskStatus.IN_PROGRESS,
        45,
    ),
    (
        "II.4",
        "II.4.e",
        "Quy hoạch đào tạo nhân lực cho công nghệ sinh học; đào tạo chuyên gia, kỹ "
        "thuật viên, thạc sĩ, tiến sĩ theo nhóm nghiên cứu",
        ["PGD-DL"],
        ["DHDL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.NOT_STARTED,
        15,
    ),
    (
        "II.5",
        "II.5.a",
        "Phát triển thị trường khoa học và công nghệ, thu hút cán bộ khoa học trình "
        "độ cao về làm việc",
        ["PKT-DL"],
        ["PNV-DL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        30,
    ),
    (
        "II.5",
        "II.5.b",
        "Hỗ trợ xác lập, bảo vệ quyền sở hữu trí tuệ cho sản phẩm đặc trưng "
        "(QĐ 2556/QĐ-UBND) và nâng cao năng suất, chất lượng sản phẩm doanh nghiệp "
        "(QĐ 225/QĐ-UBND)",
        ["PKT-DL"],
        ["HHHDL", "SKHCN-LD"],
        2025,
        Frequency.HALF_YEARLY,
        TaskStatus.IN_PROGRESS,
        75,
    ),
    (
        "II.5",
        "II.5.c",
        "Xúc tiến thương mại, kết nối cung - cầu và chuyển giao công nghệ cho doanh "
        "nghiệp, nhất là trong nông nghiệp",
        ["PKT-DL"],
        ["HHHDL"],
        2030,
        Frequency.QUARTERLY,
        TaskStatus.IN_PROGRESS,
        60,
    ),
    (
        "II.6",
        "II.6.a",
        "Mở rộng hợp tác khoa học và công nghệ với viện, trường, doanh nghiệp có vốn "
        "nước ngoài; thu hút vốn Trung ương, tỉnh và xã hội",
        ["UBND-DL"],
        ["PKT-DL", "DHDL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        40,
    ),
    (
        "II.6",
        "II.6.b",
        "Tổ chức, tham gia hội nghị, hội thảo, hội chợ, triển lãm thành tựu khoa học và công nghệ",
        ["PKT-DL"],
        ["PVH-DL", "HHHDL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        70,
    ),
    (
        "III.1",
        "III.1",
        "Chỉ đạo thực hiện Kế hoạch; xây dựng kế hoạch phát triển khoa học - công "
        "nghệ thành phố đến năm 2030 với lộ trình từng năm",
        ["UBND-DL"],
        ["PKT-DL"],
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        50,
    ),
    (
        "III.2",
        "III.2",
        "Phổ biến, quán triệt và xây dựng chương trình, kế hoạch cụ thể của từng đơn "
        "vị; định kỳ báo cáo, sơ kết, tổng kết",
        GRASSROOTS + CITY_AGENCIES,
        [],
        2030,
        Frequency.HALF_YEARLY,
        TaskStatus.IN_PROGRESS,
        55,
    ),
    (
        "III.3",
        "III.3",
        "Tuyên truyền trong nhân dân; giám sát, phản biện xã hội đối với phát triển "
        "khoa học - công nghệ trên địa bàn",
        ["MTTQ-DL"],
        MASS_ORGS,
        2030,
        Frequency.YEARLY,
        TaskStatus.IN_PROGRESS,
        50,
    ),
    (
        "III.4",
        "III.4",
        "Kiểm tra, đôn đốc, theo dõi, tổng hợp tình hình; kịp thời phát hiện vướng "
        "mắc; định kỳ báo cáo, sơ kết, tổng kết",
        ["BTG-TU-DL"],
        ["PKT-DL"],
        2030,
        Frequency.HALF_YEARLY,
        TaskStatus.IN_PROGRESS,
        60,
    ),
]

ROADMAP = {
    2020: "Ban hành kế hoạch phát triển khoa học - công nghệ thành phố đến năm 2030",
    2021: "Triển khai nhiệm vụ năm 2021 theo lộ trình",
    2022: "Triển khai nhiệm vụ năm 2022; rà soát cơ chế hỗ trợ",
    2023: "Triển khai nhiệm vụ năm 2023; nhân rộng mô hình ứng dụng",
    2024: "Triển khai nhiệm vụ năm 2024; chuẩn bị sơ kết",
    2025: "Sơ kết 5 năm (2020 - 2025); điều chỉnh lộ trình",
    2030: "Tổng kết thực hiện Kế hoạch",
}


def _sections(plan: Plan) -> dict[str, Section]:
    by_path: dict[str, Section] = {}
    order = 0
    for label, heading, children in SECTIONS:
        order += 1
        top = Section.objects.create(plan=plan, label=label, heading=heading, order=order)
        by_path[label] = top
        for child_label, child_heading in children:
            order += 1
            by_path[f"{label}.{child_label}"] = Section.objects.create(
                plan=plan, parent=top, label=child_label, heading=child_heading, order=order
            )
    return by_path


def load(
    units: dict[str, OrgUnit], users: dict[str, User], docs: dict[str, Document]
) -> dict[str, Any]:
    monitor = users["theodoi"]
    seed = actions.create_plan(
        monitor,
        title=docs["seed"].title,
        owner=units["BTV-TU-DL"],
        start_year=2019,
        end_year=2030,
        status=PlanStatus.ACTIVE,
        is_published=True,
        summary="Triển khai Kết luận 50-KL/TW và Kế hoạch 101-KH/TU trên địa bàn thành phố Đà Lạt.",
    )
    seed.document = docs["seed"]
    seed.save(update_fields=["document"])
    sections = _sections(seed)
    tasks = {}
    for order, (path, code, title, leads, coops, end, freq, status, progress) in enumerate(
        TASKS, start=1
    ):
        tasks[code] = actions.create_task(
            monitor,
            seed,
            code=code,
            title=title,
            section=sections[path],
            start_year=2019,
            end_year=end,
            frequency=freq,
            status=status,
            progress=progress,
            order=order,
            lead_units=[units[c] for c in leads],
            cooperating_units=[units[c] for c in coops],
            milestones=ROADMAP
            if code == "III.1"
            else {2025: "Sơ kết giai đoạn 2020 - 2025", 2030: "Hoàn thành mục tiêu đến năm 2030"},
        )
    # UBND's own development plan carries out task III.1 (internal until approved).
    city_plan = actions.create_plan(
        users["ubnd"],
        title="Kế hoạch phát triển khoa học - công nghệ thành phố Đà Lạt đến năm 2030",
        owner=units["UBND-DL"],
        parent=seed,
        start_year=2020,
        end_year=2030,
        status=PlanStatus.ACTIVE,
        is_published=False,
        implements=[tasks["III.1"]],
    )
    actions.create_task(
        users["ubnd"],
        city_plan,
        code="1",
        title="Xây dựng và nhân rộng 10 mô hình nông nghiệp "
        "công nghệ cao ứng dụng công nghệ sinh học",
        start_year=2020,
        end_year=2030,
        frequency=Frequency.YEARLY,
        status=TaskStatus.IN_PROGRESS,
        progress=60,
        parent_task=tasks["II.3.a"],
        lead_units=[units["PKT-DL"]],
        cooperating_units=[units["TTKTRH"]],
    )
    # A grassroots unit's draft programme: visible to that unit and the monitoring office only.
    ward_plan = actions.create_plan(
        users["donvi"],
        title="Chương trình hành động của Đảng bộ Phường 1 thực hiện Kế hoạch phát triển khoa "
        "học và công nghệ của Ban Thường vụ Thành ủy (dự thảo)",
        owner=units["DB-phuong-1"],
        parent=seed,
        start_year=2020,
        end_year=2025,
        status=PlanStatus.DRAFT,
        is_published=False,
        implements=[tasks["III.2"]],
    )
    actions.create_task(
        users["donvi"],
        ward_plan,
        code="1",
        title="Tổ chức hội nghị quán triệt cho đảng viên các chi bộ trực thuộc",
        start_year=2020,
        end_year=2020,
        frequency=Frequency.ONCE,
        parent_task=tasks["III.2"],
        lead_units=[units["DB-phuong-1"]],
    )
    return {"seed": seed, "tasks": tasks, "city_plan": city_plan, "ward_plan": ward_plan}
