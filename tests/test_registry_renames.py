"""Renaming an organisation refreshes the copies of its name in other registries' search
columns (core.renames): the projects it hosts and the IP titles it holds are found by the new
name, no longer by the old one, in the same transaction as the rename, in bounded batches."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from conftest import clear_caches
from core import renames
from core.text import fold
from ip.models import IpTitle
from organisations import actions as org_actions
from organisations.models import Organisation
from projects.models import Project

pytestmark = pytest.mark.django_db

NEW_NAME = "Viện Quả Mơ Xứ Sương Mù"


def _busy_organisation() -> Organisation:
    """A demo organisation that both hosts projects and holds IP titles, if any; else the
    host of the most projects."""
    both = Organisation.objects.filter(hosted_projects__isnull=False, ip_titles__isnull=False)
    org = both.distinct().first()
    if org is None:
        org = Organisation.objects.filter(hosted_projects__isnull=False).distinct().first()
    assert org is not None
    return org


def _rename(demo: Any, org: Organisation, name: str) -> Organisation:
    return org_actions.update_organisation(
        demo.user("monitor"), org, expected_version=org.version, name=name
    )


def test_rename_refreshes_hosted_projects_and_held_titles(demo: Any, as_persona: Any) -> None:
    org = _busy_organisation()
    old = org.name
    hosted = set(Project.objects.filter(host=org).values_list("pk", flat=True))
    held = set(IpTitle.objects.filter(holder=org).values_list("pk", flat=True))
    assert hosted
    assert (
        set(Project.objects.filter(search_text__contains=fold(old)).values_list("pk", flat=True))
        >= hosted
    )

    _rename(demo, org, NEW_NAME)

    new = fold(NEW_NAME)
    assert (
        set(Project.objects.filter(search_text__contains=new).values_list("pk", flat=True))
        == hosted
    )
    assert not Project.objects.filter(pk__in=hosted, search_text__contains=fold(old)).exists()
    assert (
        set(IpTitle.objects.filter(search_text__contains=new).values_list("pk", flat=True)) == held
    )
    if held:
        assert not IpTitle.objects.filter(pk__in=held, search_text__contains=fold(old)).exists()
        # The holder is in the identity group: the public column follows too.
        public = IpTitle.objects.filter(public_search_text__contains=new)
        assert set(public.values_list("pk", flat=True)) == held

    # Through the page, typed without diacritics: the hosted projects are found by the new name.
    page = as_persona("monitor").get(reverse("projects:list"), {"q": "vien qua mo xu suong mu"})
    assert page.status_code == 200
    some = Project.objects.get(pk=next(iter(hosted)))
    assert some.title in page.content.decode()


def test_rename_rolls_back_with_the_action(demo: Any) -> None:
    org = _busy_organisation()
    hosted = Project.objects.filter(host=org)
    before = dict(hosted.values_list("pk", "search_text"))

    def broken(_org: Any) -> int:
        raise RuntimeError("listener failed")

    renames.register_rename_listener("organisations.Organisation", broken)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            _rename(demo, org, NEW_NAME)
    finally:
        renames._listeners["organisations.Organisation"].remove(broken)
    org.refresh_from_db()
    assert org.name != NEW_NAME
    assert dict(hosted.values_list("pk", "search_text")) == before


def test_unchanged_name_rewrites_nothing(demo: Any, django_assert_max_num_queries: Any) -> None:
    org = _busy_organisation()
    calls: list[Any] = []

    def spy(instance: Any) -> int:
        calls.append(instance)
        return 0

    renames.register_rename_listener("organisations.Organisation", spy)
    try:
        org_actions.update_organisation(
            demo.user("monitor"), org, expected_version=org.version, address="Số 1 Đường Mới"
        )
        assert calls == []
        org.refresh_from_db()
        _rename(demo, org, NEW_NAME)
        assert [c.pk for c in calls] == [org.pk]
    finally:
        renames._listeners["organisations.Organisation"].remove(spy)


def test_refresh_is_batched(demo: Any, django_assert_num_queries: Any) -> None:
    org = _busy_organisation()
    rows = Project.objects.filter(pk__in=Project.objects.order_by("pk").values("pk")[:5])
    Project.objects.filter(pk__in=rows.values("pk")).update(search_text="stale")
    # 5 rows, 2 per batch: three reads, three bulk UPDATEs, one empty read to finish.
    with django_assert_num_queries(7):
        done = renames.refresh_in_batches(
            rows,
            ["search_text"],
            lambda p: {"search_text": p.build_search_text()},
            related=["host"],
            batch_size=2,
        )
    assert done == 5
    assert not Project.objects.filter(search_text="stale").exists()
    assert org.pk  # the demo is loaded


def test_public_registry_search_finds_the_renamed_holder(demo: Any) -> None:
    title = IpTitle.objects.filter(is_published=True, holder__is_published=True).first()
    if title is None:
        pytest.skip("no published IP title in the demo")
    _rename(demo, title.holder, NEW_NAME)
    clear_caches()
    page = Client().get(reverse("portal:registry", args=["van-bang-shtt"]), {"q": "qua mo xu"})
    assert page.status_code == 200
    assert title.name in page.content.decode()
