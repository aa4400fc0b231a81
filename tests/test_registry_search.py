"""Registry search (issues 12, 13): the folded search column follows every write path (create,
edit, import), a query typed without dấu finds the record on its list page, and the bounded
pager counts exactly when matches are few and says "more than" when they are many."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import EmptyPage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from cooperation import actions as cooperation_actions
from core.filters import folded_search, search_words
from core.pagination import BoundedPaginator
from events import actions as event_actions
from experts import actions as expert_actions
from ip import actions as ip_actions
from organisations import actions as organisation_actions
from organisations.excel import HEADERS as ORGANISATION_HEADERS
from organisations.models import Organisation
from projects import actions as project_actions
from projects import excel as project_excel
from projects.models import Project

pytestmark = pytest.mark.django_db
D = datetime.date


def found(client: Any, url_name: str, query: str, text: str) -> bool:
    page = client.get(reverse(url_name), {"q": query})
    assert page.status_code == 200
    return text in page.content.decode()


def test_search_words_are_folded_deduplicated_and_longest_first() -> None:
    assert search_words("Cà phê CÀ") == ["phe", "ca"]
    assert search_words("Đơn Dương đơn") == ["duong", "don"]
    assert search_words("Lâm Đồng đồng ồn") == ["dong", "lam"]  # "on" is inside "dong"
    assert search_words("  ") == []


def test_organisation_search_text_follows_create_edit_and_import(demo, as_persona) -> None:
    monitor = demo.user("monitor")
    org = organisation_actions.create_organisation(
        monitor, kind="enterprise", name="Công ty TNHH Đặc sản Đơn Dương", tax_code="5890001112"
    )
    assert "dac san don duong" in org.search_text
    client = as_persona("monitor")
    assert found(client, "organisations:list", "dac san don duong", "Đặc sản Đơn Dương")
    organisation_actions.update_organisation(
        monitor, org, expected_version=org.version, name="Công ty TNHH Nông sản Đạ Huoai"
    )
    org.refresh_from_db()
    assert "nong san da huoai" in org.search_text and "don duong" not in org.search_text
    assert found(client, "organisations:list", "NONG SAN đạ huoai", "Nông sản Đạ Huoai")
    assert not found(client, "organisations:list", "dac san don duong", "Đạ Huoai")

    book = Workbook()
    book.active.append(ORGANISATION_HEADERS)
    book.active.append(
        [
            "Hợp tác xã Dâu tây Đà Lạt Xanh",
            "",
            "Doanh nghiệp",
            "5890002223",
            "",
            "",
            "",
            "",
            "",
            "không",
            "",
            "",
            "",
        ]  # fmt: skip
    )
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("to-chuc.xlsx", data.getvalue())
    assert client.post(reverse("organisations:import"), {"file": upload}).status_code == 302
    imported = Organisation.objects.get(tax_code="5890002223")
    assert "hop tac xa dau tay da lat xanh" in imported.search_text
    assert found(client, "organisations:list", "dau tay da lat xanh", "Dâu tây Đà Lạt Xanh")


def test_project_search_text_follows_create_edit_and_import(demo, as_persona) -> None:
    from projects.tests.test_import_export import _book, _row

    manager = demo.user("manager")
    city = demo.unit("UBND-DL")
    project = project_actions.create_project(
        manager, title="Nhân giống đương quy Đà Lạt", kind="de_tai", level="co_so",
        science_field="4", unit=city, managing_unit=city, estimated_budget=1,
    )  # fmt: skip
    assert "nhan giong duong quy da lat" in project.search_text
    project_actions.update_proposal(
        manager, project, expected_version=project.version, title="Nhân giống atisô tím Đà Lạt"
    )
    project.refresh_from_db()
    assert "atiso tim" in project.search_text and "duong quy" not in project.search_text

    project_excel.import_projects(
        manager, _book([_row("CS-2019-97", B="Bảo quản hoa đồng tiền sau thu hoạch")])
    )
    imported = Project.objects.get(code="CS-2019-97")
    assert "bao quan hoa dong tien" in imported.search_text
    client = as_persona("manager")
    assert found(client, "projects:list", "hoa dong tien bao quan", "hoa đồng tiền")
    assert found(client, "projects:list", "HOA ĐỒNG TIỀN", "hoa đồng tiền")


def test_registry_search_text_follows_create_and_edit(demo, as_persona) -> None:
    manager, city = demo.user("manager"), demo.unit("UBND-DL")
    client = as_persona("manager")

    event = event_actions.create_event(
        manager, kind="workshop", title="Hội thảo cà phê Cầu Đất", owner_unit=city,
        organiser_name="Sở KH&CN", starts_on=D(2025, 3, 5), ends_on=D(2025, 3, 5),
        place="Xuân Trường", participants=40,
    )  # fmt: skip
    event_actions.update_event(
        manager, event, expected_version=event.version, title="Hội thảo chè Cầu Đất"
    )
    event.refresh_from_db()
    assert "hoi thao che cau dat" in event.search_text and "ca phe" not in event.search_text
    assert found(client, "events:list", "che cau dat", "Hội thảo chè Cầu Đất")

    expert = expert_actions.create_expert(
        manager, full_name="Đặng Thị Lựu", birth_year=1980, degree="doctor",
        field="agriculture", keywords="nấm linh chi", owner_unit=city,
        consent_on=D(2025, 1, 2), consent_profile=True, is_published=True,
    )  # fmt: skip
    expert_actions.update_expert(
        manager, expert, expected_version=expert.version, keywords="đông trùng hạ thảo"
    )
    expert.refresh_from_db()
    assert "dong trung ha thao" in expert.search_text and "linh chi" not in expert.search_text
    assert found(client, "experts:list", "dang thi luu dong trung", "Đặng Thị Lựu")

    holder = Organisation.objects.get(tax_code="5805556667")
    title = ip_actions.create_title(
        manager, kind="trademark", name="Hồng treo gió Đà Lạt", holder=holder,
        owner_unit=city, number="4-0999777-000", grant_date=D(2024, 2, 1),
    )  # fmt: skip
    ip_actions.update_title(
        manager, title, expected_version=title.version, name="Hồng sấy dẻo Đà Lạt"
    )
    title.refresh_from_db()
    assert "hong say deo da lat" in title.search_text and "treo gio" not in title.search_text
    assert found(client, "ip:titles", "hong say deo", "Hồng sấy dẻo Đà Lạt")

    agreement = cooperation_actions.create_agreement(
        manager, title="Hợp tác chuyển giao giống khoai tây", partner_scope="domestic",
        owner_unit=city, scope="Khảo nghiệm", status="active", signed_on=D(2024, 5, 6),
    )  # fmt: skip
    cooperation_actions.update_agreement(
        manager, agreement, expected_version=agreement.version, scope="Nhân giống đậu Hà Lan"
    )
    agreement.refresh_from_db()
    assert "dau ha lan" in agreement.search_text and "khao nghiem" not in agreement.search_text
    assert found(client, "cooperation:list", "khoai tay dau ha lan", "giống khoai tây")


class SmallPager(BoundedPaginator):
    count_limit = 5


def _orgs(demo: Any, names: list[str]) -> Any:
    monitor = demo.user("monitor")
    for name in names:
        organisation_actions.create_organisation(monitor, kind="enterprise", name=name)
    return folded_search(Organisation.objects.order_by("name"), "search_text", "zzbench")


def test_pager_reads_few_matches_by_key_without_counting(demo) -> None:
    rows = _orgs(demo, ["Zzbench Ba", "Zzbench Một"])
    pager = SmallPager(rows, 50)
    with CaptureQueriesContext(connection) as queries:
        page = pager.page(1)
        names = [o.name for o in page]
    assert pager.count == 2 and pager.count_is_exact and names == ["Zzbench Ba", "Zzbench Một"]
    assert len(queries) == 2 and not any("COUNT(" in q["sql"] for q in queries)


def test_pager_counts_exactly_up_to_its_limit_then_says_more(demo) -> None:
    rows = _orgs(demo, [f"Zzbench {i}" for i in range(5)])
    pager = SmallPager(rows, 2)
    assert pager.count == 5 and pager.count_is_exact and pager.num_pages == 3
    assert [o.name for o in pager.page(2)] == ["Zzbench 2", "Zzbench 3"]
    more = _orgs(demo, [f"Zzbench {i}" for i in range(5, 8)])
    pager = SmallPager(more, 2)
    assert pager.count == 5 and not pager.count_is_exact
    assert [o.name for o in pager.page(1)] == ["Zzbench 0", "Zzbench 1"]
    with pytest.raises(EmptyPage):
        pager.page(4)  # past the limit: narrow the search instead


def test_list_page_says_more_than_when_the_count_is_bounded(demo, as_persona, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "count_limit", 2)
    page = as_persona("monitor").get(reverse("projects:list")).content.decode()
    assert "Hơn 2 nhiệm vụ" in page
    monkeypatch.setattr(BoundedPaginator, "count_limit", 1000)
    page = as_persona("monitor").get(reverse("projects:list")).content.decode()
    exact = Project.objects.visible_to(demo.user("monitor")).count()
    assert f"{exact} nhiệm vụ" in page and "Hơn" not in page.split("project-table")[0][-300:]


def test_registry_lists_of_a_scoped_user_need_no_distinct(demo) -> None:
    """Their visibility names only own columns and subqueries: no DISTINCT (which sorts the
    whole registry for one page), and still no row twice."""
    from cooperation.models import Agreement
    from events.models import Event
    from experts.models import Expert
    from ip.models import IpTitle, Product

    manager = demo.user("manager")
    for model in (Organisation, IpTitle, Product, Event, Expert, Agreement, Project):
        rows = model.objects.visible_to(manager)
        assert not rows.query.distinct, model
        keys = list(rows.values_list("pk", flat=True))
        assert keys and len(keys) == len(set(keys)), model
