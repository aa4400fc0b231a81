"""Duplicate warnings of the cooperation registry: the same number, or a near-identical title
with the same partner, asks for confirmation."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cooperation import actions
from cooperation.forms import AgreementForm
from cooperation.models import Agreement, AgreementStatus, PartnerScope
from core.tests.form_data import posted
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date


def agreement(demo, persona="manager", **extra):
    fields = {
        "title": "Hợp tác chọn tạo giống hoa cúc",
        "number": "15/2024/HTKH",
        "partner_scope": PartnerScope.FOREIGN,
        "foreign_partner_names": "Đại học Wageningen (Hà Lan)",
        "owner_unit": demo.unit("UBND-DL"),
        "scope": "Lai tạo, khảo nghiệm giống",
        "signed_on": D(2024, 3, 1),
        "status": AgreementStatus.ACTIVE,
    }
    fields.update(extra)
    return actions.create_agreement(demo.user(persona), **fields)


def form_post(demo, **extra):
    data = {
        "title": "Hop tac chon tao giong hoa cuc", "partner_scope": "foreign",
        "foreign_partner_names": "Dai hoc Wageningen (Ha Lan)",
        "owner_unit": demo.unit("UBND-DL").pk,
        "scope": "Khảo nghiệm", "signed_on": "01/06/2025", "status": "active", "is_published": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def test_same_partner_and_title_warn_and_confirming_saves(demo, as_persona):
    first = agreement(demo)
    client = as_persona("manager")
    before = Agreement.objects.count()
    warned = client.post(reverse("cooperation:create"), form_post(demo))
    body = warned.content.decode()
    assert warned.status_code == 400 and first.title in body and "cùng đối tác" in body
    # Another partner: another agreement.
    other = client.post(
        reverse("cooperation:create"), form_post(demo, foreign_partner_names="Viện Rau Bretagne")
    )
    assert other.status_code == 302
    confirmed = client.post(reverse("cooperation:create"), form_post(demo, confirm_duplicate="on"))
    assert confirmed.status_code == 302 and Agreement.objects.count() == before + 2


def test_same_number_warns_and_a_partner_in_common_counts(demo, as_persona):
    partner = Organisation.objects.get(tax_code="5803334445")
    agreement(demo, partners=[partner], foreign_partner_names="", partner_scope="domestic")
    client = as_persona("manager")
    same_number = client.post(
        reverse("cooperation:create"),
        form_post(demo, title="Một thỏa thuận khác hẳn", number="15/2024/htkh"),
    )
    assert same_number.status_code == 400 and "cùng số hiệu" in same_number.content.decode()
    shared = client.post(
        reverse("cooperation:create"),
        form_post(demo, foreign_partner_names="", partner_scope="domestic", partners=[partner.pk]),
    )
    assert shared.status_code == 400 and "cùng đối tác" in shared.content.decode()


def test_an_edit_that_keeps_the_name_does_not_warn(demo, as_persona):
    agreement(demo)
    twin = agreement(demo, number="", title="Hop tac chon tao giong hoa cuc")  # confirmed earlier
    manager = demo.user("manager")
    data = {**posted(AgreementForm(instance=twin, user=manager)), "version": twin.version}
    kept = as_persona("manager").post(
        reverse("cooperation:edit", kwargs={"pk": twin.pk}), {**data, "results": "Hai giống mới"}
    )
    assert kept.status_code == 302
    twin.refresh_from_db()
    assert twin.results == "Hai giống mới"


def test_a_hidden_match_is_not_named(demo, as_persona):
    hidden = agreement(demo, persona="monitor", owner_unit=demo.unit("TTYT-BL"), is_published=False)
    assert not Agreement.objects.visible_to(demo.user("manager")).filter(pk=hidden.pk).exists()
    warned = as_persona("manager").post(reverse("cooperation:create"), form_post(demo))
    body = warned.content.decode()
    assert warned.status_code == 400 and "bạn không xem được" in body
    assert hidden.title not in body and "15/2024/HTKH" not in body and str(hidden.pk) not in body
