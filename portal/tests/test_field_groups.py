"""Field groups published per record (core.field_groups): for organisations, IP titles, events
and cooperation agreements, a field of an unpublished group is not rendered for the anonymous
portal visitor, the open-data download or a signed-in outsider who sees the record only as
published; it is once the owner publishes the group (through the action, which writes its
audit row); the owner always sees everything."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from audit.labels import field_label
from audit.models import AuditEntry
from conftest import clear_caches
from cooperation import actions as cooperation_actions
from cooperation.models import Agreement, AgreementStatus, PartnerScope
from events import actions as event_actions
from events.models import EventKind
from ip import actions as ip_actions
from ip.models import TitleKind
from organisations import actions as org_actions
from organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    clear_caches()
    yield
    clear_caches()


def _organisation(demo: Any) -> tuple[Any, str, dict[str, Any], str]:
    org = org_actions.create_organisation(
        demo.user("manager"),
        kind=OrganisationKind.ENTERPRISE,
        name="Công ty TNHH Dâu Tây Núi Mây",
        tax_code="5899990077",
        area=demo.unit("UBND-DL"),
        st_certificate_number="77/2025/DNKHCN",
        st_certificate_date=D(2025, 3, 4),
        st_certificate_issuer="Sở KH&CN Lâm Đồng",
    )
    org_actions.create_fund(
        demo.user("manager"), org, year=2025, amount_set_aside=123_456_789, is_published=True
    )
    return org, "to-chuc", {"publish_certificates": True, "publish_funds": True}, "77/2025/DNKHCN"


def _title(demo: Any) -> tuple[Any, str, dict[str, Any], str]:
    title = ip_actions.create_title(
        demo.user("manager"),
        kind=TitleKind.COLLECTIVE_MARK,
        name="Dâu tây Núi Mây",
        holder=Organisation.objects.get(tax_code="5805556667"),
        owner_unit=demo.unit("UBND-DL"),
        application_number="4-2023-55501",
        number="4-0999077-000",
        filing_date=D(2023, 1, 10),
        grant_date=D(2024, 2, 1),
        valid_until=D(2033, 1, 10),
    )
    return title, "van-bang-shtt", {"publish_filing": True}, "4-2023-55501"


def _event(demo: Any) -> tuple[Any, str, dict[str, Any], str]:
    event = event_actions.create_event(
        demo.user("manager"),
        kind=EventKind.WORKSHOP,
        title="Hội thảo giống dâu tây sạch bệnh",
        owner_unit=demo.unit("UBND-DL"),
        organiser_name="Trạm Khuyến nông Đà Lạt",
        starts_on=D(2025, 4, 2),
        ends_on=D(2025, 4, 2),
        place="Phường 12",
        participants=60,
        outcomes="Chuyển giao quy trình nhân giống dâu tây cấy mô",
    )
    return event, "su-kien", {"publish_outcomes": True}, "quy trình nhân giống dâu tây cấy mô"


def _agreement(demo: Any) -> tuple[Any, str, dict[str, Any], str]:
    agreement = cooperation_actions.create_agreement(
        demo.user("manager"),
        title="Hợp tác nhân giống dâu tây",
        partner_scope=PartnerScope.FOREIGN,
        foreign_partner_names="Viện Rau Hokkaido (Nhật Bản)",
        owner_unit=demo.unit("UBND-DL"),
        scope="Nhân giống in vitro",
        signed_on=D(2024, 5, 6),
        valid_until=D(2029, 5, 6),
        status=AgreementStatus.ACTIVE,
        results="Ba dòng dâu tây kháng bệnh phấn trắng",
    )
    return agreement, "hop-tac", {"publish_results": True}, "kháng bệnh phấn trắng"


def _publish(demo: Any, obj: Any, flags: dict[str, Any]) -> Any:
    user = demo.user("manager")
    version = obj.version
    if isinstance(obj, Organisation):
        return org_actions.update_organisation(user, obj, expected_version=version, **flags)
    if isinstance(obj, Agreement):
        return cooperation_actions.update_agreement(user, obj, expected_version=version, **flags)
    if hasattr(obj, "outcomes"):
        return event_actions.update_event(user, obj, expected_version=version, **flags)
    return ip_actions.update_title(user, obj, expected_version=version, **flags)


API = {
    "to-chuc": "/api/organisations/",
    "van-bang-shtt": "/api/ip-titles/",
    "su-kien": "/api/events/",
    "hop-tac": "/api/agreements/",
}

REGISTRY_PAGES = {
    "to-chuc": "organisations:detail",
    "van-bang-shtt": "ip:title",
    "su-kien": "events:detail",
    "hop-tac": "cooperation:detail",
}


def _seen(demo: Any, as_persona: Any, obj: Any, slug: str, secret: str) -> dict[str, bool]:
    clear_caches()
    portal = Client().get(reverse("portal:registry_detail", args=[slug, obj.pk]))
    assert portal.status_code == 200
    dataset = Client().get(reverse("portal:dataset", args=[slug, "json"])).json()
    (row,) = [r for r in dataset["rows"] if r["id"] == str(obj.pk)]
    page = reverse(REGISTRY_PAGES[slug], kwargs={"pk": obj.pk})
    outsider = as_persona("outsider").get(page)
    owner = as_persona("manager").get(page)
    assert outsider.status_code == owner.status_code == 200
    name = getattr(obj, "name", None) or obj.title
    api = as_persona("outsider").get(f"{API[slug]}{obj.pk}/")
    assert api.status_code == 200
    return {
        "portal": secret in portal.content.decode(),
        "open_data": secret in json.dumps(row, ensure_ascii=False),
        "outsider": secret in outsider.content.decode(),
        "outsider_api": secret in api.content.decode(),
        "owner": secret in owner.content.decode(),
        "identity": name in portal.content.decode() and name in outsider.content.decode(),
    }


@pytest.mark.parametrize("make", [_organisation, _title, _event, _agreement])
def test_unpublished_group_is_not_rendered_until_published(
    demo: Any, as_persona: Any, make: Any
) -> None:
    obj, slug, flags, secret = make(demo)
    assert obj.published_groups() == {"identity"}  # the default: nothing beyond identity
    before = _seen(demo, as_persona, obj, slug, secret)
    assert before == {
        "portal": False,
        "open_data": False,
        "outsider": False,
        "outsider_api": False,
        "owner": True,
        "identity": True,
    }

    obj = _publish(demo, obj, flags)
    entry = AuditEntry.objects.filter(target_id=str(obj.pk)).latest("created_at")
    assert entry.action.endswith(".update")
    assert {name: value[1] for name, value in entry.changes.items()} == flags
    # The change history names each flag in words (the field's verbose name), never its code.
    for name in flags:
        assert field_label(type(obj), name).startswith("Công khai"), name

    after = _seen(demo, as_persona, obj, slug, secret)
    assert after == dict.fromkeys(after, True)


def test_group_labels_are_not_rendered_either(demo: Any, as_persona: Any) -> None:
    event, _slug, _flags, _secret = _event(demo)
    page = reverse("events:detail", kwargs={"pk": event.pk})
    # An empty label would still tell that a group exists: neither label nor value shows.
    assert "Kết quả" not in as_persona("outsider").get(page).content.decode()
    assert "Kết quả" in as_persona("manager").get(page).content.decode()


def test_fund_figures_follow_the_funds_group(demo: Any, as_persona: Any) -> None:
    org, *_ = _organisation(demo)
    api = "/api/organisation-funds/?year=2025&page_size=500"

    def ids(persona: str) -> set[str]:
        return {r["organisation"] for r in as_persona(persona).get(api).json()["results"]}

    assert str(org.pk) not in ids("outsider")
    assert str(org.pk) in ids("manager")
    _publish(demo, org, {"publish_funds": True})
    assert str(org.pk) in ids("outsider")


def test_unpublished_records_and_unknown_registries_answer_404(demo: Any) -> None:
    org, *_ = _organisation(demo)
    org_actions.update_organisation(
        demo.user("manager"), org, expected_version=org.version, is_published=False
    )
    client = Client()
    for url in (
        reverse("portal:registry_detail", args=["to-chuc", org.pk]),
        reverse("portal:registry_detail", args=["to-chuc", uuid.uuid4()]),
        reverse("portal:registry", args=["khong-co"]),
        reverse("portal:dataset", args=["khong-co", "json"]),
    ):
        assert client.get(url).status_code == 404, url
    assert org.name not in client.get(reverse("portal:registry", args=["to-chuc"])).content.decode()


def test_open_data_csv_has_a_column_per_published_field(demo: Any) -> None:
    org, _slug, flags, secret = _organisation(demo)
    body = Client().get(reverse("portal:dataset", args=["to-chuc", "csv"])).content.decode()
    assert org.name in body and secret not in body
    _publish(demo, org, flags)
    clear_caches()
    body = Client().get(reverse("portal:dataset", args=["to-chuc", "csv"])).content.decode()
    assert secret in body and "st_certificate_number" in body.splitlines()[0]


@pytest.mark.parametrize(
    ("make", "edit", "flag"),
    [
        (_organisation, "organisations:edit", "publish_funds"),
        (_title, "ip:title_edit", "publish_users"),
        (_event, "events:edit", "publish_organisations"),
        (_agreement, "cooperation:edit", "publish_projects"),
    ],
)
def test_groups_are_ticked_in_the_edit_form_by_editors_only(
    demo: Any, as_persona: Any, make: Any, edit: str, flag: str
) -> None:
    obj, *_ = make(demo)
    url = reverse(edit, kwargs={"pk": obj.pk})
    assert f'name="{flag}"' in as_persona("manager").get(url).content.decode()
    assert as_persona("outsider").get(url).status_code in (403, 404)
