"""Demo supervision: the Front's 2024 supervision of how S&T funding was used, with two
recommendations to the city's people's committee (one answered, one overdue), and a current
supervision of the plan's implementation whose team reads the supervised reports today."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from audit.log import record
from supervision.models import (
    Programme,
    Recommendation,
    RecommendationStatus,
    ResponseKind,
    Supervision,
    SupervisionMethod,
)

FUNDING_SUBJECT = "Việc quản lý, sử dụng kinh phí sự nghiệp khoa học và công nghệ năm 2023"


def load(context: dict[str, Any]) -> None:
    units, users = context["units"], context["users"]
    front, city = units["MTTQ-DL"], units["UBND-DL"]
    mttq, ubnd = users["mttq"], users["ubnd"]
    programme = Programme.objects.create(
        organiser=front,
        year=2024,
        title="Chương trình giám sát năm 2024 của Ủy ban MTTQ Việt Nam thành phố Đà Lạt",
        note="Theo Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN.",
        created_by=mttq,
    )
    funding = Supervision.objects.create(
        programme=programme,
        subject=FUNDING_SUBJECT,
        legal_basis=(
            "Luật Mặt trận Tổ quốc Việt Nam năm 2015; Quyết định 217-QĐ/TW ngày 12/12/2013 "
            "của Bộ Chính trị; Kế hoạch giám sát năm 2024 của Ban Thường trực."
        ),
        form=SupervisionMethod.TEAM,
        period_start=datetime.date(2024, 6, 3),
        period_end=datetime.date(2024, 8, 30),
        conclusion=(
            "Ủy ban nhân dân thành phố đã bố trí kinh phí sự nghiệp khoa học và công nghệ theo "
            "dự toán; tuy nhiên tỷ lệ giải ngân đạt 61%, một số nhiệm vụ chậm nghiệm thu, "
            "việc công khai kết quả nhiệm vụ chưa đầy đủ."
        ),
        conclusion_published=True,
        published_at=datetime.datetime(2024, 9, 20, 2, 0, tzinfo=datetime.UTC),
        created_by=mttq,
    )
    funding.supervised_units.set([city])
    funding.team.set([mttq])
    record(mttq, "supervision.create", funding, {"grant": [None, "demo"]})
    answered = Recommendation.objects.create(
        supervision=funding,
        unit=city,
        finding="Tỷ lệ giải ngân kinh phí sự nghiệp khoa học và công nghệ năm 2023 đạt 61%.",
        text=(
            "Đẩy nhanh tiến độ giải ngân; giao chỉ tiêu giải ngân theo quý cho các cơ quan "
            "chủ trì nhiệm vụ."
        ),
        due_date=datetime.date(2024, 10, 31),
        status=RecommendationStatus.ANSWERED,
        response_kind=ResponseKind.ACCEPTED,
        response=(
            "Tiếp thu. Ủy ban nhân dân thành phố ban hành kế hoạch giải ngân theo quý, báo cáo "
            "tiến độ hằng tháng tại giao ban; phấn đấu giải ngân trên 90% trong năm 2025."
        ),
        answered_at=datetime.datetime(2024, 10, 25, 3, 0, tzinfo=datetime.UTC),
        answered_by=ubnd,
        created_by=mttq,
    )
    overdue = Recommendation.objects.create(
        supervision=funding,
        unit=city,
        finding="Kết quả 4 nhiệm vụ đã nghiệm thu chưa được công khai trên cổng thông tin.",
        text="Công khai kết quả các nhiệm vụ khoa học và công nghệ đã nghiệm thu.",
        due_date=datetime.date(2024, 11, 30),
        created_by=mttq,
    )
    for rec in (answered, overdue):
        record(mttq, "supervision.recommendation.issue", rec, {"unit": [None, city.code]})
    # A supervision running now, so that the Front's team has something to read today.
    today = timezone.localdate()
    current = Programme.objects.create(
        organiser=front,
        year=today.year,
        title=f"Chương trình giám sát năm {today.year}",
        created_by=mttq,
    )
    plan = Supervision.objects.create(
        programme=current,
        subject="Việc thực hiện Kết luận 50-KL/TW về phát triển khoa học và công nghệ",
        legal_basis="Luật Mặt trận Tổ quốc Việt Nam năm 2015.",
        form=SupervisionMethod.DOCUMENTS,
        period_start=today - datetime.timedelta(days=14),
        period_end=today + datetime.timedelta(days=45),
        created_by=mttq,
    )
    plan.supervised_units.set([city])
    plan.team.set([mttq])
    record(mttq, "supervision.create", plan, {"grant": [None, "demo"]})
    context["supervisions"] = {"funding": funding, "current": plan}
    load_ward(context, today)
    load_critique(context)


def load_ward(context: dict[str, Any], today: datetime.date) -> None:
    """The ward Front committee of today (after the 2025 reform): a supervision concluded two
    months ago whose recommendation the ward government has to answer within three weeks, and
    one running now over the ward's reports on this year's plan."""
    units, users = context["units"], context["users"]
    front, party = units.get("MTTQ-xuan-huong"), units.get("DU-xuan-huong")
    government, member = units.get("UBND-xuan-huong"), users.get("mttqphuong")
    if not (front and party and government and member):
        return
    programme = Programme.objects.create(
        organiser=front,
        year=today.year,
        title=(
            f"Chương trình giám sát năm {today.year} của Ủy ban MTTQ Việt Nam phường "
            "Xuân Hương - Đà Lạt"
        ),
        created_by=member,
    )
    publicity = Supervision.objects.create(
        programme=programme,
        subject="Việc công khai kết quả nhiệm vụ khoa học và công nghệ cấp cơ sở",
        legal_basis="Luật Mặt trận Tổ quốc Việt Nam năm 2015; Quyết định 217-QĐ/TW.",
        form=SupervisionMethod.DOCUMENTS,
        period_start=today - datetime.timedelta(days=90),
        period_end=today - datetime.timedelta(days=60),
        conclusion=(
            "Phường đã tổng hợp kết quả các nhiệm vụ được giao; chưa công khai kết quả trên "
            "trang thông tin điện tử của phường và tại bộ phận một cửa."
        ),
        created_by=member,
    )
    publicity.supervised_units.set([government])
    publicity.team.set([member])
    record(member, "supervision.create", publicity, {"grant": [None, "demo"]})
    open_item = Recommendation.objects.create(
        supervision=publicity,
        unit=government,
        finding="Kết quả nhiệm vụ khoa học và công nghệ cấp cơ sở chưa được công khai.",
        text=(
            "Công khai kết quả các nhiệm vụ đã nghiệm thu trên trang thông tin điện tử của "
            "phường; niêm yết danh mục tại bộ phận một cửa."
        ),
        due_date=today + datetime.timedelta(days=21),
        created_by=member,
    )
    record(member, "supervision.recommendation.issue", open_item, {"unit": [None, government.code]})
    running = Supervision.objects.create(
        programme=programme,
        subject=(
            "Việc thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và "
            "chuyển đổi số của phường năm " + str(today.year)
        ),
        legal_basis="Luật Mặt trận Tổ quốc Việt Nam năm 2015.",
        form=SupervisionMethod.DOCUMENTS,
        period_start=today - datetime.timedelta(days=7),
        period_end=today + datetime.timedelta(days=30),
        created_by=member,
    )
    running.supervised_units.set([party, government])
    running.team.set([member])
    record(member, "supervision.create", running, {"grant": [None, "demo"]})


def load_critique(context: dict[str, Any]) -> None:
    """A critique round on the draft 2026–2030 S&T plan of the city's economic office:
    comments anchored to two paragraphs, a consolidated critique, answers from the drafters."""
    from accounts.models import User
    from plans import actions as plan_actions
    from plans.models import Frequency, PlanStatus
    from supervision.models import (
        Critique,
        CritiqueComment,
        CritiquePoint,
        CritiqueStatus,
    )

    units, users = context["units"], context["users"]
    office, front = units["PKT-DL"], units["MTTQ-DL"]
    drafter, mttq = users["theodoi"], users["mttq"]
    draft = plan_actions.create_plan(
        drafter,
        title="Kế hoạch phát triển khoa học, công nghệ và đổi mới sáng tạo thành phố "
        "giai đoạn 2026–2030 (dự thảo)",
        owner=office,
        start_year=2026,
        end_year=2030,
        status=PlanStatus.DRAFT,
        is_published=False,
    )
    paragraphs = [
        ("1", "Nâng tỷ lệ chi ngân sách cho khoa học và công nghệ đạt 3% tổng chi ngân sách"),
        ("2", "Hình thành 5 doanh nghiệp khoa học và công nghệ trong lĩnh vực nông nghiệp"),
        ("3", "Số hóa 100% hồ sơ nhiệm vụ khoa học và công nghệ cấp cơ sở"),
    ]
    tasks = [
        plan_actions.create_task(
            drafter,
            draft,
            code=code,
            title=title,
            start_year=2026,
            end_year=2030,
            frequency=Frequency.ONCE,
            lead_units=[office],
        )
        for code, title in paragraphs
    ]
    expert = User(
        username="chuyengia",
        full_name="TS. Nguyễn Văn Lâm",
        job_title="Chuyên gia Liên hiệp các Hội Khoa học và Kỹ thuật",
        email="chuyengia@khcn.example.vn",
    )
    expert.set_unusable_password()
    expert.save()
    critique = Critique.objects.create(
        organiser=front,
        plan=draft,
        deadline=datetime.date(2026, 3, 31),
        status=CritiqueStatus.ANSWERED,
        sent_at=datetime.datetime(2026, 4, 10, 2, 0, tzinfo=datetime.UTC),
        created_by=drafter,
    )
    critique.experts.set([expert, mttq])
    first = CritiqueComment.objects.create(
        critique=critique,
        task=tasks[0],
        author=expert,
        text="Mức 3% cao so với khả năng cân đối; đề nghị lộ trình tăng dần từ 2% năm 2026.",
    )
    second = CritiqueComment.objects.create(
        critique=critique,
        task=tasks[1],
        author=mttq,
        text="Cần nêu tiêu chí và cơ chế hỗ trợ cụ thể để doanh nghiệp được công nhận.",
    )
    for comment, answer_kind, answer in (
        (
            first,
            "accepted",
            "Tiếp thu: điều chỉnh thành lộ trình 2% (2026) lên 3% (2030).",
        ),
        (
            second,
            "explained",
            "Giải trình: tiêu chí theo Nghị định 13/2019/NĐ-CP; cơ chế hỗ trợ nêu tại Phụ lục II.",
        ),
    ):
        point = CritiquePoint.objects.create(
            critique=critique,
            task=comment.task,
            text=comment.text,
            answer_kind=answer_kind,
            answer=answer,
            answered_by=users["ubnd"],
        )
        point.sources.set([comment])
    record(drafter, "supervision.critique.submit", critique, {"deadline": [None, "2026-03-31"]})
