"""Duplicate warnings of the experts registry: the same e-mail or phone, or a near-identical
name with the same birth year, asks for confirmation; a match is named only to those who see
every field of it (its contact may not be consented to)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.tests.form_data import posted
from experts import actions
from experts.forms import ExpertForm, phone_digits
from experts.models import Degree, Expert, Field

pytestmark = pytest.mark.django_db
D = datetime.date


def expert(demo, persona="manager", **extra):
    fields = {
        "full_name": "Lương Thị Hoài Thương",
        "birth_year": 1984,
        "degree": Degree.DOCTOR,
        "field": Field.AGRICULTURE,
        "email": "thuong.lth@example.vn",
        "phone": "0263 3822 456",
        "owner_unit": demo.unit("UBND-DL"),
    }
    fields.update(extra)
    return actions.create_expert(demo.user(persona), **fields)


def form_post(demo, **extra):
    data = {
        "full_name": "Luong Thi Hoai Thuong", "birth_year": "1984", "degree": "doctor",
        "field": "agriculture", "owner_unit": demo.unit("UBND-DL").pk,
        "purpose": "Tư vấn, phản biện nhiệm vụ KH&CN",
    }  # fmt: skip
    data.update(extra)
    return data


def test_phone_numbers_compare_by_digits():
    assert phone_digits("+84 263 3822 456") == phone_digits("0263.3822.456") == "02633822456"


def test_same_name_and_birth_year_warns_and_confirming_saves(demo, as_persona):
    first = expert(demo)
    client = as_persona("manager")
    before = Expert.objects.count()
    warned = client.post(reverse("experts:create"), form_post(demo))
    body = warned.content.decode()
    assert warned.status_code == 400 and first.full_name in body and "cùng năm sinh" in body
    other_year = client.post(reverse("experts:create"), form_post(demo, birth_year="1990"))
    assert other_year.status_code == 302
    confirmed = client.post(reverse("experts:create"), form_post(demo, confirm_duplicate="on"))
    assert confirmed.status_code == 302 and Expert.objects.count() == before + 2


def test_same_email_or_phone_warns(demo, as_persona):
    expert(demo)
    client = as_persona("manager")
    by_mail = client.post(
        reverse("experts:create"),
        form_post(demo, full_name="Người khác", email="THUONG.LTH@example.vn"),
    )
    assert by_mail.status_code == 400 and "cùng thư điện tử" in by_mail.content.decode()
    by_phone = client.post(
        reverse("experts:create"), form_post(demo, full_name="Người khác", phone="+84 263 3822456")
    )
    assert by_phone.status_code == 400 and "cùng số điện thoại" in by_phone.content.decode()


def test_an_edit_that_keeps_the_name_does_not_warn(demo, as_persona):
    expert(demo)
    twin = expert(demo, full_name="Luong Thi Hoai Thuong", email="", phone="")
    manager = demo.user("manager")
    data = {**posted(ExpertForm(instance=twin, user=manager)), "version": twin.version}
    kept = as_persona("manager").post(
        reverse("experts:edit", kwargs={"pk": twin.pk}), {**data, "keywords": "hoa lan"}
    )
    assert kept.status_code == 302
    twin.refresh_from_db()
    assert twin.keywords == "hoa lan"


def test_a_match_is_named_only_to_who_sees_all_of_it(demo, as_persona):
    # Published with its profile: others see the name, never the contact.
    hidden = expert(
        demo,
        persona="monitor",
        owner_unit=demo.unit("TTYT-BL"),
        consent_on=D(2025, 1, 2),
        consent_profile=True,
        is_published=True,
    )
    assert Expert.objects.visible_to(demo.user("manager")).filter(pk=hidden.pk).exists()
    warned = as_persona("manager").post(
        reverse("experts:create"), form_post(demo, full_name="Ai đó", email=hidden.email)
    )
    body = warned.content.decode()
    assert warned.status_code == 400 and "bạn không xem được" in body
    assert hidden.full_name not in body and str(hidden.pk) not in body
