"""Experts proposed for offers and needs: ranked with reasons, only with the person's consent."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from experts.models import Expert, Field
from market import actions, search
from market.models import Need, Offer

pytestmark = pytest.mark.django_db


def _need(demo, text: str, field: str = "nuôi cấy mô"):
    return actions.create_listing(
        demo.user("reporter"), Need, owner_unit=demo.unit("DB-phuong-1"), publish=True,
        title="Cần nhân giống hoa lan", description=text, requester_name="HTX hoa",
        field=field, place="Đà Lạt",
    )  # fmt: skip


def test_need_lists_experts_with_shared_words_and_field(demo):
    need = _need(demo, "Muốn nuôi cấy mô để có cây giống hoa lan sạch bệnh")
    found = search.experts_for_need(need, Expert.objects.visible_to(demo.user("reporter")))
    names = [s.obj.full_name for s in found]
    assert names and names[0] == "Nguyễn Thị Lan Hương"
    reasons = " ".join(found[0].reasons)
    assert "nuôi cấy" in reasons and "Đúng lĩnh vực" in reasons


def test_matching_works_without_diacritics(demo):
    need = _need(demo, "muon nuoi cay mo hoa lan sach benh")
    found = search.experts_for_need(need, Expert.objects.visible_to(demo.user("reporter")))
    assert found and found[0].obj.full_name == "Nguyễn Thị Lan Hương"


def test_experts_without_profile_consent_are_never_proposed(demo):
    hidden = Expert.objects.create(
        full_name="Người chưa đồng ý", birth_year=1980, degree="doctor", field=Field.AGRICULTURE,
        keywords="nuôi cấy mô, hoa lan, cây giống sạch bệnh", owner_unit=demo.unit("UBND-DL"),
        is_published=True, consent_on=datetime.date(2025, 1, 1), consent_contact=True,
    )  # fmt: skip
    need = _need(demo, "nuôi cấy mô hoa lan cây giống sạch bệnh")
    monitor = demo.user("monitor")  # sees every record, yet the market proposes only consent
    found = search.experts_for_need(need, Expert.objects.visible_to(monitor))
    assert hidden.pk not in {s.obj.pk for s in found}
    # Consent given: now proposed (the cached index notices the change).
    hidden.consent_profile = True
    hidden.save()
    found = search.experts_for_need(need, Expert.objects.visible_to(monitor))
    assert hidden.pk in {s.obj.pk for s in found}
    hidden.consent_withdrawn_on = datetime.date(2025, 6, 1)
    hidden.save()
    found = search.experts_for_need(need, Expert.objects.visible_to(monitor))
    assert hidden.pk not in {s.obj.pk for s in found}


def test_offer_and_need_pages_show_experts_but_no_unconsented_contact(demo, as_persona):
    expert = Expert.objects.get(full_name="Lê Minh Khoa")  # consented to profile and contact
    silent = Expert.objects.get(full_name="Hoàng Văn Sơn")  # profile only
    offer = actions.create_listing(
        demo.user("reporter"), Offer, owner_unit=demo.unit("DB-phuong-1"), publish=True,
        title="Nhà kính thông minh điều khiển bằng IoT", summary="Cảm biến độ ẩm, tưới tự động.",
        keywords="IoT, cảm biến độ ẩm, nhà kính", field="công nghệ thông tin/IoT",
        provider_name="Công ty IoT nông nghiệp",
    )  # fmt: skip
    page = as_persona("outsider").get(reverse("market:offer", kwargs={"pk": offer.pk}))
    text = page.content.decode()
    assert page.status_code == 200 and "Chuyên gia phù hợp" in text
    assert expert.full_name in text and "cảm biến độ ẩm" in text
    assert expert.email not in text and expert.phone not in text  # contact stays on the profile
    need = _need(demo, "Cà phê arabica trên đất bazan bị vàng lá", field="giống cây trồng")
    page = as_persona("outsider").get(reverse("market:need", kwargs={"pk": need.pk}))
    text = page.content.decode()
    assert silent.full_name in text and silent.email not in text
    assert str(silent.birth_year) not in text
