"""Published review reports (báo cáo sơ kết, tổng kết) on the public portal: only an approved
report, only by its issuing body's leader or the monitoring office, and taking it down hides
its page and its files at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from conftest import clear_caches
from core.errors import ActionError, EditConflict
from reviews import actions
from reviews.models import Review, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def review(demo: Any) -> Review:
    """The demo's sơ kết report: approved by the leader, published on the portal."""
    return Review.objects.get(plan=demo.seed_plan, status=ReviewStatus.APPROVED)


def _draft(demo: Any) -> Review:
    return Review.objects.create(
        plan=demo.seed_plan,
        title="dự thảo chưa duyệt không được lộ ra ngoài",
        period_label="Dự thảo kín",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        layout="party",
        issuer_name="BAN THƯỜNG VỤ THÀNH ỦY",
    )


def test_the_published_report_is_public_with_its_text_and_final_docx(review: Review) -> None:
    assert review.is_published and review.published_by is not None
    client = Client()
    listing = client.get(reverse("portal:reviews")).content.decode()
    assert reverse("portal:review", args=[review.pk]) in listing
    page = client.get(reverse("portal:review", args=[review.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "I. KẾT QUẢ THỰC HIỆN" in body and review.period_label in body
    # The internal unit reports it was compiled from are not linked from the public page.
    assert "/reporting/" not in body and "<script" not in body
    docx = client.get(reverse("portal:review_file", args=[review.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "attachment" in docx["Content-Disposition"]
    # Only the official documents: the working XLSX annexes stay inside.
    assert client.get(reverse("portal:review_file", args=[review.pk, "xlsx"])).status_code == 404
    for name in ("portal:home", "portal:plan", "portal:sitemap"):
        args = [review.plan_id] if name == "portal:plan" else []
        assert str(review.pk) in client.get(reverse(name, args=args)).content.decode(), name


def test_unpublishing_hides_the_page_and_the_files(review: Review, demo: Any) -> None:
    client = Client()
    file_url = reverse("portal:review_file", args=[review.pk, "docx"])
    assert client.get(file_url).status_code == 200  # now in the file cache too
    leader = Client()
    leader.force_login(demo.user("lanhdao"))
    done = leader.post(reverse("reviews:unpublish", args=[review.pk]), {"version": review.version})
    assert done.status_code == 302
    review.refresh_from_db()
    assert not review.is_published
    # The download re-reads the flag on every request, cache or not.
    assert client.get(file_url).status_code == 404
    clear_caches()  # the page itself is cached for a minute like every portal page
    assert client.get(reverse("portal:review", args=[review.pk])).status_code == 404
    assert str(review.pk) not in client.get(reverse("portal:reviews")).content.decode()
    entry = AuditEntry.objects.filter(action="review.unpublish", target_id=str(review.pk)).get()
    assert entry.actor_id == demo.user("lanhdao").pk


def test_a_draft_is_never_public_and_cannot_be_published(demo: Any) -> None:
    draft = _draft(demo)
    client = Client()
    for url in (
        reverse("portal:review", args=[draft.pk]),
        reverse("portal:review_file", args=[draft.pk, "docx"]),
        reverse("portal:review_file", args=[draft.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
    with pytest.raises(ActionError, match="đã được duyệt"):
        actions.publish_review(demo.user("monitor"), draft, expected_version=draft.version)
    # Even a direct write cannot make a draft public (database constraint).
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=draft.pk).update(is_published=True)
    for url in (reverse("portal:reviews"), reverse("portal:sitemap"), reverse("portal:home")):
        body = client.get(url).content.decode()
        assert str(draft.pk) not in body and draft.title not in body, url


def test_who_may_publish(review: Review, demo: Any) -> None:
    review = actions.unpublish_review(
        demo.user("monitor"), review, expected_version=review.version, reason="Rà soát lại"
    )
    # A reporting unit, the Front and the system administrator do not publish it.
    for persona in ("reporter", "supervisor", "admin", "outsider"):
        with pytest.raises(ActionError, match="không có quyền"):
            actions.publish_review(demo.user(persona), review, expected_version=review.version)
        assert not review.can_publish(demo.user(persona))
    with pytest.raises(EditConflict):
        actions.publish_review(demo.user("monitor"), review, expected_version=review.version - 1)
    review = actions.publish_review(demo.user("monitor"), review, expected_version=review.version)
    assert review.is_published
    with pytest.raises(ActionError, match="đã được công khai"):
        actions.publish_review(demo.user("monitor"), review, expected_version=review.version)
    keys = list(
        AuditEntry.objects.filter(target_id=str(review.pk), action__startswith="review.pub")
        .order_by("created_at")
        .values_list("action", flat=True)
    )
    assert keys[-1] == "review.publish"


def test_the_publish_button_is_shown_to_the_leader_only(review: Review, demo: Any) -> None:
    leader = Client()
    leader.force_login(demo.user("lanhdao"))
    page = leader.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert 'data-testid="unpublish"' in page
    reporter = Client()
    reporter.force_login(demo.user("reporter"))
    response = reporter.post(reverse("reviews:publish", args=[review.pk]), {"version": 1})
    assert response.status_code == 404  # not its report: not even there
