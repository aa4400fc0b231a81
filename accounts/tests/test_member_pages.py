"""Members are managed in the app: the monitoring office (all units) and a unit's manager (their
subtree) add people with roles, change and end memberships, audited; a new person is invited
to set a password through a one-time link; units with no active member are flagged."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from accounts.models import Membership, Role, User
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_monitor_adds_an_existing_person_changes_the_role_and_ends_it(
    as_persona: Any, demo: Any
) -> None:
    client = as_persona("monitor")
    unit = demo.unit("DU-cam-ly")  # a ward Party committee of the 2025 reorganisation
    response = client.post(
        "/accounts/members/new/",
        {"unit": unit.pk, "role": Role.REPORTER, "username": "ngoai"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="ngoai", unit=unit)
    assert membership.is_active and membership.role == Role.REPORTER
    assert AuditEntry.objects.filter(action="membership.grant", target_id=str(membership.pk))
    page = client.get(f"/accounts/members/?unit={unit.pk}").content.decode()
    assert "Hoàng Văn Nam" in page

    response = client.post(f"/accounts/members/{membership.pk}/role/", {"role": Role.LEADER})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.LEADER
    assert AuditEntry.objects.filter(action="membership.change_role", target_id=str(membership.pk))

    response = client.post(f"/accounts/members/{membership.pk}/end/", {"note": "Chuyển công tác"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert AuditEntry.objects.filter(action="membership.end", target_id=str(membership.pk))


@pytest.fixture
def ward_manager(demo: Any) -> Client:
    """A manager of a ward Party committee that exists today (the demo's personas belong to
    units of before the 2025 reorganisation)."""
    user = User.objects.create_user("dcl_quanly", full_name="Trịnh Văn Quang")
    Membership.objects.create(user=user, unit=demo.unit("DU-cam-ly"), role=Role.MANAGER)
    client = Client()
    client.force_login(user)
    return client


def test_a_manager_invites_a_new_person_who_sets_a_password_once(
    ward_manager: Client, demo: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    # The invitation goes through the inbox's outbox; its sending task runs at once here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    unit = demo.unit("DU-cam-ly")
    client = ward_manager
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/members/new/",
            {
                "unit": unit.pk,
                "role": Role.REPORTER,
                "username": "pkt_moi",
                "full_name": "Đinh Thị Hoa",
                "email": "pkt_moi@khcn.example.vn",
                "job_title": "Chuyên viên",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(username="pkt_moi")
    assert not person.has_usable_password()
    assert Membership.objects.filter(user=person, unit=unit, role=Role.REPORTER, is_active=True)
    assert AuditEntry.objects.filter(action="user.invite", target_id=str(person.pk))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pkt_moi@khcn.example.vn"]
    body = str(mail.outbox[0].body)
    link = re.search(r"https?://[^/\s]+(/accounts/invite/\S+/)", body)
    assert link is not None
    anonymous = Client()
    form = anonymous.get(link.group(1), follow=True)
    assert 'data-testid="invite-accept-form"' in form.content.decode()
    done = anonymous.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"new_password1": "Mat-khau-rieng-2026", "new_password2": "Mat-khau-rieng-2026"},
    )
    assert done.status_code == 302
    assert Client().login(username="pkt_moi", password="Mat-khau-rieng-2026")
    again = Client().get(link.group(1), follow=True).content.decode()
    assert 'data-testid="invite-invalid"' in again  # one time only


def test_a_manager_acts_only_in_their_subtree_and_never_grants_monitor(
    as_persona: Any, demo: Any, ward_manager: Client
) -> None:
    client = ward_manager
    before = Membership.objects.count()
    outside = client.post(
        "/accounts/members/new/",
        {"unit": demo.unit("TTYT-BL").pk, "role": Role.REPORTER, "username": "mttq"},
    )
    assert outside.status_code == 400
    monitor_role = client.post(
        "/accounts/members/new/",
        {"unit": demo.unit("DU-cam-ly").pk, "role": Role.MONITOR, "username": "mttq"},
    )
    assert monitor_role.status_code == 400
    assert Membership.objects.count() == before
    theirs = Membership.objects.get(user__username="donvi", unit__code="DB-phuong-1")
    assert client.post(f"/accounts/members/{theirs.pk}/end/").status_code == 404
    # A reporter manages nobody: no menu entry, no page.
    reporter = as_persona("reporter")
    assert reporter.get("/accounts/members/new/").status_code == 404
    assert reporter.post(f"/accounts/members/{theirs.pk}/end/").status_code == 404
    assert 'href="/accounts/members/"' not in reporter.get("/").content.decode()
    theirs.refresh_from_db()
    assert theirs.is_active


def test_units_without_active_members_are_flagged_and_filtered(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    page = client.get("/accounts/members/units/?empty=1")
    names = {unit.code for unit in page.context["object_list"]}
    assert "DU-cam-ly" in names and "BTG-TU-DL" not in names  # the office has theodoi
    assert 'data-testid="no-members"' in page.content.decode()
    everything = client.get("/accounts/members/units/").context["paginator"].count
    assert everything > len(names)
    assert (
        'data-testid="units-without-members"' in client.get("/accounts/members/").content.decode()
    )
    search = client.get("/accounts/members/units/?q=cam ly&empty=1").context["object_list"]
    codes = [u.code for u in search]  # found without diacritics ("Cam Ly" typed "cam ly")
    assert "DU-cam-ly" in codes and all("cam-ly" in code for code in codes)
    Membership.objects.create(
        user=demo.user("outsider"), unit=demo.unit("DU-cam-ly"), role=Role.REPORTER
    )
    names = {u.code for u in client.get("/accounts/members/units/?empty=1").context["object_list"]}
    assert "DU-cam-ly" not in names
