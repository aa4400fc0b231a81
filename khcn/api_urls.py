"""REST API routes (token or session authentication; same scoping as the pages)."""

from rest_framework.routers import DefaultRouter

from documents.api.views import DocumentViewSet
from orgunits.api.views import OrgUnitViewSet
from plans.api.views import PlanViewSet, TaskViewSet

router = DefaultRouter()
router.register("units", OrgUnitViewSet, basename="unit")
router.register("documents", DocumentViewSet, basename="document")
router.register("plans", PlanViewSet, basename="plan")
router.register("tasks", TaskViewSet, basename="task")

urlpatterns = router.urls
