"""The S&T registries end to end in Chromium: the monitoring office (which may edit every
registry) adds an S&T enterprise with its yearly S&T development fund, a collective mark with
an organisation authorised to use it, and a dissemination session; the computed indicators
fed by those registries move by exactly what was added, and each drill-down lists the new
record. The create forms must also fit a phone screen."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser

ENTERPRISE = "Công ty TNHH Hoa Lan Đỉnh Langbiang"
TAX_CODE = "5804417209"
MARK = "Nhãn hiệu tập thể Lan hài Langbiang"
USER_ORG = "Hợp tác xã Nông nghiệp Đa Phú"
EVENT = "Phổ biến quy trình trồng lan hài trong nhà màng"
PARTICIPANTS = 1200
SET_ASIDE = 850_000_000  # đồng
USED = (300_000_000, 120_000_000)  # đồng: S&T tasks, training

# The computed indicators these registries feed (code → source, measure). The demo types its
# registry figures by hand, so the indicators that count them are defined here: only the
# records are added through the app's forms.
COMPUTED = {
    "T-DN-KHCN": ("organisations.st_enterprises", "doanh nghiệp"),
    "T-DN-QUY": ("organisations.fund_enterprises", "doanh nghiệp"),
    "T-QUY-TRICH": ("organisations.fund_set_aside", "triệu đồng"),
    "T-QUY-DUNG": ("organisations.fund_used", "triệu đồng"),
    "T-NHTT": ("ip.titles.collective", "văn bằng"),
    "T-SHTT-SD": ("ip.authorised_users", "tổ chức"),
    "T-SK": ("events.count", "sự kiện"),
    "T-SK-NGUOI": ("events.participants", "lượt người"),
    "T-PB": ("events.dissemination", "buổi"),
    "T-PB-NGUOI": ("events.dissemination.participants", "lượt người"),
}
MILLION = Decimal(1_000_000)
EXPECTED_MOVE = {
    "T-DN-KHCN": Decimal(1),
    "T-DN-QUY": Decimal(1),
    "T-QUY-TRICH": SET_ASIDE / MILLION,
    "T-QUY-DUNG": sum(USED) / MILLION,
    "T-NHTT": Decimal(1),
    "T-SHTT-SD": Decimal(1),
    "T-SK": Decimal(1),
    "T-SK-NGUOI": Decimal(PARTICIPANTS),
    "T-PB": Decimal(1),
    "T-PB-NGUOI": Decimal(PARTICIPANTS),
}
# Drill-downs opened after the additions, and the record each must list.
DRILLDOWNS = {
    "T-DN-KHCN": ENTERPRISE,
    "T-QUY-TRICH": ENTERPRISE,
    "T-NHTT": MARK,
    "T-SHTT-SD": USER_ORG,
    "T-PB": EVENT,
}


def _name(code: str) -> str:
    return f"[{code}] tính từ sổ KH&CN"


def _define_computed_indicators() -> None:
    from indicators.models import Indicator, ValueType

    for order, (code, (source, measure)) in enumerate(COMPUTED.items(), start=1):
        Indicator.objects.create(
            code=code,
            name=_name(code),
            group="Sổ KH&CN",
            measure_unit=measure,
            value_type=ValueType.DECIMAL if measure == "triệu đồng" else ValueType.INTEGER,
            computed_source=source,
            order=5000 + order,
        )


def _parse(text: str) -> Decimal:
    """A figure as the page shows it ("1.234,5"; "—" for none)."""
    text = text.strip()
    if text in ("", "—"):
        return Decimal(0)
    return Decimal(text.replace(".", "").replace(",", "."))


def _row(page: Any, code: str) -> Any:
    return page.get_by_test_id("unit-indicator-table").locator("tr", has_text=_name(code))


def _figures(page: Any, unit_url: str) -> dict[str, Decimal]:
    page.goto(unit_url)
    return {
        code: _parse(_row(page, code).get_by_test_id("computed-drilldown").inner_text())
        for code in COMPUTED
    }


def _open_registry(page: Any, name: str) -> None:
    page.get_by_test_id("menu-group-registries").click()  # the menu's "Sổ KH&CN" drop-down
    page.get_by_role("link", name=name, exact=True).first.click()


def _save(page: Any) -> None:
    page.locator("main form button[type=submit]", has_text="Lưu").click()
    page.wait_for_load_state()
    errors = page.locator("main .invalid-feedback, main .alert-danger").all_inner_texts()
    assert not errors, (page.url, errors)


def _fits(page: Any, url: str, width: int) -> None:
    page.goto(url)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{url}: {scroll_width}px wide at {width}px"


def test_registries_feed_the_computed_indicators(page: Any) -> None:
    from orgunits.models import OrgUnit

    _define_computed_indicators()
    city = OrgUnit.objects.get(code="UBND-DL")
    year = timezone.localdate().year
    day = f"10/01/{year}"  # early in the current year: inside the period, never in the future
    unit_url = f"/indicators/units/{city.pk}/?year={year}"

    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "theodoi")
    before = _figures(page, unit_url)

    # 1. An S&T enterprise of the city, then its S&T development fund for the year.
    _open_registry(page, "Tổ chức")
    page.get_by_role("link", name="Thêm tổ chức").click()
    create_org_url = page.url
    page.get_by_label("Loại tổ chức").select_option(label="Doanh nghiệp")
    page.get_by_label("Tên tổ chức").fill(ENTERPRISE)
    page.get_by_label("Mã số thuế").fill(TAX_CODE)
    page.get_by_label("Địa chỉ").fill("Thôn Đa Nhim, xã Lạc Dương, Lâm Đồng")
    page.get_by_label("Địa bàn (đơn vị quản lý)").select_option(value=str(city.pk))
    page.get_by_label("Số giấy chứng nhận doanh nghiệp KH&CN").fill("68/DNKHCN")
    page.get_by_label("Ngày cấp giấy chứng nhận doanh nghiệp KH&CN").fill(day)
    page.get_by_label("Cơ quan cấp giấy chứng nhận doanh nghiệp KH&CN").fill(
        "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"
    )
    _save(page)
    page.wait_for_selector(f"h1:has-text('{ENTERPRISE}')")

    page.get_by_role("link", name="Thêm số liệu năm").click()
    fund_url = page.url
    page.get_by_label(re.compile(r"^Năm")).fill(str(year))
    page.get_by_label("Đã thành lập quỹ").check()
    page.get_by_label("Số trích lập trong năm (đồng)").fill("850.000.000")
    page.get_by_label("Sử dụng: thực hiện nhiệm vụ KH&CN (đồng)").fill("300.000.000")
    page.get_by_label("Sử dụng: đào tạo nhân lực KH&CN (đồng)").fill("120000000")
    _save(page)
    funds = page.get_by_test_id("funds").inner_text()
    assert "850.000.000" in funds and "120.000.000" in funds, funds

    # The organisation the mark's authorised user will be (a cooperative, no certificate).
    page.goto(create_org_url)
    page.get_by_label("Loại tổ chức").select_option(label="Tổ chức khác")
    page.get_by_label("Tên tổ chức").fill(USER_ORG)
    page.get_by_label("Địa bàn (đơn vị quản lý)").select_option(value=str(city.pk))
    _save(page)
    page.wait_for_selector(f"h1:has-text('{USER_ORG}')")

    # 2. A collective mark held by the enterprise, and an organisation allowed to use it.
    _open_registry(page, "Sở hữu trí tuệ")
    page.get_by_role("link", name="Thêm văn bằng").click()
    create_title_url = page.url
    page.get_by_label("Loại văn bằng").select_option(label="Nhãn hiệu tập thể")
    page.get_by_label("Tên đối tượng bảo hộ").fill(MARK)
    page.get_by_label("Chủ văn bằng").select_option(label=ENTERPRISE)
    page.get_by_label("Đơn vị quản lý hồ sơ").select_option(value=str(city.pk))
    page.get_by_label("Số đơn").fill(f"4-{year - 2}-01234")
    page.get_by_label("Số văn bằng").fill(f"{year}-LH-0012")
    page.get_by_label("Ngày nộp đơn").fill(f"05/03/{year - 2}")
    page.get_by_label("Ngày cấp văn bằng").fill(day)
    page.get_by_label("Hiệu lực đến").fill(f"10/01/{year + 10}")
    _save(page)
    page.wait_for_selector(f"h1:has-text('{MARK}')")

    page.get_by_role("link", name="Thêm tổ chức được sử dụng").click()
    user_url = page.url
    page.get_by_label("Tổ chức được sử dụng").select_option(label=USER_ORG)
    page.get_by_label("Vùng sản xuất").fill("Xã Lạc Dương")
    page.get_by_label("Sản lượng (tấn/năm)").fill("2,5")
    page.get_by_label("Được sử dụng từ ngày").fill(day)
    _save(page)
    users = page.get_by_test_id("authorised-users").inner_text()
    assert USER_ORG in users, users

    # 3. A dissemination session organised by the enterprise.
    _open_registry(page, "Sự kiện")
    page.get_by_role("link", name="Thêm sự kiện").click()
    create_event_url = page.url
    page.get_by_label("Loại sự kiện").select_option(
        label="Buổi phổ biến, chuyển giao kiến thức KH&CN"
    )
    page.get_by_label("Tên sự kiện").fill(EVENT)
    page.get_by_label("Đơn vị quản lý hồ sơ").select_option(value=str(city.pk))
    page.get_by_label("Tổ chức chủ trì").select_option(label=ENTERPRISE)
    page.get_by_label("Ngày bắt đầu").fill(day)
    page.get_by_label("Ngày kết thúc").fill(day)
    page.get_by_label("Địa điểm").fill("Hội trường xã Lạc Dương")
    page.get_by_label("Số người tham dự").fill("1.200")
    _save(page)
    page.wait_for_selector(f"h1:has-text('{EVENT}')")

    # 4. The indicators moved by exactly what was added; each drill-down lists the record.
    after = _figures(page, unit_url)
    moved = {code: after[code] - before[code] for code in COMPUTED}
    assert moved == EXPECTED_MOVE, (before, after)
    for code, record in DRILLDOWNS.items():
        page.goto(unit_url)
        link = _row(page, code).get_by_test_id("computed-drilldown")
        shown = link.inner_text()
        link.click()
        page.wait_for_load_state()
        assert _parse(page.get_by_test_id("figure").inner_text()) == _parse(shown), code
        assert record in page.locator("main table").inner_text(), (code, record)
    # The indicator's own page names its source and links to the same list.
    page.goto(unit_url)
    _row(page, "T-SHTT-SD").get_by_role("link", name=_name("T-SHTT-SD")).click()
    source = page.get_by_test_id("computed-source")
    assert "tổ chức được cấp quyền sử dụng" in source.inner_text()
    source.get_by_role("link").click()
    page.wait_for_load_state()
    assert USER_ORG in page.locator("main table").inner_text()

    # The create forms fit a phone screen (no sideways scrolling).
    page.set_viewport_size({"width": 390, "height": 800})
    for url in (create_org_url, fund_url, create_title_url, user_url, create_event_url):
        _fits(page, url, 390)
