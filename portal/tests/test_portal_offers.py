"""Public single offer pages: published offers only, no contacts; the Atom feed links to them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import clear_caches
from market import actions
from market.models import ListingStatus, Offer

pytestmark = pytest.mark.django_db


def _offer(demo: Any, publish: bool) -> Offer:
    offer = actions.create_listing(
        demo.user("reporter"), Offer, owner_unit=demo.unit("DB-phuong-1"), publish=publish,
        title="Máy sấy lạnh atisô quy mô hộ", summary="Sấy lạnh giữ màu, 50 kg mẻ.",
        keywords="sấy lạnh, atisô", field="chế biến", provider_name="Xưởng cơ khí Đà Lạt",
        contact_name="Nguyễn Văn Bí Mật", contact_phone="0909777666",
        contact_email="bimat@example.vn",
    )  # fmt: skip
    assert isinstance(offer, Offer)
    return offer


def test_a_published_offer_has_a_public_page_without_contacts(demo: Any, as_persona: Any) -> None:
    clear_caches()
    offer = _offer(demo, publish=True)
    response = Client().get(reverse("portal:offer", args=[offer.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert offer.title in body and "Xưởng cơ khí Đà Lạt" in body and "sấy lạnh" in body
    for secret in ("Nguyễn Văn Bí Mật", "0909777666", "bimat@example.vn"):
        assert secret not in body
    assert offer.title in Client().get(reverse("portal:market")).content.decode()
    assert str(offer.pk) in Client().get(reverse("portal:sitemap")).content.decode()
    signed_in = as_persona("outsider").get(reverse("market:offer", args=[offer.pk]))
    assert reverse("portal:offer", args=[offer.pk]) in signed_in.content.decode()


def test_unpublished_or_closed_offers_answer_404(demo: Any) -> None:
    clear_caches()
    draft = _offer(demo, publish=False)
    closed = _offer(demo, publish=True)
    actions.set_listing_status(
        demo.user("reporter"), closed, ListingStatus.CLOSED, expected_version=closed.version
    )
    for pk in (draft.pk, closed.pk, uuid.uuid4()):
        assert Client().get(reverse("portal:offer", args=[pk])).status_code == 404
    sitemap = Client().get(reverse("portal:sitemap")).content.decode()
    assert str(draft.pk) not in sitemap and str(closed.pk) not in sitemap


def test_atom_feed_links_to_the_public_page(demo: Any) -> None:
    clear_caches()
    offer = _offer(demo, publish=True)
    feed = Client().get(reverse("market:feed")).content.decode()
    public = reverse("portal:offer", args=[offer.pk])
    assert public in feed
    assert reverse("market:offer", args=[offer.pk]) not in feed
    assert f'href="http://testserver{reverse("portal:market")}"' in feed  # the channel link
    # The linked page opens for an anonymous reader (no sign-in).
    assert Client().get(public).status_code == 200
