"""The public registries' search and open-data files.

- Search on ``/cong-khai/dang-ky/<registry>/?q=`` matches only the published field groups
  (``public_search_text``): a value of an unpublished group finds nothing until the group is
  published; signed-in search of the record's managers is unchanged.
- Open-data files read a constant number of queries whatever the number of records, and hold
  at most ``FILE_ROWS`` records each, the next ones on ``?trang=2``…
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import clear_caches
from cooperation.models import Agreement, AgreementStatus, PartnerScope
from events.models import Event, EventKind
from ip.models import AuthorisedUser, IpTitle, TitleKind
from organisations.models import Organisation, OrganisationKind, StFund
from portal.tests.test_field_groups import _event, _organisation, _publish, _title
from portal.views import data
from projects.models import Project

pytestmark = pytest.mark.django_db
D = datetime.date
LIST_PAGES = {
    "to-chuc": "organisations:list",
    "van-bang-shtt": "ip:titles",
    "su-kien": "events:list",
}


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    clear_caches()
    yield
    clear_caches()


def _found(slug: str, obj: Any, query: str) -> bool:
    clear_caches()
    page = Client().get(reverse("portal:registry", args=[slug]), {"q": query})
    assert page.status_code == 200
    return reverse("portal:registry_detail", args=[slug, obj.pk]) in page.content.decode()


@pytest.mark.parametrize(
    ("make", "query"),
    [
        (_organisation, "77/2025/dnkhcn"),  # S&T certificate number (certificates group)
        (_title, "4-2023-55501"),  # application number (filing group)
        (_event, "cay mo nhan giong"),  # outcomes, typed without diacritics
    ],
)
def test_public_search_matches_published_groups_only(
    demo: Any, as_persona: Any, make: Any, query: str
) -> None:
    obj, slug, flags, _secret = make(demo)
    name = getattr(obj, "name", None) or obj.title
    assert _found(slug, obj, name)  # identity: always searchable
    assert not _found(slug, obj, query)  # hidden group: the visitor learns nothing
    # The record's managers still find it by the hidden value (their search is unchanged).
    manager = as_persona("manager").get(reverse(LIST_PAGES[slug]), {"q": query})
    assert str(obj.pk) in manager.content.decode()

    obj = _publish(demo, obj, flags)
    assert _found(slug, obj, query)

    # Withdrawn again: hidden again.
    _publish(demo, obj, dict.fromkeys(flags, False))
    assert not _found(slug, obj, query)


def test_public_search_page_keeps_the_words_and_answers_long_queries(demo: Any) -> None:
    page = Client().get(reverse("portal:registry", args=["to-chuc"]), {"q": "x" * 5000})
    assert page.status_code == 200
    assert "Không có hồ sơ công khai nào khớp với từ khóa." in page.content.decode()
    page = Client().get(reverse("portal:registry", args=["to-chuc"]), {"q": "\x00Đà\x01 Lạt"})
    assert 'value="Đà Lạt"' in page.content.decode()


# -- open data -----------------------------------------------------------------------------

_serial = itertools.count()


def _add_records(demo: Any, n: int) -> None:
    """``n`` more published records per registry, each with every group published and its
    related lists filled (funds, authorised users, participants, partners and projects)."""
    unit = demo.unit("UBND-DL")
    project = Project.objects.filter(is_published=True, status__in=("accepted", "registered"))[0]
    for _ in range(n):
        i = next(_serial)
        org = Organisation.objects.create(
            kind=OrganisationKind.ENTERPRISE,
            name=f"Công ty Dữ liệu Mở {i}",
            tax_code=f"58{i:08d}",
            area=unit,
            st_certificate_number=f"{i}/DNKHCN",
            st_certificate_date=D(2024, 1, 2),
            publish_certificates=True,
            publish_funds=True,
        )
        StFund.objects.create(organisation=org, year=2024, amount_set_aside=1000, is_published=True)
        title = IpTitle.objects.create(
            kind=TitleKind.COLLECTIVE_MARK,
            name=f"Nhãn hiệu {i}",
            holder=org,
            owner_unit=unit,
            application_number=f"4-2024-{i:05d}",
            project=project,
            publish_filing=True,
            publish_users=True,
        )
        AuthorisedUser.objects.create(title=title, organisation=org, valid_from=D(2024, 1, 1))
        event = Event.objects.create(
            kind=EventKind.WORKSHOP,
            title=f"Hội thảo {i}",
            owner_unit=unit,
            organiser=org,
            starts_on=D(2024, 5, 1),
            ends_on=D(2024, 5, 1),
            place="Đà Lạt",
            outcomes="Kết quả",
            publish_organisations=True,
            publish_outcomes=True,
        )
        event.participant_organisations.set([org])
        agreement = Agreement.objects.create(
            title=f"Thỏa thuận {i}",
            partner_scope=PartnerScope.DOMESTIC,
            owner_unit=unit,
            signed_on=D(2024, 1, 1),
            status=AgreementStatus.ACTIVE,
            results="Kết quả",
            publish_results=True,
            publish_projects=True,
        )
        agreement.partners.set([org])
        agreement.projects.set([project])
        Project.objects.create(
            code=f"ODM-{i}",
            title=f"Nhiệm vụ dữ liệu mở {i}",
            kind=project.kind,
            level=project.level,
            science_field=project.science_field,
            unit=unit,
            managing_unit=unit,
            host=org,
            status="accepted",
            accepted_on=D(2024, 6, 1),
            rating=project.rating or "dat",
            is_published=True,
        )


def _queries(url: str) -> tuple[int, Any]:
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("name", list(data.DATASETS))
def test_open_data_reads_a_constant_number_of_queries(
    demo: Any, name: str, django_assert_max_num_queries: Any
) -> None:
    _add_records(demo, 4)
    url = reverse("portal:dataset", args=[name, "json"])
    at_n, first = _queries(url)
    _add_records(demo, 8)  # three times as many added records
    clear_caches()
    with django_assert_max_num_queries(at_n):
        again = Client().get(url)
    assert len(again.json()["rows"]) >= len(first.json()["rows"])
    if name != "ke-hoach":  # plans are not added here
        assert len(again.json()["rows"]) == len(first.json()["rows"]) + 8
    csv_at_n, _ = _queries(reverse("portal:dataset", args=[name, "csv"]))
    assert csv_at_n <= at_n


def test_open_data_related_lists_stay_published_only(demo: Any) -> None:
    _add_records(demo, 1)
    org = Organisation.objects.get(name__startswith="Công ty Dữ liệu Mở")
    StFund.objects.create(organisation=org, year=2023, amount_set_aside=999, is_published=False)
    rows = Client().get(reverse("portal:dataset", args=["to-chuc", "json"])).json()["rows"]
    (row,) = [r for r in rows if r["id"] == str(org.pk)]
    assert [f["year"] for f in row["funds"]] == [2024]


def test_open_data_files_are_capped_with_a_next_file(demo: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(data, "FILE_ROWS", 3)
    _add_records(demo, 4)
    total = Organisation.objects.filter(is_published=True).count()
    url = reverse("portal:dataset", args=["to-chuc", "json"])
    seen: list[str] = []
    page, next_url = 1, url
    while next_url:
        clear_caches()
        body = Client().get(next_url).json()
        assert body["page"] == page and len(body["rows"]) <= 3
        seen += [r["id"] for r in body["rows"]]
        next_url, page = body["next"], page + 1
    assert len(seen) == len(set(seen)) == total
    clear_caches()
    csv = Client().get(reverse("portal:dataset", args=["to-chuc", "csv"]))
    assert len(csv.content.decode().strip().splitlines()) == 1 + 3
    assert 'rel="next"' in csv["Link"] and "trang=2" in csv["Link"]
    for bad in ("0", "abc", "-1", str(page + 5)):
        clear_caches()
        assert Client().get(url, {"trang": bad}).status_code == 404, bad
    note = Client().get(reverse("portal:open_data")).content.decode()
    assert "Mỗi tệp chứa tối đa 3 bản ghi" in note
