"""Duplicate warnings of the organisation registry (``core.duplicates``): a near-identical
name asks for confirmation, an unchanged name does not, a hidden match is not named."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.tests.form_data import posted
from organisations import actions
from organisations.forms import OrganisationForm
from organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_an_edit_that_keeps_the_name_does_not_warn(demo, as_persona):
    twin = {"kind": OrganisationKind.ENTERPRISE, "area": demo.unit("UBND-DL")}
    manager = demo.user("manager")
    actions.create_organisation(manager, name="Công ty TNHH Mận Hậu Xuân Thọ", **twin)
    # The same name once more: confirmed when it was added.
    org = actions.create_organisation(manager, name="Cong ty Man Hau Xuan Tho", **twin)
    data = {**posted(OrganisationForm(instance=org, user=manager)), "version": org.version}
    url = reverse("organisations:edit", kwargs={"pk": org.pk})
    kept = as_persona("manager").post(url, {**data, "address": "Xuân Thọ, Đà Lạt"})
    assert kept.status_code == 302
    org.refresh_from_db()
    assert org.address == "Xuân Thọ, Đà Lạt"
    renamed = as_persona("manager").post(
        url, {**data, "name": "Công ty Mận Hậu Xuân Thọ.", "version": org.version}
    )
    assert renamed.status_code == 400
    assert "Công ty TNHH Mận Hậu Xuân Thọ" in renamed.content.decode()


def test_a_hidden_match_is_not_named(demo, as_persona):
    hidden = actions.create_organisation(
        demo.user("monitor"),
        kind=OrganisationKind.ENTERPRISE,
        name="Công ty TNHH Dược liệu Bảo Lộc Xanh",
        tax_code="5899990077",
        area=demo.unit("TTYT-BL"),
        is_published=False,
    )
    assert not Organisation.objects.visible_to(demo.user("manager")).filter(pk=hidden.pk).exists()
    data = {"kind": "enterprise", "name": "Cong ty Duoc lieu Bao Loc Xanh"}
    warned = as_persona("manager").post(reverse("organisations:create"), data)
    body = warned.content.decode()
    assert warned.status_code == 400
    assert "bạn không xem được" in body
    assert "Dược liệu Bảo Lộc Xanh" not in body and "5899990077" not in body
    assert str(hidden.pk) not in body
    confirmed = as_persona("manager").post(
        reverse("organisations:create"), {**data, "confirm_duplicate": "on"}
    )
    assert confirmed.status_code == 302


def test_the_confirm_box_shows_only_with_a_warning(demo, as_persona):
    page = as_persona("manager").get(reverse("organisations:create")).content.decode()
    assert 'type="hidden" name="confirm_duplicate"' in page
    assert 'type="checkbox" name="confirm_duplicate"' not in page
    warned = as_persona("manager").post(
        reverse("organisations:create"),
        {"kind": "enterprise", "name": "Cong ty TNHH Hoa Cao Nguyen Xanh."},
    )
    assert 'type="checkbox" name="confirm_duplicate"' in warned.content.decode()
