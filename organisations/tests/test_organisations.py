"""The organisation registry: who sees and edits what, and its constraints."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import ActionError, EditConflict, NotAllowed
from organisations import actions
from organisations.models import Organisation, OrganisationKind


@pytest.mark.django_db
def test_the_office_edits_all_a_unit_only_those_linked_to_its_subtree(demo: Any) -> None:
    linked = Organisation.objects.get(unit__code="DHDL")
    enterprise = Organisation.objects.get(tax_code="5801234567")
    assert actions.can_edit_organisation(demo.user("monitor"), linked)
    assert actions.can_edit_organisation(demo.user("monitor"), enterprise)
    for persona in ("reporter", "outsider", "manager", "supervisor"):
        assert not actions.can_edit_organisation(demo.user(persona), linked), persona
    ward = demo.unit("DB-phuong-1")
    reporter = demo.user("reporter")
    own = actions.create_organisation(
        reporter,
        kind=OrganisationKind.OTHER,
        name="Tổ hợp tác hoa Phường 1",
        unit=ward,
        is_published=False,
    )
    assert actions.can_edit_organisation(reporter, own)
    assert not Organisation.objects.visible_to(demo.user("outsider")).filter(pk=own.pk).exists()
    with pytest.raises(NotAllowed):
        actions.create_organisation(reporter, name="Khác", unit=demo.unit("TTYT-BL"))


@pytest.mark.django_db
def test_published_organisations_are_seen_by_every_signed_in_user(
    demo: Any, as_persona: Any
) -> None:
    body = as_persona("outsider").get("/organisations/", {"q": "tra doi may"}).content.decode()
    assert "Công ty Cổ phần Trà Đồi Mây" in body
    assert "Thêm tổ chức" not in as_persona("supervisor").get("/organisations/").content.decode()


@pytest.mark.django_db
def test_tax_codes_are_checked_and_unique(demo: Any) -> None:
    monitor = demo.user("monitor")
    with pytest.raises(ActionError, match="10 chữ số"):
        actions.create_organisation(monitor, name="Công ty A", tax_code="12AB")
    with pytest.raises(ActionError, match="mã số thuế"):
        actions.create_organisation(monitor, name="Công ty B", tax_code="5801234567")


@pytest.mark.django_db
def test_editing_a_stale_copy_is_refused(demo: Any, as_persona: Any) -> None:
    org = Organisation.objects.get(tax_code="5801112223")
    monitor = demo.user("monitor")
    actions.update_organisation(monitor, org, expected_version=org.version, address="Cầu Đất")
    with pytest.raises(EditConflict):
        actions.update_organisation(monitor, org, expected_version=org.version - 1, address="X")
    response = as_persona("monitor").post(
        f"/organisations/{org.pk}/edit/",
        {
            "version": 1,
            "kind": org.kind,
            "name": org.name,
            "tax_code": org.tax_code,
            "is_published": "on",
        },
    )
    assert response.status_code == 400
    assert "vừa được người khác cập nhật" in response.content.decode()
