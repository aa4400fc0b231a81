"""The all-years view at province scale: after a write, the last figures are served at once,
marked with their time, while the worker recomputes them (monitoring/queries/cache.py).

Here every computation counts as expensive (MONITORING_SYNC_MS = 0), as a province's does."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from accounts.models import Membership
from monitoring import dataversion, queries
from monitoring.tasks import refresh_dashboard_task
from monitoring.tests.test_cache import _report_queryset_update, all_years


@pytest.fixture
def expensive(settings: Any) -> None:
    settings.MONITORING_SYNC_MS = 0
    settings.MONITORING_STALE_SECONDS = 300


def queued() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=refresh_dashboard_task.module_path).order_by(
            "enqueued_at"
        )
    )


def run_queued() -> list[Any]:
    """What the worker does with the queued refreshes."""
    done = []
    for row in queued():
        done.append(refresh_dashboard_task.call(*row.args_kwargs["args"]))
        row.delete()
    return done


def test_after_a_write_the_last_figures_are_served_stale_then_refreshed(
    demo: Any, expensive: None, django_capture_on_commit_callbacks: Any
) -> None:
    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    first = queries.served(monitor, f)
    assert not first.stale
    _report_queryset_update(demo.seed_plan)  # moves the totals
    live = queries.live_dashboard(monitor, f)
    assert live["totals"] != first.data["totals"]
    with django_capture_on_commit_callbacks(execute=True):
        second = queries.served(monitor, f)
        third = queries.served(monitor, f)
    # Served at once, with the figures and the time of the last computation...
    assert second.stale and third.stale
    assert second.data == first.data and second.as_of == first.as_of
    assert not queries.is_fresh(monitor, f)
    # ...and one refresh queued for the view, however many times it is opened meanwhile.
    assert len(queued()) == 1
    assert run_queued() == [True]
    assert queries.is_fresh(monitor, f)
    fourth = queries.served(monitor, f)
    assert not fourth.stale
    assert fourth.data == live
    assert fourth.as_of > first.as_of
    assert queued() == []


def test_figures_past_the_staleness_bound_are_recomputed_in_the_request(
    demo: Any, expensive: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A stopped worker costs the user waiting, never figures older than the bound."""
    settings.MONITORING_STALE_SECONDS = 0
    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    queries.served(monitor, f)
    _report_queryset_update(demo.seed_plan)
    with django_capture_on_commit_callbacks(execute=True):
        after = queries.served(monitor, f)
    assert not after.stale
    assert after.data == queries.live_dashboard(monitor, f)
    assert queued() == []


def test_an_old_entry_at_the_current_version_is_checked_in_the_background(
    demo: Any, expensive: None, django_capture_on_commit_callbacks: Any
) -> None:
    """Only a lost trigger could make it wrong: it is served (not marked stale) and
    recomputed by the worker, so such a loss costs one view, not the rest of the day."""
    import datetime
    from dataclasses import replace

    from django.core.cache import cache

    from monitoring.queries.cache import REVALIDATE_SECONDS, Entry, cache_key

    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    first = queries.served(monitor, f)
    key = cache_key(monitor, f)
    kept = cache.get(key)
    assert isinstance(kept, Entry)
    old = first.as_of - datetime.timedelta(seconds=REVALIDATE_SECONDS + 1)
    cache.set(key, replace(kept, computed_at=old))
    with django_capture_on_commit_callbacks(execute=True):
        again = queries.served(monitor, f)
    assert not again.stale and again.as_of == old and again.data == first.data
    assert len(queued()) == 1
    assert run_queued() == [True]
    assert queries.served(monitor, f).as_of > first.as_of


