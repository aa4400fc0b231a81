"""What each persona may see, straight from ``visible_to``."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from documents.models import Document
from plans.models import Plan, Task


@pytest.mark.django_db
class TestPlanVisibility:
    def test_the_monitoring_officer_sees_every_plan(self, demo: Any) -> None:
        visible = Plan.objects.visible_to(demo.user("monitor"))
        assert set(visible) == set(Plan.objects.all())

    def test_a_unit_sees_its_own_draft_but_not_another_units(self, demo: Any) -> None:
        reporter = Plan.objects.visible_to(demo.user("reporter"))
        assert demo.ward_plan in reporter
        assert demo.city_plan not in reporter
        manager = Plan.objects.visible_to(demo.user("manager"))
        assert demo.city_plan in manager
        assert demo.ward_plan not in manager

    def test_the_outsider_sees_only_published_plans(self, demo: Any) -> None:
        visible = set(Plan.objects.visible_to(demo.user("outsider")))
        assert visible == set(Plan.objects.filter(is_published=True))

    def test_anonymous_sees_only_published(self, demo: Any) -> None:
        anon = AnonymousUser()
        assert set(Plan.objects.visible_to(anon)) == set(Plan.objects.filter(is_published=True))
        assert not Document.objects.visible_to(anon).filter(is_published=False).exists()

    def test_tasks_follow_their_plan_and_assignments(self, demo: Any) -> None:
        ward_task = demo.ward_plan.tasks.get()
        assert ward_task in Task.objects.visible_to(demo.user("reporter"))
        assert ward_task not in Task.objects.visible_to(demo.user("outsider"))
        assert ward_task not in Task.objects.visible_to(demo.user("supervisor"))
        assert ward_task in Task.objects.visible_to(demo.user("monitor"))
