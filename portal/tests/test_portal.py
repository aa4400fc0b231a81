"""The public portal: nothing unpublished ever reaches it, feedback is guarded and followed by
its code, moderation is the Front's, open data carries its licence."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import clear_caches, client_for
from core.errors import ActionError, NotAllowed
from market.models import ListingStatus, Offer
from plans.models import Plan
from portal import actions
from portal.models import Feedback, FeedbackStatus
from projects.models import Project, Status
from supervision.models import Critique, Supervision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    clear_caches()
    yield
    clear_caches()


def send(client: Client, **extra: Any) -> Any:
    data = {
        "subject": "Đèn đường khu nông nghiệp công nghệ cao",
        "body": "Đề nghị lắp đèn chiếu sáng đường vào khu nông nghiệp công nghệ cao.",
        "sender_name": "",
        "sender_contact": "",
        "website": "",
    }
    data.update(extra)
    return client.post(reverse("portal:feedback"), data, REMOTE_ADDR=extra.pop("ip", "10.0.0.1"))


def test_every_portal_url_with_unpublished_objects_answers_404(demo: Any) -> None:
    client = Client()
    hidden_plan = Plan.objects.filter(is_published=False).first()
    draft_project = Project.objects.exclude(is_published=True).first()
    unpublished_supervision = Supervision.objects.filter(conclusion_published=False).first()
    unpublished_critique = Critique.objects.filter(is_published=False).first()
    assert hidden_plan and draft_project and unpublished_supervision and unpublished_critique
    urls = [
        reverse("portal:plan", args=[hidden_plan.pk]),
        reverse("portal:project", args=[draft_project.pk]),
        reverse("portal:conclusion", args=[unpublished_supervision.pk]),
        reverse("portal:critique", args=[unpublished_critique.pk]),
        reverse("portal:critique", args=[uuid.uuid4()]),
        reverse("portal:plan", args=[uuid.uuid4()]),
        reverse("portal:project", args=[uuid.uuid4()]),
        reverse("portal:conclusion", args=[uuid.uuid4()]),
        reverse("portal:track_code", args=["YK-KHONGCO1"]),
        reverse("portal:dataset", args=["khong-co", "csv"]),
        reverse("portal:dataset", args=["ke-hoach", "xml"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # The lists, the sitemap and open data name none of them, nor a pending feedback.
    pending = Feedback.objects.get(status=FeedbackStatus.PENDING)
    draft_offer = Offer.objects.exclude(status=ListingStatus.PUBLISHED).first()
    pages = [
        reverse(name)
        for name in ("portal:home", "portal:projects", "portal:market", "portal:feedback_list")
    ]
    pages += [
        reverse("portal:sitemap"),
        reverse("portal:dataset", args=["ke-hoach", "json"]),
        reverse("portal:dataset", args=["nhiem-vu-khcn", "csv"]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for obj in (
            hidden_plan,
            draft_project,
            unpublished_supervision,
            unpublished_critique,
            pending,
        ):
            assert str(obj.pk) not in body, (url, obj)
        assert hidden_plan.title not in body and pending.subject not in body
        if draft_offer is not None:
            assert draft_offer.title not in body


def test_published_material_is_public_and_unpublishing_hides_it(demo: Any) -> None:
    client = Client()
    plan = demo.seed_plan
    page = client.get(reverse("portal:plan", args=[plan.pk]))
    assert page.status_code == 200
    assert page.context["figures"]["total"] > 0
    assert "<script" not in page.content.decode()  # readable without JavaScript
    funding = Supervision.objects.get(conclusion_published=True)
    assert client.get(reverse("portal:conclusion", args=[funding.pk])).status_code == 200
    sitemap = client.get(reverse("portal:sitemap")).content.decode()
    assert reverse("portal:plan", args=[plan.pk]) in sitemap
    Supervision.objects.filter(pk=funding.pk).update(conclusion_published=False)
    clear_caches()  # pages are cached briefly; the walk above reads without the cache
    assert client.get(reverse("portal:conclusion", args=[funding.pk])).status_code == 404
    Project.objects.filter(status=Status.ACCEPTED).update(is_published=True)
    project = Project.objects.filter(status=Status.ACCEPTED).first()
    assert project is not None
    page = client.get(reverse("portal:project", args=[project.pk]))
    assert page.status_code == 200 and project.title in page.content.decode()


def test_feedback_is_followed_by_code_and_public_only_after_moderation(demo: Any) -> None:
    client = Client()
    response = send(client)
    assert response.status_code == 302
    feedback = Feedback.objects.get(subject="Đèn đường khu nông nghiệp công nghệ cao")
    assert feedback.status == FeedbackStatus.PENDING
    assert response["Location"] == reverse("portal:track_code", args=[feedback.tracking_code])
    tracked = client.get(response["Location"]).content.decode()
    assert "Chờ kiểm duyệt" in tracked
    assert feedback.subject not in client.get(reverse("portal:feedback_list")).content.decode()
    # Lower-case code typed by the sender still finds it.
    lookup = client.get(reverse("portal:track"), {"code": feedback.tracking_code.lower()})
    assert lookup.status_code == 302
    # The Front is told, and moderates; the unit people are not moderators.
    # Today's Front committee (the city's was dissolved in the 2025 reorganisation).
    mttq = demo.user("ward_supervisor")
    with pytest.raises(NotAllowed):
        actions.moderate_feedback(
            demo.user("manager"), feedback, expected_version=1, status="published", answer=""
        )
    moderate = reverse("portal:moderate", args=[feedback.pk])
    assert client_for("manager").get(moderate).status_code == 404
    assert feedback.recipient == demo.unit("MTTQ-xuan-huong")
    assert client_for("supervisor").get(moderate).status_code == 404
    front = client_for("ward_supervisor")
    assert feedback.subject in front.get(reverse("portal:queue")).content.decode()
    done = front.post(
        moderate,
        {"version": feedback.version, "status": "published", "answer": "Đã chuyển UBND xem xét."},
    )
    assert done.status_code == 302
    assert mttq.notifications.filter(title__contains="Ý kiến nhân dân mới").exists()
    clear_caches()
    assert feedback.subject in client.get(reverse("portal:feedback_list")).content.decode()
    answer = client.get(reverse("portal:track_code", args=[feedback.tracking_code]))
    assert "Đã chuyển UBND xem xét." in answer.content.decode()


def test_honeypot_rate_limit_and_abuse_are_refused_and_store_nothing(demo: Any) -> None:
    client = Client()
    before = Feedback.objects.count()
    assert send(client, website="http://spam.example").status_code == 400
    spam = "Vay nhanh lãi thấp http://a.example http://b.example http://c.example"
    refused = send(client, body=spam)
    assert refused.status_code == 400 and "quảng cáo" in refused.content.decode()
    assert send(client, body="ngắn").status_code == 400
    assert Feedback.objects.count() == before
    for n in range(actions.RATE_LIMIT):
        assert send(client, subject=f"Ý kiến {n}", ip="10.9.9.9").status_code == 302
    limited = send(client, subject="Thêm nữa", ip="10.9.9.9")
    assert limited.status_code == 400 and "thử lại sau" in limited.content.decode()
    assert send(client, subject="Địa chỉ khác", ip="10.9.9.10").status_code == 302
    assert Feedback.objects.count() == before + actions.RATE_LIMIT + 1
    with pytest.raises(ActionError):
        actions.submit_feedback(address="x", subject="a", body="b" * 20, honeypot="x")


def test_open_data_carries_the_licence(demo: Any) -> None:
    client = Client()
    data = json.loads(client.get(reverse("portal:dataset", args=["ke-hoach", "json"])).content)
    assert "CC BY 4.0" in data["licence"]
    titles = {row["title"] for row in data["rows"]}
    assert demo.seed_plan.title in titles
    assert all(p.title not in titles for p in Plan.objects.filter(is_published=False))
    csv = client.get(reverse("portal:dataset", args=["ke-hoach", "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    assert "mean_progress" in csv.content.decode("utf-8-sig").splitlines()[0]
    assert "CC BY" in client.get(reverse("portal:open_data")).content.decode()


def test_a_published_critique_shows_points_and_answers_not_comments(demo: Any) -> None:
    critique = Critique.objects.get(plan__title__contains="2026–2030")
    url = reverse("portal:critique", args=[critique.pk])
    assert Client().get(url).status_code == 404
    Critique.objects.filter(pk=critique.pk).update(is_published=True)
    clear_caches()
    body = Client().get(url).content.decode()
    assert "Tiếp thu: điều chỉnh thành lộ trình" in body
    assert "TS. Nguyễn Văn Lâm" not in body  # the experts' working comments stay inside


def test_home_figures_of_all_plans_come_from_one_query(demo: Any) -> None:
    from portal import published

    shown = list(published.plans()[:20])
    assert shown, "the demo publishes plans"
    together = published.task_progress_of(shown)
    for plan in shown:
        assert together[plan.pk] == published.task_progress(plan)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        published.task_progress_of(shown)
    assert len(queries) == 1
