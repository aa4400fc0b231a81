"""Supervision: the time-limited read grant, recommendations addressed to units, answers,
the Front's closing, reminders, dashboard and the DOCX report."""

from __future__ import annotations

import datetime
import io
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from conftest import client_for
from core.errors import ActionError, EditConflict, NotAllowed
from core.scoping import forget_scope
from docparse.office import find_soffice
from indicators.models import IndicatorValue
from notifications.models import Notification
from reporting.models import ReportStatus, UnitReport
from supervision import actions
from supervision.models import (
    Programme,
    Recommendation,
    RecommendationStatus,
    ResponseKind,
    Supervision,
    SupervisionMethod,
)
from supervision.reminders import remind_units

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 3, 2), datetime.date(2026, 3, 31)


@contextmanager
def frozen(day: datetime.date):
    """The clock stands still at noon (UTC) of ``day`` for everything that asks Django."""
    moment = datetime.datetime.combine(day, datetime.time(5, 0), tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@pytest.fixture
def front(demo: Any) -> Any:
    # Only this test's supervision grants anything: the demo's current one is removed.
    mttq = demo.user("supervisor")
    Supervision.objects.filter(team=mttq).delete()
    forget_scope(mttq)
    return mttq


def plan_supervision(demo: Any, front: Any, units: list[str], **extra: Any) -> Supervision:
    programme, _ = Programme.objects.get_or_create(
        organiser=demo.unit("MTTQ-DL"), year=2026, defaults={"title": "Chương trình 2026"}
    )
    with frozen(START - datetime.timedelta(days=10)):
        return actions.create_supervision(
            front,
            programme,
            subject="Sử dụng kinh phí khoa học và công nghệ",
            legal_basis="Luật MTTQ Việt Nam 2015",
            form=SupervisionMethod.TEAM,
            period_start=extra.get("start", START),
            period_end=extra.get("end", END),
            supervised_units=[demo.unit(code) for code in units],
            team=[front],
        )


def test_the_grant_opens_and_ends_with_the_supervision_period(demo: Any, front: Any) -> None:
    city = demo.unit("UBND-DL")
    accepted = list(UnitReport.objects.filter(unit=city, status=ReportStatus.ACCEPTED)[:2])
    assert len(accepted) == 2
    readable, drafted = accepted
    UnitReport.objects.filter(pk=drafted.pk).update(status=ReportStatus.DRAFT)
    supervision = plan_supervision(demo, front, ["UBND-DL"])
    audit = AuditEntry.objects.get(action="supervision.create", target_id=str(supervision.pk))
    assert audit.changes["grant"][1]["units"] == ["UBND-DL"]
    assert audit.changes["grant"][1]["to"] == END.isoformat()
    url = reverse("reporting:report_detail", kwargs={"pk": readable.pk})
    draft_url = reverse("reporting:report_detail", kwargs={"pk": drafted.pk})
    expected = {
        START - datetime.timedelta(days=1): 404,
        START: 200,
        END: 200,
        END + datetime.timedelta(days=1): 404,
    }
    for day, status in expected.items():
        with frozen(day):
            client = client_for("supervisor")
            assert client.get(url).status_code == status, day
            assert client.get(draft_url).status_code == 404, day  # never a draft
            forget_scope(front)
            values = IndicatorValue.objects.visible_to(front).filter(unit=city)
            assert values.exists() is (status == 200), day
            assert not values.filter(report__status=ReportStatus.DRAFT).exists()
            forget_scope(front)
    # Read-only: the grant gives no capability over the unit, nor its drafting history.
    with frozen(START):
        revisions = reverse("reporting:revisions", kwargs={"pk": readable.pk})
        assert client_for("supervisor").get(revisions).status_code == 404
        assert client_for("monitor").get(revisions).status_code == 200
        assert not readable.can_edit(front)
        assert client_for("supervisor").post(url).status_code == 404


def test_a_supervised_unit_sees_only_the_recommendations_addressed_to_it(
    demo: Any, front: Any
) -> None:
    supervision = plan_supervision(demo, front, ["UBND-DL", "DB-phuong-1"])
    with frozen(START):
        to_city = actions.issue_recommendation(
            front,
            supervision,
            unit=demo.unit("UBND-DL"),
            finding="Giải ngân chậm",
            text="Đẩy nhanh giải ngân",
            due_date=END,
        )
        to_ward = actions.issue_recommendation(
            front,
            supervision,
            unit=demo.unit("DB-phuong-1"),
            finding="Chưa công khai",
            text="Công khai kết quả",
            due_date=END,
        )
    city, ward = demo.user("manager"), demo.user("reporter")
    assert list(Recommendation.objects.visible_to(city)) == [to_city]
    assert list(Recommendation.objects.visible_to(ward)) == [to_ward]
    assert set(Recommendation.objects.visible_to(front)) == {to_city, to_ward}
    assert not Recommendation.objects.visible_to(demo.user("outsider")).exists()
    other = reverse("supervision:recommendation", kwargs={"pk": to_ward.pk})
    assert client_for("manager").get(other).status_code == 404
    mine = client_for("manager").get(reverse("supervision:recommendation", args=[to_city.pk]))
    assert mine.status_code == 200 and "Đẩy nhanh giải ngân" in mine.content.decode()
    board = client_for("manager").get(reverse("supervision:dashboard") + "?year=2026")
    assert [r["unit__name"] for r in board.context["rows"]] == [demo.unit("UBND-DL").name]


def test_issue_answer_close_and_reopen(demo: Any, front: Any) -> None:
    supervision = plan_supervision(demo, front, ["UBND-DL"])
    city_manager = demo.user("manager")
    with frozen(START):
        rec = actions.issue_recommendation(
            front,
            supervision,
            unit=demo.unit("UBND-DL"),
            finding="Giải ngân 61%",
            text="Giao chỉ tiêu giải ngân theo quý",
            due_date=END,
        )
        assert Notification.objects.filter(
            recipient=city_manager, link__contains=str(rec.pk)
        ).exists()
        with pytest.raises(NotAllowed):  # the Front does not answer for the unit
            actions.answer_recommendation(
                front, rec, expected_version=rec.version, kind="accepted", response="x"
            )
        with pytest.raises(NotAllowed):  # nor does another unit
            actions.answer_recommendation(
                demo.user("reporter"), rec, expected_version=1, kind="accepted", response="x"
            )
        version = rec.version
        rec = actions.answer_recommendation(
            city_manager,
            rec,
            expected_version=version,
            kind=ResponseKind.ACCEPTED,
            response="Ban hành kế hoạch giải ngân theo quý",
        )
        assert rec.status == RecommendationStatus.ANSWERED
        stale = Recommendation.objects.get(pk=rec.pk)
        with pytest.raises(EditConflict):
            actions.close_recommendation(front, stale, expected_version=version)
        rec = actions.close_recommendation(front, rec, expected_version=rec.version, note="Đạt")
        assert rec.status == RecommendationStatus.CLOSED
        with pytest.raises(ActionError):
            actions.close_recommendation(front, rec, expected_version=rec.version)
        rec = actions.reopen_recommendation(
            front, rec, expected_version=rec.version, note="Chưa thực hiện", due_date=END
        )
        assert rec.status == RecommendationStatus.OPEN and rec.closed_at is None
    actions_logged = set(
        AuditEntry.objects.filter(target_id=str(rec.pk)).values_list("action", flat=True)
    )
    assert {
        "supervision.recommendation.issue",
        "supervision.recommendation.answer",
        "supervision.recommendation.close",
        "supervision.recommendation.reopen",
    } <= actions_logged


def test_bad_recommendations_are_refused_and_change_nothing(demo: Any, front: Any) -> None:
    supervision = plan_supervision(demo, front, ["UBND-DL"])
    before = Recommendation.objects.count()
    with frozen(START):
        with pytest.raises(ActionError, match="Hạn trả lời"):
            actions.issue_recommendation(
                front,
                supervision,
                unit=demo.unit("UBND-DL"),
                finding="a",
                text="b",
                due_date=START - datetime.timedelta(days=1),
            )
        with pytest.raises(ActionError, match="đơn vị chịu sự giám sát"):
            actions.issue_recommendation(
                front, supervision, unit=demo.unit("TTYT-BL"), finding="a", text="b", due_date=END
            )
        with pytest.raises(ActionError, match="Chưa nhập"):
            actions.issue_recommendation(
                front, supervision, unit=demo.unit("UBND-DL"), finding=" ", text="b", due_date=END
            )
        with pytest.raises(NotAllowed):
            actions.issue_recommendation(
                demo.user("manager"),
                supervision,
                unit=demo.unit("UBND-DL"),
                finding="a",
                text="b",
                due_date=END,
            )
    assert Recommendation.objects.count() == before
    with pytest.raises(ActionError, match="sau ngày bắt đầu"):
        plan_supervision(demo, front, ["UBND-DL"], start=END, end=START)


def test_reminders_before_the_deadline_once_a_day_and_weekly_when_overdue(
    demo: Any, front: Any
) -> None:
    supervision = plan_supervision(demo, front, ["UBND-DL"])
    with frozen(START):
        rec = actions.issue_recommendation(
            front, supervision, unit=demo.unit("UBND-DL"), finding="a", text="b", due_date=END
        )
    assert remind_units(START)["reminded"] == 0  # far from the deadline
    assert remind_units(END - datetime.timedelta(days=2))["reminded"] == 1
    assert remind_units(END - datetime.timedelta(days=2))["reminded"] == 0  # once a day
    assert remind_units(END - datetime.timedelta(days=1))["reminded"] == 0  # once before due
    late = END + datetime.timedelta(days=1)
    assert remind_units(late)["reminded"] == 1
    assert remind_units(late + datetime.timedelta(days=3))["reminded"] == 0
    assert remind_units(late + datetime.timedelta(days=7))["reminded"] == 1
    rec.refresh_from_db()
    assert rec.reminded_on == late + datetime.timedelta(days=7)


def test_dashboard_counts_open_overdue_answered_closed(demo: Any) -> None:
    page = client_for("supervisor").get(reverse("supervision:dashboard") + "?year=2024")
    assert page.status_code == 200
    (row,) = page.context["rows"]
    assert row["unit__name"] == demo.unit("UBND-DL").name
    assert (row["open"], row["overdue"], row["answered"], row["closed"]) == (0, 1, 1, 0)
    assert (
        client_for("supervisor").get(reverse("supervision:dashboard") + "?year=abc").status_code
        == 200
    )


def test_docx_report_in_the_fronts_layout(demo: Any) -> None:
    from docx import Document

    funding = Supervision.objects.get(programme__year=2024)
    url = reverse("supervision:export", kwargs={"pk": funding.pk})
    response = client_for("supervisor").get(url)
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    header = "\n".join(cell.text for cell in doc.tables[0].rows[0].cells)
    assert "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Công khai kết quả các nhiệm vụ" in body and "Tiếp thu" in body
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("manager").get(url).status_code == 404  # supervised, not the team
    other = reverse("supervision:export_as", kwargs={"pk": funding.pk, "fmt": "exe"})
    assert client_for("supervisor").get(other).status_code == 404


def test_pages_for_the_front_and_the_unit(demo: Any, front: Any) -> None:
    client = client_for("supervisor")
    home = client.get(reverse("supervision:home"))
    assert home.status_code == 200 and "Chương trình giám sát năm 2024" in home.content.decode()
    programme = Programme.objects.get(year=2024)
    response = client.post(
        reverse("supervision:supervision_create", kwargs={"pk": programme.pk}),
        {
            "subject": "Giám sát đề tài cấp cơ sở",
            "legal_basis": "",
            "form": SupervisionMethod.DOCUMENTS,
            "period_start": "01/07/2024",
            "period_end": "31/07/2024",
            "supervised_units": [demo.unit("UBND-DL").pk],
            "team": [front.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Supervision.objects.get(subject="Giám sát đề tài cấp cơ sở")
    assert created.period_end == datetime.date(2024, 7, 31)
    bad = client.post(
        reverse("supervision:supervision_create", kwargs={"pk": programme.pk}),
        {
            "subject": "x",
            "form": "team",
            "period_start": "31/07/2024",
            "period_end": "01/07/2024",
            "supervised_units": [demo.unit("UBND-DL").pk],
        },
    )
    assert bad.status_code == 400 and "sau ngày bắt đầu" in bad.content.decode()
    assert client.get(reverse("supervision:detail", args=[created.pk])).status_code == 200
    # The supervised unit may not plan nor edit.
    unit = client_for("manager")
    assert unit.get(reverse("supervision:edit", args=[created.pk])).status_code == 404
    assert unit.get(reverse("supervision:programme_create")).status_code == 404
    assert (
        client_for("outsider").get(reverse("supervision:detail", args=[created.pk])).status_code
        == 404
    )


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_report_through_libreoffice(demo: Any) -> None:
    funding = Supervision.objects.get(programme__year=2024)
    url = reverse("supervision:export_as", kwargs={"pk": funding.pk, "fmt": "pdf"})
    with mock.patch("reviews.rendering._enqueue"):
        waiting = client_for("supervisor").get(url)
    assert waiting.status_code == 202  # the worker converts (reviews.rendering)
    from reviews import rendering
    from reviews.models import PdfRender

    rendering.run_render(str(PdfRender.objects.get().pk))
    response = client_for("supervisor").get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
