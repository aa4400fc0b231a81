"""Experts under Nghị định 13/2023/NĐ-CP: consent decides what others see, export on request,
anonymisation on withdrawal keeps the counts; the finder works with and without diacritics."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core.errors import NotAllowed
from experts import actions
from experts.counts import SOURCES
from experts.models import Degree, Field
from indicators import computed

pytestmark = pytest.mark.django_db
D = datetime.date
# Records count from the day they were entered: the periods below are the current year.
YEAR = timezone.localdate().year


def new_expert(demo, **extra):
    fields = {
        "full_name": "Châu Thị Bích Ngọc",
        "birth_year": YEAR - 30,
        "gender": "female",
        "degree": Degree.DOCTOR,
        "field": Field.AGRICULTURE,
        "keywords": "thủy canh, rau mầm, dinh dưỡng cây trồng",
        "email": "ngoc.ct@example.vn",
        "phone": "0909 123 456",
        "owner_unit": demo.unit("UBND-DL"),
        "consent_on": D(2025, 1, 2),
        "consent_profile": True,
        "is_published": True,
    }
    fields.update(extra)
    return actions.create_expert(demo.user("manager"), **fields)


def test_only_consented_groups_are_shown_beyond_the_managers(demo, as_persona):
    expert = new_expert(demo)
    url = reverse("experts:detail", kwargs={"pk": expert.pk})
    outsider = as_persona("outsider").get(url).content.decode()
    assert "Châu Thị Bích Ngọc" in outsider and "thủy canh" in outsider
    assert "ngoc.ct@example.vn" not in outsider and str(YEAR - 30) not in outsider
    office = as_persona("monitor").get(url).content.decode()
    assert "ngoc.ct@example.vn" in office and str(YEAR - 30) in office
    api = as_persona("outsider").get(f"/api/experts/{expert.pk}/").json()
    assert api["full_name"] == "Châu Thị Bích Ngọc" and "email" not in api
    assert "birth_year" not in api and api["degree"] == "doctor"
    full = as_persona("monitor").get(f"/api/experts/{expert.pk}/").json()
    assert full["email"] == "ngoc.ct@example.vn"


def test_without_consent_the_record_stays_with_its_managers(demo, as_persona):
    expert = new_expert(demo, consent_profile=False, consent_on=None)
    url = reverse("experts:detail", kwargs={"pk": expert.pk})
    assert as_persona("outsider").get(url).status_code == 404
    assert as_persona("monitor").get(url).status_code == 200
    with pytest.raises(Exception):  # noqa: B017 - consent to show needs its date
        new_expert(demo, consent_on=None, full_name="Khác")


def test_personal_values_never_reach_the_audit_log(demo):
    expert = new_expert(demo)
    actions.update_expert(
        demo.user("manager"), expert, expected_version=expert.version, phone="0912 000 111"
    )
    entries = AuditEntry.objects.filter(target_id=str(expert.pk))
    text = json.dumps([e.changes for e in entries], ensure_ascii=False)
    assert "phone" in text
    assert "0912 000 111" not in text and "ngoc.ct@example.vn" not in text
    assert "Châu Thị Bích Ngọc" not in text


def test_export_on_request_is_managers_only_and_audited(demo, as_persona):
    expert = new_expert(demo)
    url = reverse("experts:export", kwargs={"pk": expert.pk})
    assert as_persona("outsider").get(url).status_code == 404
    response = as_persona("monitor").get(url)
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["email"] == "ngoc.ct@example.vn" and data["consent"]["given_on"] == "2025-01-02"
    assert AuditEntry.objects.filter(action="expert.export", target_id=str(expert.pk)).exists()


def test_withdrawal_anonymises_and_the_counts_keep_working(demo, as_persona):
    city = demo.unit("UBND-DL")
    start, end = D(YEAR, 1, 1), D(YEAR, 12, 31)
    before = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    expert = new_expert(demo)
    counted = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    assert counted["experts.doctors"] == before["experts.doctors"] + 1
    assert counted["experts.age.under35"] == before["experts.age.under35"] + 1  # 30 this year
    with pytest.raises(NotAllowed):
        actions.withdraw_consent(demo.user("reporter"), expert, expected_version=expert.version)
    response = as_persona("monitor").post(
        reverse("experts:withdraw", kwargs={"pk": expert.pk}), {"version": expert.version}
    )
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.is_anonymised and expert.email == "" and "Ngọc" not in expert.full_name
    assert (
        as_persona("outsider").get(reverse("experts:detail", kwargs={"pk": expert.pk})).status_code
        == 404
    )
    after = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    assert after == counted
    assert computed.figure("experts.doctors", city, start, end) == after["experts.doctors"]


@pytest.mark.parametrize("query", ["nuôi cấy mô", "nuoi cay mo", "NUÔI CẤY"])
def test_finder_by_keywords_with_and_without_diacritics(as_persona, query):
    page = as_persona("outsider").get(reverse("experts:list"), {"q": query, "field": "agriculture"})
    assert "Nguyễn Thị Lan Hương" in page.content.decode()


def test_finder_hides_people_without_consent(as_persona):
    page = as_persona("outsider").get(reverse("experts:list"), {"q": "atiso say lanh"})
    assert "Trịnh Mai Phương" not in page.content.decode()


def test_drilldown_lists_what_it_may_and_counts_the_rest(demo, as_persona):
    city = demo.unit("UBND-DL")
    start, end = D(YEAR, 1, 1), D(YEAR, 12, 31)
    page = as_persona("outsider").get(computed.drilldown("experts.masters", city, start, end))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Lê Minh Khoa" in body
    assert "Trịnh Mai Phương" not in body and "không công khai" in body