def test_cheap_views_are_always_recomputed_in_the_request(
    demo: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MONITORING_SYNC_MS = 10**9
    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    queries.served(monitor, f)
    _report_queryset_update(demo.seed_plan)
    with django_capture_on_commit_callbacks(execute=True):
        after = queries.served(monitor, f)
    assert not after.stale and after.data == queries.live_dashboard(monitor, f)
    assert queued() == []


def test_each_user_gets_their_own_refresh(
    demo: Any, expensive: None, django_capture_on_commit_callbacks: Any
) -> None:
    monitor, reporter = demo.user("monitor"), demo.user("ward_reporter")
    f = all_years(demo.seed_plan)
    mine, theirs = queries.served(monitor, f), queries.served(reporter, f)
    assert mine.data != theirs.data
    dataversion.bump()
    with django_capture_on_commit_callbacks(execute=True):
        assert queries.served(monitor, f).stale
        assert queries.served(reporter, f).data == theirs.data
    assert sorted(row.args_kwargs["args"][0] for row in queued()) == sorted(
        [str(monitor.pk), str(reporter.pk)]
    )
    assert run_queued() == [True, True]
    assert queries.served(reporter, f).data == queries.live_dashboard(reporter, f)


def test_a_refresh_for_someone_no_longer_allowed_computes_nothing(demo: Any) -> None:
    reporter = demo.user("ward_reporter")
    unit = Membership.objects.filter(user=reporter).order_by("unit__path").first()
    assert unit is not None
    day = all_years(demo.seed_plan).day.isoformat()
    args = (str(reporter.pk), str(demo.seed_plan.pk), str(unit.unit_id), day, "vi")
    Membership.objects.filter(user=reporter).delete()
    assert refresh_dashboard_task.call(*args) is False
    reporter.is_active = False
    reporter.save(update_fields=["is_active"])
    assert refresh_dashboard_task.call(*args[:2], "", day, "vi") is False


def test_the_page_says_the_figures_are_being_refreshed_and_when_they_are_ready(
    demo: Any, expensive: None, as_persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = as_persona("monitor")
    query = f"plan={demo.seed_plan.pk}&year="
    body = client.get(f"/monitoring/?{query}").content.decode()
    assert 'data-testid="freshness"' not in body
    assert client.get(f"/monitoring/api/summary/?{query}").json()["stale"] is False
    dataversion.bump()
    with django_capture_on_commit_callbacks(execute=True):
        body = client.get(f"/monitoring/?{query}").content.decode()
        data = client.get(f"/monitoring/api/summary/?{query}").json()
    assert 'data-testid="freshness"' in body
    assert "Số liệu tính lúc" in body and "đang tính lại" in body
    assert 'hx-get="/monitoring/fresh/?' in body and 'hx-trigger="every 3s"' in body
    assert data["stale"] is True and data["as_of"]
    poll = client.get(f"/monitoring/fresh/?{query}").content.decode()
    assert "đang tính lại" in poll and "hx-trigger" in poll  # still polling
    run_queued()
    poll = client.get(f"/monitoring/fresh/?{query}").content.decode()
    assert "Đã tính xong số liệu mới" in poll and "hx-trigger" not in poll
    assert 'data-testid="freshness-reload"' in poll
    body = client.get(f"/monitoring/?{query}").content.decode()
    assert 'data-testid="freshness"' not in body
    assert client.get(f"/monitoring/api/summary/?{query}").json()["stale"] is False


def test_the_poll_answers_only_for_plans_the_user_sees(demo: Any, as_persona: Any) -> None:
    import uuid

    client = as_persona("monitor")
    assert client.get(f"/monitoring/fresh/?plan={uuid.uuid4()}&year=").status_code == 404
    assert client.get("/monitoring/fresh/?plan=not-a-uuid&year=").status_code == 404


def test_the_morning_job_computes_the_day_views_opened_lately(
    demo: Any, expensive: None, settings: Any
) -> None:
    """A province officer's first view of the day is ready before they open it."""
    import datetime
    from dataclasses import replace

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from monitoring.tasks import warm_dashboards_task
    from notifications.scheduler import daily_jobs

    assert "warm_dashboards" in {job.name for job in daily_jobs()}
    settings.MONITORING_WARM_DAYS = 7
    monitor, reporter = demo.user("monitor"), demo.user("ward_reporter")
    f = all_years(demo.seed_plan)
    queries.served(monitor, f)  # opened today: remembered
    queries.served(reporter, f)
    tomorrow = replace(f, today=f.day + datetime.timedelta(days=1))
    reporter.is_active = False  # left the service: forgotten
    reporter.save(update_fields=["is_active"])
    assert warm_dashboards_task.call(tomorrow.day.isoformat()) == 1
    with CaptureQueriesContext(connection) as ctx:
        morning = queries.served(monitor, tomorrow)
    assert not morning.stale and morning.data == queries.live_dashboard(monitor, tomorrow)
    # Served from the morning's entry: no report table read in the request.
    assert not [q for q in ctx.captured_queries if "reporting_" in q["sql"]]
    # A view not opened for longer than MONITORING_WARM_DAYS is no longer computed.
    later = f.day + datetime.timedelta(days=9)
    assert warm_dashboards_task.call(later.isoformat()) == 0
