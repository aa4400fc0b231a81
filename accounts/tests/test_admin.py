"""The Django admin changes memberships only through the audited actions."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils import formats

from accounts.models import Membership, Role
from audit.log import history_for

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/accounts/membership/add/"
LIST_URL = "/admin/accounts/membership/"


def _page_data(response: Any) -> dict[str, Any]:
    """What the admin change page would post back unchanged (its forms' current values)."""
    data: dict[str, Any] = {}
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        all_forms += formset.forms
    for form in all_forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if field.disabled or value is None:
                continue
            key = form.add_prefix(name)
            if isinstance(field, forms.SplitDateTimeField):
                day, time = field.widget.decompress(value)
                data[key + "_0"], data[key + "_1"] = (
                    formats.localize_input(day),
                    formats.localize_input(time),
                )
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)
    return data


def test_adding_a_membership_in_the_admin_grants_it(as_persona: Any, demo: Any) -> None:
    admin, outsider, unit = demo.user("admin"), demo.user("outsider"), demo.unit("PKT-DL")
    response = as_persona("admin").post(
        ADD_URL, {"user": outsider.pk, "unit": unit.pk, "role": Role.VIEWER}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=outsider, unit=unit, role=Role.VIEWER)
    assert membership.is_active
    entry = history_for(membership).get()
    assert entry.action == "membership.grant" and entry.actor == admin


def test_a_duplicate_is_refused_on_the_admin_form(as_persona: Any, demo: Any) -> None:
    reporter, ward = demo.user("reporter"), demo.unit("DB-phuong-1")
    before = Membership.objects.count()
    response = as_persona("admin").post(
        ADD_URL, {"user": reporter.pk, "unit": ward.pk, "role": Role.REPORTER}
    )
    assert response.status_code == 200
    assert "đã có vai trò Cán bộ báo cáo của đơn vị" in response.content.decode()
    assert Membership.objects.count() == before


def test_changing_the_role_in_the_admin_goes_through_the_action(as_persona: Any, demo: Any) -> None:
    membership = Membership.objects.get(user=demo.user("reporter"), is_active=True)
    client = as_persona("admin")
    url = f"/admin/accounts/membership/{membership.pk}/change/"
    # Who and which unit are fixed once the membership exists: a posted change is ignored.
    response = client.post(url, {"role": Role.LEADER, "unit": demo.unit("TTYT-BL").pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.LEADER and membership.unit.code == "DB-phuong-1"
    entry = history_for(membership).get(action="membership.change_role")
    assert entry.changes == {"role": ["reporter", "leader"]}


def test_memberships_are_ended_not_deleted(as_persona: Any, demo: Any) -> None:
    membership = Membership.objects.get(user=demo.user("reporter"), is_active=True)
    client = as_persona("admin")
    assert client.get(f"/admin/accounts/membership/{membership.pk}/delete/").status_code == 403
    response = client.post(
        LIST_URL, {"action": "end_selected", "_selected_action": [str(membership.pk)]}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False
    assert history_for(membership).filter(action="membership.end").count() == 1
    # The reporter's role went with it.
    profile = as_persona("reporter").get("/accounts/me/").content.decode()
    assert "Chưa được phân quyền theo đơn vị." in profile


def test_the_user_page_inline_goes_through_the_actions(as_persona: Any, demo: Any) -> None:
    reporter = demo.user("reporter")
    client = as_persona("admin")
    url = f"/admin/accounts/user/{reporter.pk}/change/"
    data = _page_data(client.get(url))
    prefix = "memberships"
    rows = int(data[f"{prefix}-TOTAL_FORMS"])
    assert rows == 1
    data[f"{prefix}-0-role"] = Role.LEADER  # change the existing row
    data[f"{prefix}-TOTAL_FORMS"] = str(rows + 1)  # and add one
    data[f"{prefix}-1-unit"] = str(demo.unit("PKT-DL").pk)
    data[f"{prefix}-1-role"] = Role.VIEWER
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    changed = Membership.objects.get(user=reporter, unit__code="DB-phuong-1")
    added = Membership.objects.get(user=reporter, unit__code="PKT-DL")
    assert changed.role == Role.LEADER and added.role == Role.VIEWER and added.is_active
    assert history_for(changed).filter(action="membership.change_role").exists()
    assert history_for(added).filter(action="membership.grant").exists()


def test_a_duplicate_in_the_user_inline_is_a_form_error(as_persona: Any, demo: Any) -> None:
    reporter = demo.user("reporter")
    client = as_persona("admin")
    url = f"/admin/accounts/user/{reporter.pk}/change/"
    data = _page_data(client.get(url))
    data["memberships-TOTAL_FORMS"] = "2"
    data["memberships-1-unit"] = str(demo.unit("DB-phuong-1").pk)
    data["memberships-1-role"] = Role.REPORTER
    before = Membership.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "đã có vai trò Cán bộ báo cáo của đơn vị" in response.content.decode()
    assert Membership.objects.count() == before
