"""The technology market for its personas: posting, matching with reasons, brokering, counts."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from indicators import computed
from market import actions, interchange
from market.counts import SOURCES
from market.models import Connection, ConnectionStatus, ListingStatus, Need, Offer
from market.reminders import remind_brokers
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def post_need(demo, persona="reporter", **extra):
    fields: dict[str, object] = {
        "title": "Ốc sên phá rau",
        "description": "Vườn rau bị ốc sên cắn nát lá non, muốn cách diệt không độc cho người",
        "requester_name": "Tổ hợp tác rau",
        "field": "chế phẩm sinh học",
        "place": "Đà Lạt",
    }
    fields.update(extra)
    publish = bool(fields.pop("publish", True))
    return actions.create_listing(
        demo.user(persona), Need, owner_unit=demo.unit("DB-phuong-1"), publish=publish, **fields
    )


def test_demo_loads_the_shared_catalogue_as_published_offers():
    assert Offer.objects.published().count() >= 150
    example = Offer.objects.get(external_id="off-113")
    assert example.is_example and example.provider_name


def test_need_page_ranks_offers_with_reasons(demo, as_persona):
    need = post_need(demo)
    page = as_persona("reporter").get(reverse("market:need", kwargs={"pk": need.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vì sao gợi ý" in text
    assert "Gần nghĩa" in text  # "ốc sên" bridged to the offers' vocabulary


def test_free_text_search_without_diacritics(as_persona):
    page = as_persona("reporter").get(reverse("market:home"), {"q": "nuoc thai ca phe bi phat"})
    assert page.status_code == 200
    assert "ECR xử lý nước thải cà phê" in page.content.decode()


def test_a_draft_need_is_private_to_its_unit(demo, as_persona):
    need = post_need(demo, publish=False)
    url = reverse("market:need", kwargs={"pk": need.pk})
    assert as_persona("outsider").get(url).status_code == 404
    assert as_persona("reporter").get(url).status_code == 200
    assert as_persona("monitor").get(url).status_code == 200


def test_only_units_the_user_acts_for_may_own_a_listing(demo):
    with pytest.raises(NotAllowed):
        actions.create_listing(
            demo.user("outsider"), Need, owner_unit=demo.unit("DB-phuong-1"),
            title="x", description="y", requester_name="z",
        )  # fmt: skip


def test_bad_budget_changes_nothing(demo, as_persona):
    before = Need.objects.count()
    response = as_persona("reporter").post(
        reverse("market:need_create"),
        {
            "owner_unit": demo.unit("DB-phuong-1").pk, "title": "Máy sấy",
            "description": "Cần máy sấy",
            "requester_name": "HTX", "field": "chế biến", "budget_min": "5000000",
            "budget_max": "1000", "publish": "on",
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "không nhỏ hơn" in response.content.decode()
    response = as_persona("reporter").post(
        reverse("market:need_create"),
        {"owner_unit": demo.unit("DB-phuong-1").pk, "title": "Máy", "description": "x",
         "requester_name": "HTX", "field": "chế biến", "budget_max": "1" + "0" * 20},
    )  # fmt: skip
    assert response.status_code == 400
    assert Need.objects.count() == before


def test_double_request_makes_one_connection(demo, as_persona):
    need = post_need(demo)
    offer = Offer.objects.get(external_id="off-123")
    client = as_persona("reporter")
    url = reverse("market:connect", kwargs={"pk": need.pk})
    client.post(url, {"offer": offer.pk, "share_contact": "on"})
    client.post(url, {"offer": offer.pk, "share_contact": "on"})
    assert Connection.objects.filter(need=need, offer=offer).count() == 1
    connection = Connection.objects.get(need=need, offer=offer)
    assert connection.need_consents
    assert Notification.objects.filter(
        recipient=demo.user("monitor"), link__contains=str(connection.pk)
    ).exists()


def test_connection_moves_only_along_its_steps(demo):
    need = post_need(demo)
    offer = Offer.objects.get(external_id="off-120")
    broker = demo.user("monitor")
    c = actions.request_connection(demo.user("reporter"), need, offer)
    with pytest.raises(ActionError):
        actions.record_contract(
            broker,
            c,
            expected_version=c.version,
            signed_on=timezone.localdate(),
            value=1,
            form="licence",
        )
    with pytest.raises(NotAllowed):
        actions.introduce(demo.user("reporter"), c, expected_version=c.version)
    with pytest.raises(ActionError):
        actions.decline(broker, c, expected_version=c.version, note="  ")
    actions.introduce(broker, c, expected_version=c.version)
    assert c.first_response_at is not None
    with pytest.raises(ActionError):
        actions.introduce(broker, c, expected_version=c.version)
    c.refresh_from_db()
    contract = actions.record_contract(
        broker,
        c,
        expected_version=c.version,
        signed_on=timezone.localdate(),
        value=120_000_000,
        form="licence",
    )
    c.refresh_from_db()
    assert c.status == ConnectionStatus.DEAL and c.closed_at and contract.value == 120_000_000
    assert AuditEntry.objects.filter(
        action="market.connection.contract", target_id=str(c.pk)
    ).exists()


def test_stale_version_is_refused(demo):
    from core.errors import EditConflict

    need = post_need(demo)
    c = actions.request_connection(
        demo.user("reporter"), need, Offer.objects.get(external_id="off-064")
    )
    with pytest.raises(EditConflict):
        actions.introduce(demo.user("monitor"), c, expected_version=c.version + 5)


def test_contacts_are_shared_only_when_both_sides_agree(demo, as_persona):
    need = post_need(demo, contact_phone="0909123456")
    offer = Offer.objects.get(external_id="off-123")
    c = actions.request_connection(demo.user("reporter"), need, offer, share_contact=True)
    actions.introduce(demo.user("monitor"), c, expected_version=c.version)
    offer_page = (
        as_persona("reporter")
        .get(reverse("market:offer", kwargs={"pk": offer.pk}))
        .content.decode()
    )
    assert "Liên hệ qua chợ công nghệ" in offer_page
    c.refresh_from_db()
    assert not c.contacts_shared
    c.offer_consents = True
    c.save()
    assert c.contacts_shared


def test_outsider_cannot_see_others_connections(demo, as_persona):
    need = post_need(demo)
    c = actions.request_connection(
        demo.user("reporter"), need, Offer.objects.get(external_id="off-064")
    )
    url = reverse("market:connection", kwargs={"pk": c.pk})
    assert as_persona("outsider").get(url).status_code == 404
    assert as_persona("reporter").get(url).status_code == 200
    step = reverse("market:connection_step", kwargs={"pk": c.pk, "step": "introduce"})
    assert as_persona("reporter").post(step, {"version": c.version, "note": ""}).status_code == 404


def test_import_is_all_or_nothing_with_line_errors(demo, as_persona):
    before = Offer.objects.count()
    rows = [
        {"id": "x-1", "title": "Máy sấy mini", "provider": "Xưởng A", "field": "chế biến"},
        {"id": "x-2", "title": "Đèn", "provider": "B", "field": "không có lĩnh vực này"},
    ]
    upload = SimpleUploadedFile(
        "offers.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    )
    response = as_persona("monitor").post(
        reverse("market:import"), {"file": upload, "owner_unit": demo.unit("SKHCN-LD").pk}
    )
    assert response.status_code == 400
    assert "Dòng 2" in response.content.decode()
    assert Offer.objects.count() == before
    assert as_persona("reporter").get(reverse("market:import")).status_code == 404


def test_export_then_import_updates_instead_of_duplicating(demo, as_persona):
    data = as_persona("monitor").get(reverse("market:export", kwargs={"fmt": "jsonl"})).content
    before = Offer.objects.count()
    rows = interchange.clean(interchange.parse(data, "x.jsonl"))
    result = interchange.import_offers(demo.user("monitor"), demo.unit("SKHCN-LD"), rows)
    assert result["created"] == 0 and result["updated"] == len(rows)
    assert Offer.objects.count() == before


def test_csv_export_neutralises_formulas(demo, as_persona):
    actions.create_listing(
        demo.user("monitor"), Offer, owner_unit=demo.unit("SKHCN-LD"), publish=True,
        title="=HYPERLINK(\"http://x\")", summary="s", provider_name="+cmd",
    )  # fmt: skip
    text = (
        as_persona("monitor").get(reverse("market:export", kwargs={"fmt": "csv"})).content.decode()
    )
    assert "'=HYPERLINK" in text and "'+cmd" in text


def test_feed_shows_only_published_offers(demo, anonymous):
    draft = actions.create_listing(
        demo.user("monitor"), Offer, owner_unit=demo.unit("SKHCN-LD"),
        title="Bí mật chưa đăng", summary="s", provider_name="p",
    )  # fmt: skip
    assert draft.status == ListingStatus.DRAFT
    feed = anonymous.get(reverse("market:feed")).content.decode()
    assert "<feed" in feed and "Bí mật chưa đăng" not in feed


def test_contracts_are_counted_with_drilldown(demo, as_persona):
    unit = demo.unit("DB-phuong-1").parent or demo.unit("DB-phuong-1")
    start, end = datetime.date(2000, 1, 1), timezone.localdate()
    before = computed.figure("market.contracts", unit, start, end) or 0
    value_before = computed.figure("market.contract_value", unit, start, end) or 0
    need = post_need(demo)
    c = actions.request_connection(
        demo.user("reporter"), need, Offer.objects.get(external_id="off-120")
    )
    broker = demo.user("monitor")
    actions.introduce(broker, c, expected_version=c.version)
    c.refresh_from_db()
    actions.record_contract(
        broker, c, expected_version=c.version, signed_on=end, value=250_000_000, form="know_how"
    )
    assert computed.figure("market.contracts", unit, start, end) == before + 1
    assert computed.figure("market.contract_value", unit, start, end) == value_before + 250
    url = SOURCES["market.contracts"].drilldown_url(unit, start, end)
    page = as_persona("monitor").get(url)
    assert need.title in page.content.decode()


def test_broker_is_reminded_once_a_day_of_waiting_requests(demo):
    need = post_need(demo)
    c = actions.request_connection(
        demo.user("reporter"), need, Offer.objects.get(external_id="off-064")
    )
    Connection.objects.filter(pk=c.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=5)
    )
    first = remind_brokers()
    assert first["waiting"] >= 1 and first["sent"] >= 1
    assert remind_brokers()["waiting"] == 0


@pytest.mark.parametrize("persona", ["monitor", "reporter", "outsider", "supervisor"])
def test_market_pages_render_for_personas(persona, as_persona):
    client = as_persona(persona)
    for name in (
        "market:home",
        "market:offers",
        "market:needs",
        "market:connections",
        "market:figures",
    ):
        assert client.get(reverse(name)).status_code == 200, name
